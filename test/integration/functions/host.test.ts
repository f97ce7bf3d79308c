// The function host through the real SDK's callFunction: identity, isolation, timeouts, crashes,
// function-to-function calls, cold and warm instances, the instance cap.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

type Echo = {
  event: Record<string, unknown>;
  fromContext: { openid: string | null; appid: string | null; source: string | null };
  fromAuth: { openId: string | null; appId: string | null };
  fromEnv: { openid: string | null };
  now: string;
};

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; message: string };
    assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected a ${code} rejection`);
}

describe('function host', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--max-instances', '4', '--manual-timers'] });
  });
  afterAll(() => emu?.stop());

  test('a WeChat client caller: identity from env, context.environment and auth().getUserInfo() agree', async () => {
    const { result } = await emu.appAs('o_wangfang').callFunction({ name: 'echo', data: { hello: '党员' } });
    const r = result as Echo;
    assert.deepEqual(r.event, { hello: '党员' });
    assert.deepEqual(r.fromContext, { openid: 'o_wangfang', appid: 'wx_redpark_local', source: 'wx_client' });
    assert.deepEqual(r.fromAuth, { openId: 'o_wangfang', appId: 'wx_redpark_local' });
    assert.equal(r.fromEnv.openid, 'o_wangfang');
  });

  test('an admin caller has no WeChat identity, and an identity in the payload is just data', async () => {
    const { result } = await emu.app().callFunction({ name: 'echo', data: { openid: 'o_forged', WX_OPENID: 'o_forged' } });
    const r = result as Echo;
    assert.equal(r.fromContext.openid, null);
    assert.equal(r.fromAuth.openId, null);
    assert.equal(r.fromContext.source, 'admin');
  });

  test('50 concurrent callers with different openids each see only their own identity', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => emu.appAs(`o_member_${i}`).callFunction({ name: 'echo', data: { i } })),
    );
    results.forEach(({ result }, i) => {
      const r = result as Echo;
      assert.equal(r.event.i, i);
      assert.equal(r.fromContext.openid, `o_member_${i}`);
      assert.equal(r.fromAuth.openId, `o_member_${i}`);
    });
    const fns = await emu.api('GET', '/_emulator/functions');
    assert.ok(fns.find((f: { name: string }) => f.name === 'echo').instances <= 4, 'never more instances than the cap');
  });

  test('a function calling another: same user, source chain wx_client,scf', async () => {
    const { result } = await emu.appAs('o_chain').callFunction({ name: 'chain', data: { x: 1 } });
    const r = result as Echo;
    assert.deepEqual(r.event, { via: 'chain', event: { x: 1 } });
    assert.equal(r.fromContext.openid, 'o_chain');
    assert.equal(r.fromContext.source, 'wx_client,scf');
  });

  test('the timeout in config.json kills the instance and returns the platform timeout error', async () => {
    const t = Date.now();
    await rejects(emu.app().callFunction({ name: 'slow', data: { ms: 5000 } }), 'FUNCTIONS_TIME_LIMIT_EXCEEDED', /timed out after 1 seconds/);
    assert.ok(Date.now() - t < 3000, 'answered at the 1 s timeout, not after the function finished');
    const { result } = await emu.app().callFunction({ name: 'slow', data: { ms: 10 } });
    assert.deepEqual(result, { slept: 10 });
  });

  test('a thrown error is reported with its message and logs; the instance serves again', async () => {
    await rejects(emu.app().callFunction({ name: 'boom', data: { message: '账本不平' } }), 'FUNCTIONS_EXECUTE_FAIL', /账本不平/);
    const calls = await emu.api('GET', '/_emulator/functions/calls?function=boom');
    const last = calls.at(-1);
    assert.equal(last.ok, false);
    assert.ok(last.logs.some((l: string) => l.includes('about to throw')), JSON.stringify(last.logs));
    await rejects(emu.app().callFunction({ name: 'boom', data: {} }), 'FUNCTIONS_EXECUTE_FAIL', /boom/);
  });

  test('an uncaught exception or process.exit is an error reply, never an emulator crash', async () => {
    await rejects(emu.app().callFunction({ name: 'crash', data: { how: 'uncaught' } }), 'FUNCTIONS_EXECUTE_FAIL', /crashed: uncaught in a timer/);
    await rejects(emu.app().callFunction({ name: 'crash', data: { how: 'exit' } }), 'FUNCTIONS_EXECUTE_FAIL', /exit code 3/);
    const health = await emu.api('GET', '/_emulator/health');
    assert.equal(health.ok, true);
    const { result } = await emu.app().callFunction({ name: 'echo', data: { after: 'crash' } });
    assert.deepEqual((result as Echo).event, { after: 'crash' });
  });

  test('unknown functions, bad config.json and a module without main get clear errors', async () => {
    await rejects(emu.app().callFunction({ name: 'nope', data: {} }), 'FUNCTION_NOT_FOUND', /nope/);
    await rejects(emu.app().callFunction({ name: 'badconfig', data: {} }), 'FUNCTIONS_CONFIG_INVALID', /timeout/);
    await rejects(emu.app().callFunction({ name: 'noexport', data: {} }), 'FUNCTIONS_EXECUTE_FAIL', /does not export main/);
  });

  test('the first call starts an instance (cold), the next one reuses it (warm)', async () => {
    await emu.app().callFunction({ name: 'slow', data: { ms: 1 } });
    const calls = (await emu.api('GET', '/_emulator/functions/calls?function=slow')) as Array<{ coldStartMs: number }>;
    assert.equal(calls.at(-1)!.coldStartMs, 0, 'warm');
    assert.ok(calls.some((c) => c.coldStartMs > 0), 'an earlier call was cold');
  });

  test('at the instance cap, calls queue instead of failing', async () => {
    const t = Date.now();
    const all = await Promise.all(Array.from({ length: 8 }, () => emu.app().callFunction({ name: 'slow', data: { ms: 300 } })));
    assert.equal(all.length, 8);
    assert.ok(Date.now() - t >= 600, '8 calls of 300 ms on at most 4 instances take two rounds');
    const fns = await emu.api('GET', '/_emulator/functions');
    assert.ok(fns.find((f: { name: string }) => f.name === 'slow').instances <= 4);
  });

  test("a function's database calls are counted on its call record", async () => {
    await emu.api('POST', '/_emulator/triggers/run', { function: 'tick', trigger: 'nineOnFirst' });
    const calls = await emu.api('GET', '/_emulator/functions/calls?function=tick');
    assert.ok(calls.at(-1).db.roundTrips >= 2, JSON.stringify(calls.at(-1).db));
  });
});
