import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWxConfig, loadWxConfig, parseWxConfig, type WxConfig } from '../../emulator/wx/config.js';
import { WxGrantError, WxOpenApi, charCount, checkValue } from '../../emulator/wx/openapi.js';

const config: WxConfig = parseWxConfig({
  appid: 'wx_test',
  templates: {
    TPL_A: { title: '新专题发布', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' } },
    TPL_B: { title: '承诺到期提醒', fields: { thing1: 'thing', date2: 'date', phrase3: 'phrase' } },
  },
  secCheck: { risky: ['【测试违规词】', 'BadWord'], review: ['【测试待审词】', '加我微信'] },
});

const T0 = Date.UTC(2026, 10, 21, 6, 0, 0);
const fresh = () => new WxOpenApi(config, () => T0);
const dataA = (thing1 = '学习党的二十大精神') => ({
  thing1: { value: thing1 },
  time2: { value: '2026年11月28日 18:00' },
  thing3: { value: '请按时完成' },
});
const sendA = (wx: WxOpenApi, touser = 'o_alice', data: unknown = dataA(), extra: object = {}) =>
  wx.call('subscribeMessage.send', { touser, template_id: 'TPL_A', data, ...extra });
const secCheck = (wx: WxOpenApi, content: unknown, extra: object = {}) =>
  wx.call('security.msgSecCheck', { openid: 'o_alice', version: 2, scene: 2, content, ...extra });

test('call: function permissions and unknown API names', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  const denied = wx.call('subscribeMessage.send', {}, { functionName: 'reminders', permissions: ['security.msgSecCheck'] });
  assert.equal(denied.errcode, -604101);
  assert.match(String(denied.errmsg), /^function has no permission to call this API/);
  assert.equal(wx.call('subscribeMessage.send', {}, { functionName: 'reminders' }).errcode, -604101, 'no permissions at all');
  // With the permission, or without a calling function (tests, admin), the call goes through.
  const ok = sendA(wx);
  assert.equal(ok.errcode, 0);
  const unknown = wx.call('templateMessage.send', {});
  assert.equal(unknown.errcode, -604100);
  assert.match(String(unknown.errmsg), /API not found: templateMessage\.send/);
});

test('call: requestData as the SDK sends it (a JSON string) and malformed requestData', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  const reply = wx.call('subscribeMessage.send', JSON.stringify({ touser: 'o_alice', template_id: 'TPL_A', data: dataA() }));
  assert.deepEqual(reply, { errcode: 0, errmsg: 'ok', msgid: 1 });
  assert.equal(wx.call('subscribeMessage.send', '').errcode, 40003, "'' (falsy requestData) is an empty request");
  assert.equal(wx.call('subscribeMessage.send', '{nope').errcode, 47001);
  assert.equal(wx.call('security.msgSecCheck', [1, 2]).errcode, 47001);
});

test('subscribeMessage.send: errcodes for touser, template, page, state and lang', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  assert.equal(wx.call('subscribeMessage.send', { template_id: 'TPL_A', data: dataA() }).errcode, 40003);
  assert.equal(sendA(wx, '').errcode, 40003);
  assert.equal(sendA(wx, 'o alice').errcode, 40003);
  assert.equal(wx.call('subscribeMessage.send', { touser: 'o_alice', template_id: 'TPL_X', data: dataA() }).errcode, 40037);
  assert.equal(wx.call('subscribeMessage.send', { touser: 'o_alice', data: dataA() }).errcode, 40037);
  assert.equal(wx.call('subscribeMessage.send', { touser: 'o_alice', template_id: 'constructor', data: dataA() }).errcode, 40037);
  assert.equal(sendA(wx, 'o_alice', dataA(), { page: 42 }).errcode, 41030);
  assert.equal(sendA(wx, 'o_alice', dataA(), { miniprogram_state: 'production' }).errcode, 40097);
  assert.equal(sendA(wx, 'o_alice', dataA(), { lang: 'fr_FR' }).errcode, 40097);
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 1, TPL_B: 0 }, 'failed sends keep the consent');
});

test('subscribeMessage.send: data keys must be exactly the template fields (47003)', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  const { thing3: _drop, ...missing } = dataA();
  const r1 = sendA(wx, 'o_alice', missing);
  assert.equal(r1.errcode, 47003);
  assert.match(String(r1.errmsg), /^argument invalid! data\.thing3 is missing/);
  const r2 = sendA(wx, 'o_alice', { ...dataA(), thing9: { value: 'x' } });
  assert.equal(r2.errcode, 47003);
  assert.match(String(r2.errmsg), /data\.thing9 is not a field of template TPL_A/);
  assert.match(String(wx.call('subscribeMessage.send', { touser: 'o_alice', template_id: 'TPL_A' }).errmsg), /^argument invalid! data is empty/);
  assert.match(String(sendA(wx, 'o_alice', [dataA()]).errmsg), /^argument invalid! data is empty/);
  assert.match(String(sendA(wx, 'o_alice', { ...dataA(), thing3: { value: '  ' } }).errmsg), /data\.thing3\.value is empty/);
  assert.match(String(sendA(wx, 'o_alice', { ...dataA(), thing3: '请按时完成' }).errmsg), /data\.thing3\.value is empty/);
  assert.match(String(sendA(wx, 'o_alice', { ...dataA(), thing3: { value: 7 } }).errmsg), /data\.thing3\.value invalid: must be a string/);
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 1, TPL_B: 0 }, 'validation errors never consume quota');
});

test('subscribeMessage.send: thing is at most 20 characters, counting Chinese and emoji as one each', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  const chinese20 = '学'.repeat(20);
  const emoji20 = '党建👍' + '学'.repeat(16) + '👨‍👩‍👧'; // 👍 is 2 UTF-16 units, the family 8: each is one character
  assert.equal(charCount(chinese20), 20);
  assert.equal(charCount(emoji20), 20);
  const r21 = sendA(wx, 'o_alice', dataA(chinese20 + '习'));
  assert.equal(r21.errcode, 47003);
  assert.match(String(r21.errmsg), /^argument invalid! data\.thing1\.value invalid: 21 characters, thing allows at most 20/);
  assert.equal(sendA(wx, 'o_alice', dataA(emoji20 + '🎉')).errcode, 47003);
  assert.equal(sendA(wx, 'o_alice', dataA('a'.repeat(21))).errcode, 47003);
  assert.equal(sendA(wx, 'o_alice', dataA(emoji20)).errcode, 0);
  wx.grantSubscription('o_alice', ['TPL_A']);
  assert.equal(sendA(wx, 'o_alice', dataA(chinese20)).errcode, 0);
});

test('subscribeMessage.send: value rules per field type', () => {
  const ok = (type: Parameters<typeof checkValue>[0], value: string) => assert.equal(checkValue(type, value), undefined, `${type} ${value}`);
  const no = (type: Parameters<typeof checkValue>[0], value: string) => assert.ok(checkValue(type, value), `${type} ${value} should fail`);
  ok('phrase', '进行中'); ok('phrase', '已经完成了'); no('phrase', '已经完成了吗'); no('phrase', 'done'); no('phrase', '完成1');
  ok('name', '张三'); ok('name', '欧阳娜娜娜娜娜娜娜娜'); no('name', '欧阳娜娜娜娜娜娜娜娜娜'); ok('name', 'John Smith');
  ok('name', 'A'.repeat(20)); no('name', 'A'.repeat(21)); no('name', '张三3');
  ok('number', '12345'); ok('number', '3.5'); ok('number', '9'.repeat(32)); no('number', '9'.repeat(33)); no('number', '12a'); no('number', '-1');
  ok('character_string', 'RP-2026/11#01'); ok('character_string', 'x'.repeat(32)); no('character_string', 'x'.repeat(33)); no('character_string', '编号1');
  no('character_string', 'a b');
  ok('letter', 'abc'); no('letter', 'ab1'); ok('symbol', '★'); ok('symbol', '!?#%&'); no('symbol', '!?#%&*'); no('symbol', 'a!');
  ok('amount', '¥29.90'); ok('amount', '100元'); ok('amount', '0.01'); no('amount', '¥12345678901'); no('amount', '29.9.0');
  ok('phone_number', '+86-0766-66888866'); no('phone_number', '1'.repeat(18)); no('phone_number', 'call me');
  ok('car_number', '粤A8Z888挂'); ok('car_number', '京A12345'); no('car_number', '粤A8Z8888挂'); no('car_number', 'A粤8888');
  ok('time', '15:01'); ok('time', '2026年11月21日 14:00'); ok('time', '2026-11-21 14:00'); ok('time', '2026-11-21 14:00:30');
  ok('time', '2026年11月21日14:00'); ok('time', '2026年11月21日 14:00~16:30'); ok('time', '14:00 ~ 2026-11-22 16:00');
  no('time', '2026年11月21日'); no('time', '25:00'); no('time', '14点'); no('time', '2026-11-21T14:00'); no('time', '14:00~15:00~16:00');
  ok('date', '2026年11月21日'); ok('date', '2026-11-21'); ok('date', '2026/11/21'); ok('date', '2026年11月21日 14:00');
  ok('date', '2026年11月21日~2026年11月28日'); ok('date', '2026年11月21日 14:00~16:00');
  no('date', '14:00'); no('date', '2026-02-30'); no('date', '2026年13月1日'); no('date', '21/11/2026');
  ok('date', '2028-02-29'); no('date', '2026-02-29');
});

test('subscribeMessage.send: one consent = one send, per template and per user', () => {
  const wx = fresh();
  const dataB = { thing1: { value: '每月走访一户困难群众' }, date2: { value: '2026年12月31日' }, phrase3: { value: '进行中' } };
  const sendB = (touser: string) => wx.call('subscribeMessage.send', { touser, template_id: 'TPL_B', data: dataB });

  const none = sendA(wx);
  assert.deepEqual(none, { errcode: 43101, errmsg: 'user refuse to accept the msg' }, 'no consent, no send');

  assert.deepEqual(wx.grantSubscription('o_alice', ['TPL_A']), { TPL_A: 'accept' });
  assert.equal(sendA(wx).errcode, 0);
  assert.equal(sendA(wx).errcode, 43101, 'the consent is spent');

  wx.grantSubscription('o_alice', ['TPL_A']);
  wx.grantSubscription('o_alice', ['TPL_A']);
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 2, TPL_B: 0 }, 'consents accumulate');
  assert.equal(sendA(wx).errcode, 0);
  assert.equal(sendA(wx).errcode, 0);
  assert.equal(sendA(wx).errcode, 43101);

  assert.deepEqual(wx.grantSubscription('o_alice', ['TPL_A', 'TPL_B'], false), { TPL_A: 'reject', TPL_B: 'reject' });
  assert.deepEqual(wx.quota('o_alice'), { TPL_A: 0, TPL_B: 0 }, 'a rejection gives nothing');
  assert.equal(sendA(wx).errcode, 43101);

  wx.grantSubscription('o_alice', ['TPL_B']);
  assert.equal(sendA(wx).errcode, 43101, 'consent is per template');
  assert.equal(sendB('o_bob').errcode, 43101, 'consent is per user');
  assert.equal(sendB('o_alice').errcode, 0);
  assert.deepEqual(wx.quota('o_bob'), { TPL_A: 0, TPL_B: 0 });

  wx.grantSubscription('o_bob', ['TPL_A', 'TPL_A', 'TPL_B']);
  assert.deepEqual(wx.quota('o_bob'), { TPL_A: 1, TPL_B: 1 }, 'a template listed twice in one prompt is one consent');
});

test('grantSubscription refuses what wx.requestSubscribeMessage refuses', () => {
  const wx = fresh();
  assert.throws(() => wx.grantSubscription('o_alice', ['TPL_X']), WxGrantError);
  assert.throws(() => wx.grantSubscription('o_alice', []), /templateIds is empty/);
  assert.throws(() => wx.grantSubscription('', ['TPL_A']), /invalid openid/);
  const four = new WxOpenApi(
    parseWxConfig({ templates: Object.fromEntries(['T1', 'T2', 'T3', 'T4'].map((t) => [t, { title: t, fields: { thing1: 'thing' } }])) }),
  );
  assert.throws(() => four.grantSubscription('o_alice', ['T1', 'T2', 'T3', 'T4']), /at most 3 templates/);
  assert.deepEqual(four.quota('o_alice'), { T1: 0, T2: 0, T3: 0, T4: 0 }, 'a refused request grants nothing');
});

test('outbox records every sent message, newest last, and clears', () => {
  let now = T0;
  const wx = new WxOpenApi(config, () => now);
  wx.grantSubscription('o_alice', ['TPL_A']);
  wx.grantSubscription('o_bob', ['TPL_A']);
  const r1 = wx.call(
    'subscribeMessage.send',
    { touser: 'o_alice', template_id: 'TPL_A', page: 'pages/topic/index?id=t1', data: dataA(), miniprogram_state: 'formal', lang: 'zh_CN' },
    { functionName: 'reminders', permissions: ['subscribeMessage.send'] },
  );
  now += 60_000;
  const r2 = sendA(wx, 'o_bob');
  sendA(wx, 'o_bob'); // no quota left: not in the outbox
  assert.deepEqual(wx.outbox, [
    {
      id: r1.msgid, at: '2026-11-21T06:00:00.000Z', touser: 'o_alice', template_id: 'TPL_A', page: 'pages/topic/index?id=t1',
      data: dataA(), miniprogram_state: 'formal', lang: 'zh_CN', functionName: 'reminders', title: '新专题发布',
    },
    { id: r2.msgid, at: '2026-11-21T06:01:00.000Z', touser: 'o_bob', template_id: 'TPL_A', data: dataA(), title: '新专题发布' },
  ]);
  assert.notEqual(r1.msgid, r2.msgid);
  assert.equal(wx.clearOutbox(), 2);
  assert.deepEqual(wx.outbox, []);
  assert.equal(wx.clearOutbox(), 0);
});

test('security.msgSecCheck: argument errcodes', () => {
  const wx = fresh();
  assert.equal(wx.call('security.msgSecCheck', { version: 2, scene: 2, content: 'hi' }).errcode, 40003);
  assert.equal(secCheck(wx, 'hi', { openid: 'not an openid' }).errcode, 40003);
  assert.equal(secCheck(wx, 'hi', { version: 1 }).errcode, 40097);
  assert.equal(secCheck(wx, 'hi', { version: undefined }).errcode, 40097);
  for (const scene of [0, 5, 2.5, '2', undefined]) assert.equal(secCheck(wx, 'hi', { scene }).errcode, 40129, `scene ${String(scene)}`);
  for (const scene of [1, 2, 3, 4]) assert.equal(secCheck(wx, 'hi', { scene }).errcode, 0);
  assert.equal(secCheck(wx, '').errcode, 44002);
  assert.equal(secCheck(wx, undefined).errcode, 44002);
  assert.equal(secCheck(wx, 42).errcode, 47001);
  assert.equal(secCheck(wx, 'hi', { title: 7 }).errcode, 47001);
  assert.equal(secCheck(wx, '学'.repeat(2500)).errcode, 0);
  const long = secCheck(wx, '学'.repeat(2501));
  assert.equal(long.errcode, 45002);
  assert.match(String(long.errmsg), /2501 characters, at most 2500/);
});

test('security.msgSecCheck: pass, review and risky, also when a word is spaced out', () => {
  const wx = fresh();
  const pass = secCheck(wx, '今天参加了主题党日活动,收获很大。');
  assert.equal(pass.errcode, 0);
  assert.equal(pass.errmsg, 'ok');
  assert.deepEqual(pass.result, { suggest: 'pass', label: 100 });
  assert.deepEqual(pass.detail, [
    { strategy: 'keyword', errcode: 0 },
    { strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 },
  ]);
  assert.match(String(pass.trace_id), /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  assert.notEqual(secCheck(wx, 'x').trace_id, pass.trace_id);

  const review = secCheck(wx, '有事加我微信聊');
  assert.deepEqual(review.result, { suggest: 'review', label: 21000 });
  assert.deepEqual((review.detail as object[])[0], { strategy: 'keyword', errcode: 0, suggest: 'review', label: 21000, level: 90, keyword: '加我微信' });

  const risky = secCheck(wx, '这里有【测试违规词】');
  assert.deepEqual(risky.result, { suggest: 'risky', label: 20006 });
  assert.equal((risky.detail as { keyword?: string }[])[0]!.keyword, '【测试违规词】');
  assert.deepEqual(secCheck(wx, '【测试待审词】和【测试违规词】').result, { suggest: 'risky', label: 20006 }, 'risky wins over review');

  // Whitespace (spaces, tabs, newlines, full-width and zero-width spaces) is removed before matching.
  for (const spaced of ['【测 试 违 规 词】', '【测试\t违规\n词】', '【测试\u3000违规词】', '【测试\u200b违规词】'])
    assert.equal((secCheck(wx, spaced).result as { suggest: string }).suggest, 'risky', JSON.stringify(spaced));
  assert.equal((secCheck(wx, '加 我 微 信').result as { suggest: string }).suggest, 'review');
  // Case-insensitive, full-width letters folded.
  for (const v of ['badword', 'B A D W O R D', 'ＢａｄＷｏｒｄ'])
    assert.deepEqual(secCheck(wx, `say ${v}`).result, { suggest: 'risky', label: 20006 }, v);
  assert.equal((secCheck(wx, 'say BadWord').detail as { keyword?: string }[])[0]!.keyword, 'BadWord', 'reports the configured word');
  // title, nickname and signature are checked too, each on its own.
  assert.equal((secCheck(wx, '正常内容', { title: '【测试违规词】' }).result as { suggest: string }).suggest, 'risky');
  assert.equal((secCheck(wx, '正常内容', { nickname: '加我微信' }).result as { suggest: string }).suggest, 'review');
  assert.equal((secCheck(wx, '微信', { title: '加我' }).result as { suggest: string }).suggest, 'pass');
});

test('the default config: no templates, nothing flagged', () => {
  const wx = new WxOpenApi(defaultWxConfig());
  assert.deepEqual(wx.quota('o_alice'), {});
  assert.equal(sendA(wx).errcode, 40037);
  assert.deepEqual(secCheck(wx, '【测试违规词】').result, { suggest: 'pass', label: 100 });
});

test('config loader: the product file, defaults, and clear errors', () => {
  const product = loadWxConfig(new URL('../../cloudfunctions/wx.local.json', import.meta.url).pathname);
  assert.ok(Object.keys(product.templates).length >= 5);
  assert.deepEqual(product.templates.TPL_ACTIVITY_START!.fields, { thing1: 'thing', time2: 'time', thing3: 'thing' });
  assert.ok(product.secCheck.risky.length > 0 && product.secCheck.review.length > 0);

  const dir = mkdtempSync(join(tmpdir(), 'wx-config-'));
  assert.deepEqual(loadWxConfig(undefined), defaultWxConfig());
  assert.deepEqual(loadWxConfig(join(dir, 'absent.json')), defaultWxConfig());

  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ templates: { T: { title: 't', fields: { character_string1: 'character_string' } } } }));
  assert.deepEqual(loadWxConfig(good), {
    appid: 'wx_local_emulator',
    templates: { T: { title: 't', fields: { character_string1: 'character_string' } } },
    secCheck: { risky: [], review: [] },
    mediaCheck: { risky: [], review: [] },
  });

  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ templates: ');
  assert.throws(() => loadWxConfig(notJson), (e: Error) => e.message.startsWith(`invalid wx config ${notJson}: not JSON`));

  const bad = (json: unknown, pattern: RegExp) => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, JSON.stringify(json));
    assert.throws(() => loadWxConfig(f), (e: Error) => e.message.startsWith(`invalid wx config ${f}`) && pattern.test(e.message), pattern.source);
  };
  bad({ templates: { T: { title: 't', fields: { thing1: 'thingy' } } } }, /templates\.T\.fields\.thing1/);
  bad({ templates: { T: { title: 't', fields: { thing1: 'time' } } } }, /field key "thing1" must be its type "time"/);
  bad({ templates: { T: { title: 't', fields: {} } } }, /at least one field/);
  bad({ templates: { T: { title: 't', fields: { thing1: 'thing' }, labels: { thing2: 'x' } } } }, /not a field/);
  bad({ secCheck: { risky: ['ok', ''] } }, /secCheck\.risky/);
  bad({ template: {} }, /template/);
});

test('security.mediaCheckAsync: argument errcodes; an accepted check answers a trace id and is handed on, never decided inline', () => {
  const wx = fresh();
  const seen: Array<{ traceId: string; mediaUrl: string; openid: string }> = [];
  wx.onMediaCheck = (c) => seen.push(c);
  const check = (extra: object = {}) => wx.call('security.mediaCheckAsync', { openid: 'o_alice', version: 2, scene: 3, media_type: 2, media_url: 'http://127.0.0.1:1/_emulator/files/b/a.png?sign=x&t=1', ...extra });
  assert.equal(check({ openid: '' }).errcode, 40003);
  assert.equal(check({ version: 1 }).errcode, 40097);
  assert.equal(check({ scene: 9 }).errcode, 40129);
  assert.equal(check({ media_type: 3 }).errcode, 40097);
  assert.equal(check({ media_url: 'cloud://redpark-local.7265-redpark-local-1250000000/a.png' }).errcode, 47001, 'WeChat must be able to fetch it');
  assert.equal(seen.length, 0, 'refused checks are not queued');
  const ok = check();
  assert.equal(ok.errcode, 0);
  assert.equal(typeof ok.trace_id, 'string');
  assert.equal('result' in ok, false, 'the result comes later, as a message event');
  assert.deepEqual(seen.map((c) => [c.traceId, c.openid]), [[ok.trace_id, 'o_alice']]);
  assert.equal(wx.call('security.mediaCheckAsync', {}, { functionName: 'files', permissions: ['security.msgSecCheck'] }).errcode, -604101);
});

test('subscribeMessage.send: 43108 for a second send to one openid while one is in flight; others go through', async () => {
  const wx = fresh();
  wx.sendHoldMs = 30;
  wx.grantSubscription('o_alice', ['TPL_A']);
  wx.grantSubscription('o_alice', ['TPL_A']);
  wx.grantSubscription('o_bob', ['TPL_A']);
  const body = (touser: string) => ({ touser, template_id: 'TPL_A', data: dataA() });
  const [a1, a2, b1] = await Promise.all([
    wx.callAsync('subscribeMessage.send', body('o_alice')),
    wx.callAsync('subscribeMessage.send', body('o_alice')),
    wx.callAsync('subscribeMessage.send', body('o_bob')),
  ]);
  assert.equal(a1.errcode, 0);
  assert.equal(a2.errcode, 43108);
  assert.equal(b1.errcode, 0);
  assert.equal(wx.quota('o_alice').TPL_A, 1, 'the refused send spent nothing');
  // One after the other is fine.
  assert.equal((await wx.callAsync('subscribeMessage.send', body('o_alice'))).errcode, 0);
  assert.equal(wx.outbox.length, 3);
});

test('subscribeMessage.send: 45168 for a risky word in a field; injected faults spend no quota', () => {
  const wx = fresh();
  wx.grantSubscription('o_alice', ['TPL_A']);
  assert.equal(sendA(wx, 'o_alice', dataA('学习【测试违规词】')).errcode, 45168);
  wx.failSends({ errcode: -1, times: 2 });
  assert.equal(sendA(wx).errcode, -1);
  assert.equal(sendA(wx).errcode, -1);
  wx.failSends({ errcode: 41030, touser: 'o_bob', times: 1 });
  assert.equal(sendA(wx).errcode, 0, 'a fault for bob does not touch alice');
  assert.equal(wx.quota('o_alice').TPL_A, 0);
  assert.equal(wx.clearSendFaults(), 1);
});
