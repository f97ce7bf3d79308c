// The product's health function through both transports.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, startEmulator } from '../support/emulator.js';
import type { HealthReply } from '../../cloudfunctions/health/index.js';

describe('health', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ spec: 'cloudfunctions/collections.json', args: ['--functions', 'cloudfunctions', '--local', '--manual-timers'] });
  });
  afterAll(() => emu?.stop());

  test('callFunction from the WeChat client: ok, the server time and the caller', async () => {
    const t0 = Date.now();
    const { result } = await emu.appAs('o_health').callFunction({ name: 'health', data: {} });
    const r = result as HealthReply;
    assert.equal(r.ok, true);
    assert.ok(Math.abs(Date.parse(r.time) - t0) < 10_000, r.time);
    assert.deepEqual(r.caller, { openid: 'o_health', source: 'wx_client' });
  });

  test('chinaDate is the day in Beijing, following the emulator clock', async () => {
    await emu.api('POST', '/_emulator/clock', { set: '2026-12-31T16:30:00Z', freeze: true }); // 00:30 on 1 January in Beijing
    const { result } = await emu.app().callFunction({ name: 'health', data: {} });
    assert.equal((result as HealthReply).time.slice(0, 19), '2026-12-31T16:30:00'); // the clock runs on inside the call
    assert.equal((result as HealthReply).chinaDate, '2027-01-01');
    await emu.api('POST', '/_emulator/clock', { set: Date.now(), freeze: false });
  });

  test('an admin call has no openid', async () => {
    const { result } = await emu.app().callFunction({ name: 'health', data: {} });
    assert.deepEqual((result as HealthReply).caller, { openid: null, source: 'admin' });
  });

  test('the H5 gateway', async () => {
    const r = await emu.gateway('health', { data: {} }, 'o_h5');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.result.caller, { openid: 'o_h5', source: 'wx_client' });
  });
});
