// The local gateway the H5 build uses: POST /functions/<name> with X-Redpark-Openid.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

describe('local gateway', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--local', '--manual-timers'] });
  });
  afterAll(() => emu?.stop());

  test('a call carries the header identity as the WeChat client', async () => {
    const r = await emu.gateway('echo', { data: { page: '我的' } }, 'o_li');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.result.event, { page: '我的' });
    assert.deepEqual(r.body.result.fromContext, { openid: 'o_li', appid: 'wx_redpark_local', source: 'wx_client' });
  });

  test('50 concurrent callers with different openids each see only their own identity', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => emu.gateway('echo', { data: { i } }, `o_gw_${i}`)));
    replies.forEach((r, i) => {
      assert.equal(r.status, 200);
      assert.equal(r.body.result.event.i, i);
      assert.equal(r.body.result.fromContext.openid, `o_gw_${i}`);
    });
  });

  test('bad requests get clear errors and run nothing', async () => {
    const before = (await emu.api('GET', '/_emulator/functions/calls?limit=1000')).length;
    const unknown = await emu.gateway('nope', { data: {} }, 'o_li');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'FUNCTION_NOT_FOUND');
    const badJson = await emu.gateway('echo', '{"data": ', 'o_li');
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.error.code, 'INVALID_REQUEST');
    assert.match(badJson.body.error.message, /not JSON/);
    const notObject = await emu.gateway('echo', '[1,2]', 'o_li');
    assert.equal(notObject.status, 400);
    const anonymous = await emu.gateway('echo', { data: {} });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'UNAUTHENTICATED');
    assert.match(anonymous.body.error.message, /x-redpark-openid/i);
    const weird = await emu.gateway('echo', { data: {} }, 'o li; drop');
    assert.equal(weird.status, 401);
    const after = (await emu.api('GET', '/_emulator/functions/calls?limit=1000')).length;
    assert.equal(after, before, 'no function ran for a rejected request');
  });

  test('function failures come back as { error: { code, message } }', async () => {
    const r = await emu.gateway('boom', { data: { message: '出错了' } }, 'o_li');
    assert.equal(r.status, 502);
    assert.equal(r.body.error.code, 'FUNCTIONS_EXECUTE_FAIL');
    assert.match(r.body.error.message, /出错了/);
    const t = await emu.gateway('slow', { data: { ms: 3000 } }, 'o_li');
    assert.equal(t.status, 504);
    assert.equal(t.body.error.code, 'FUNCTIONS_TIME_LIMIT_EXCEEDED');
  });
});

describe('gateway outside local mode', () => {
  test('is off', async () => {
    const emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--manual-timers'] });
    try {
      const r = await emu.gateway('echo', { data: {} }, 'o_li');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'GATEWAY_OFF');
    } finally {
      await emu.stop();
    }
  });
});
