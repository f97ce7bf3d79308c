import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { parseWxConfig } from '../../emulator/wx/config.js';
import { WxOpenApi } from '../../emulator/wx/openapi.js';
import { handleWxRoute } from '../../emulator/wx/routes.js';

const config = parseWxConfig({
  templates: {
    TPL_A: { title: '志愿活动开始提醒', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' } },
    TPL_B: { title: '主题党日提醒', fields: { thing1: 'thing', time2: 'time' } },
  },
});
const data = { thing1: { value: '社区环境整治' }, time2: { value: '2026-11-21 14:00' }, thing3: { value: '园区东门' } };
const q = (s = '') => new URLSearchParams(s);
const route = (wx: WxOpenApi, method: string, path: string, body?: unknown) => {
  const url = new URL(path, 'http://127.0.0.1');
  return handleWxRoute(wx, method, url.pathname, url.searchParams, body);
};
const send = (wx: WxOpenApi, touser: string) => wx.call('subscribeMessage.send', { touser, template_id: 'TPL_A', data });

test('paths that are not ours are left to the server', () => {
  const wx = new WxOpenApi(config);
  for (const path of ['/admin', '/_emulator/stats', '/_emulator/wx', '/_emulator/outbox/1', '/_emulator/wx/quota/'])
    assert.equal(handleWxRoute(wx, 'GET', path, q(), undefined), undefined, path);
});

test('POST /_emulator/wx/subscriptions grants (or rejects) one send per template', () => {
  const wx = new WxOpenApi(config);
  assert.deepEqual(route(wx, 'POST', '/_emulator/wx/subscriptions', { openid: 'o_alice', templateIds: ['TPL_A', 'TPL_B'] }), {
    status: 200,
    body: { TPL_A: 'accept', TPL_B: 'accept' },
  });
  assert.deepEqual(route(wx, 'POST', '/_emulator/wx/subscriptions', JSON.stringify({ openid: 'o_alice', templateIds: ['TPL_A'], accept: false })), {
    status: 200,
    body: { TPL_A: 'reject' },
  }, 'a raw JSON body works too');
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 1, TPL_B: 1 });
  assert.equal(send(wx, 'o_alice').errcode, 0);
  assert.equal(send(wx, 'o_alice').errcode, 43101);
});

test('POST /_emulator/wx/subscriptions rejects bad input with 400 and a clear message', () => {
  const wx = new WxOpenApi(config);
  const cases: [unknown, RegExp][] = [
    [undefined, /body must be \{openid, templateIds/],
    ['{not json', /body must be/],
    [{ templateIds: ['TPL_A'] }, /openid/],
    [{ openid: 'o_alice' }, /templateIds/],
    [{ openid: 'o_alice', templateIds: 'TPL_A' }, /templateIds/],
    [{ openid: 'o_alice', templateIds: [] }, /templateIds/],
    [{ openid: 'o_alice', templateIds: ['TPL_A'], accept: 'yes' }, /accept/],
    [{ openid: 'o_alice', templateIds: ['TPL_A'], extra: 1 }, /extra/],
    [{ openid: 'o_alice', templateIds: ['TPL_X'] }, /unknown template id TPL_X/],
    [{ openid: 'o alice', templateIds: ['TPL_A'] }, /invalid openid/],
  ];
  for (const [body, pattern] of cases) {
    const r = route(wx, 'POST', '/_emulator/wx/subscriptions', body);
    assert.equal(r?.status, 400, JSON.stringify(body));
    const b = r!.body as { code: string; message: string };
    assert.equal(b.code, 'INVALID_PARAM');
    assert.match(b.message, pattern, JSON.stringify(body));
  }
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 0, TPL_B: 0 });
  assert.equal(route(wx, 'GET', '/_emulator/wx/subscriptions')?.status, 405);
});

test('GET /_emulator/wx/quota?openid=', () => {
  const wx = new WxOpenApi(config);
  wx.grantSubscription('o_alice', ['TPL_B']);
  wx.grantSubscription('o_alice', ['TPL_B']);
  assert.deepEqual(route(wx, 'GET', '/_emulator/wx/quota?openid=o_alice'), { status: 200, body: { openid: 'o_alice', quota: { TPL_A: 0, TPL_B: 2 } } });
  assert.deepEqual(route(wx, 'GET', '/_emulator/wx/quota?openid=o_bob'), { status: 200, body: { openid: 'o_bob', quota: { TPL_A: 0, TPL_B: 0 } } });
  const missing = route(wx, 'GET', '/_emulator/wx/quota');
  assert.equal(missing?.status, 400);
  assert.match((missing!.body as { message: string }).message, /openid is required/);
  assert.equal(route(wx, 'POST', '/_emulator/wx/quota?openid=o_alice')?.status, 405);
});

test('GET and DELETE /_emulator/outbox', () => {
  let now = Date.UTC(2026, 10, 21, 6, 0, 0);
  const wx = new WxOpenApi(config, () => now);
  assert.deepEqual(route(wx, 'GET', '/_emulator/outbox'), { status: 200, body: [] });
  wx.grantSubscription('o_alice', ['TPL_A']);
  wx.grantSubscription('o_bob', ['TPL_A']);
  send(wx, 'o_alice');
  now += 1000;
  send(wx, 'o_bob');
  const list = route(wx, 'GET', '/_emulator/outbox')!.body as { touser: string; at: string }[];
  assert.deepEqual(list.map((m) => [m.touser, m.at]), [['o_alice', '2026-11-21T06:00:00.000Z'], ['o_bob', '2026-11-21T06:00:01.000Z']], 'newest last');
  list.pop();
  assert.equal(wx.outbox.length, 2, 'the list is a copy');
  assert.deepEqual((route(wx, 'GET', '/_emulator/outbox?touser=o_bob')!.body as { touser: string }[]).map((m) => m.touser), ['o_bob']);
  assert.deepEqual(route(wx, 'DELETE', '/_emulator/outbox'), { status: 200, body: { cleared: 2 } });
  assert.deepEqual(route(wx, 'GET', '/_emulator/outbox'), { status: 200, body: [] });
  assert.deepEqual(route(wx, 'DELETE', '/_emulator/outbox'), { status: 200, body: { cleared: 0 } });
  assert.equal(route(wx, 'POST', '/_emulator/outbox')?.status, 405);
});
