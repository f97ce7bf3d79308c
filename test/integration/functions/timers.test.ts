// Timer triggers under the controllable clock: cron in China time, the platform's event, firing
// on schedule, firing twice, and what functions see as "now".
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, ROOT, startEmulator } from '../../support/emulator.js';

describe('timers', () => {
  let emu: EmulatorHandle;
  const ticks = () => emu.app().database().collection('ticks');
  const invocations = async () => ((await ticks().doc('invocations').get()).data[0] as { n: number } | undefined)?.n ?? 0;

  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS] });
  });
  afterAll(() => emu?.stop());

  test('a 9:00-on-the-1st trigger (China time) fires on schedule with the platform timer event', async () => {
    // 2026-12-01 08:59:58 in Beijing is 00:59:58 UTC.
    await emu.api('POST', '/_emulator/clock', { set: '2026-12-01T00:59:58Z', freeze: true });
    const early = await emu.api('POST', '/_emulator/clock', { advance: 1000 });
    assert.deepEqual(early.fired, []);
    assert.equal(await invocations(), 0);
    const due = await emu.api('POST', '/_emulator/clock', { advance: 2000 });
    assert.equal(due.fired.length, 1);
    assert.equal(due.fired[0].ok, true);
    assert.equal(due.fired[0].time, '2026-12-01T01:00:00Z');
    const { data } = await ticks().doc('nineOnFirst@2026-12-01T01:00:00Z').get();
    assert.deepEqual(data[0], {
      _id: 'nineOnFirst@2026-12-01T01:00:00Z', trigger: 'nineOnFirst', time: '2026-12-01T01:00:00Z', type: 'Timer', source: 'wx_trigger', openid: null,
    });
    assert.equal(await invocations(), 1);
  });

  test('a jump over many due times fires once, for the latest, and says how many it skipped', async () => {
    const r = await emu.api('POST', '/_emulator/clock', { set: '2027-03-01T02:00:00Z' });
    assert.equal(r.fired.length, 1);
    assert.equal(r.fired[0].time, '2027-03-01T01:00:00Z');
    assert.equal(r.fired[0].skipped, 2, 'January and February were coalesced');
  });

  test('a trigger fired twice runs twice; the idempotent job leaves one record for its time', async () => {
    const n = await invocations();
    const a = await emu.api('POST', '/_emulator/triggers/run', { function: 'tick', trigger: 'nineOnFirst' });
    const b = await emu.api('POST', '/_emulator/triggers/run', { function: 'tick', trigger: 'nineOnFirst' });
    assert.equal(a.ok, true);
    assert.equal(a.manual, true);
    assert.equal(a.time, b.time, 'the frozen clock gives both the same Time');
    assert.equal(await invocations(), n + 2);
    const same = await ticks().where({ time: a.time, trigger: 'nineOnFirst' }).count();
    assert.equal(same.total, 1);
  });

  test('npm run trigger fires a trigger on a running emulator', async () => {
    const n = await invocations();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/trigger-cli.ts', 'tick', 'nineOnFirst', '--url', emu.baseUrl], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /tick\/nineOnFirst at .*: ok/);
    assert.equal(await invocations(), n + 1);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'emulator/trigger-cli.ts', 'tick', 'nope', '--url', emu.baseUrl], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /nope/);
  });

  test('functions and serverDate see the emulator clock', async () => {
    await emu.api('POST', '/_emulator/clock', { set: '2028-02-29T15:59:00Z', freeze: true });
    const { result } = await emu.app().callFunction({ name: 'echo', data: {} });
    assert.equal((result as { now: string }).now.slice(0, 16), '2028-02-29T15:59');
    const db = emu.app().database();
    const { id } = await db.collection('ticks').add({ at: db.serverDate() });
    const { data } = await db.collection('ticks').doc(id!).get();
    assert.equal((data[0] as { at: Date }).at.toISOString().slice(0, 16), '2028-02-29T15:59');
  });

  test('the trigger list shows the next fire time; unknown triggers are a clear 404', async () => {
    const t = await emu.api('GET', '/_emulator/triggers');
    const tick = t.triggers.find((x: { functionName: string }) => x.functionName === 'tick');
    assert.equal(tick.next, '2028-03-01T01:00:00.000Z');
    await assert.rejects(emu.api('POST', '/_emulator/triggers/run', { function: 'tick', trigger: 'nope' }), /404/);
    await assert.rejects(emu.api('POST', '/_emulator/clock', { set: 'yesterday' }), /400/);
  });
});
