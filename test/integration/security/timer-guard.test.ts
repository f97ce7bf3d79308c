// Timer functions run only for the platform's timer (issue 11, defect 1). In production any client
// can call any deployed function by name with any event: `red-flag` once awarded this month's
// 流动红旗 to whoever sent `{ Type: 'Timer', Time: <end of month> }`. Every function with a timer
// trigger (read from its config.json, so a new one is covered without editing this test) is called
// with a timer event by every kind of caller: each is refused and nothing is written; then the
// real trigger runs.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { ROOT, type EmulatorHandle } from '../../support/emulator.js';
import { WHO, matrixActor } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, snapshot, startSeeded } from '../org/support.js';

const TIMER_FUNCTIONS = readdirSync(path.join(ROOT, 'cloudfunctions'))
  .filter((name) => existsSync(path.join(ROOT, 'cloudfunctions', name, 'config.json')))
  .flatMap((name) => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as { triggers?: Array<{ name: string; type: string }> };
    return (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ fn: name, trigger: t.name }));
  });

describe('timer functions refuse every caller but the platform timer', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startSeeded(['--local'])); // --local: the gateway too
    await emu.api('POST', '/_emulator/clock', { set: '2026-11-30T02:00:00Z', freeze: true }); // 10:00 on 30 Nov in Beijing
  });
  afterAll(() => emu?.stop());

  test('the product has timer functions, red-flag and study among them', () => {
    const names = TIMER_FUNCTIONS.map((t) => t.fn);
    assert.ok(names.includes('red-flag') && names.includes('study'), JSON.stringify(TIMER_FUNCTIONS));
  });

  test('a timer event from any WeChat user, bound or not, through callFunction: refused, nothing written', async () => {
    const wrong: string[] = [];
    for (const { fn, trigger } of TIMER_FUNCTIONS) {
      for (const who of WHO) {
        const before = await snapshot(emu);
        const app = emu.appAs(matrixActor(emu, park, who, OTHER.admin.openid).openid);
        const { result } = await app.callFunction({ name: fn, data: { Type: 'Timer', TriggerName: trigger, Time: '2026-11-30T17:00:00Z' } });
        const r = result as { ok?: boolean; error?: { code?: string } };
        if (r?.ok !== false || typeof r.error?.code !== 'string') wrong.push(`${fn} as ${who}: not refused: ${JSON.stringify(r).slice(0, 200)}`);
        if ((await snapshot(emu)) !== before) wrong.push(`${fn} as ${who}: wrote something`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('the request from the report, through the gateway: refused, and no flag for a month that has not ended', async () => {
    for (const { fn, trigger } of TIMER_FUNCTIONS) {
      const before = await snapshot(emu);
      const r = await emu.gateway(fn, { data: { Type: 'Timer', TriggerName: trigger, Time: '2026-11-30T17:00:00Z' } }, 'o_anyone');
      assert.equal(r.status, 200);
      assert.equal(r.body.result.ok, false, `${fn}: ${JSON.stringify(r.body)}`);
      assert.doesNotMatch(JSON.stringify(r.body), /park-/, 'no park ids in the reply');
      assert.equal(await snapshot(emu), before, `${fn} wrote something`);
    }
    const { data } = await emu.app().database().collection('red_flags').where({ month: '2026-11' }).get();
    assert.deepEqual(data, []);
  });

  test('an admin call without a WeChat user, and a client claiming the trigger source: refused', async () => {
    for (const { fn, trigger } of TIMER_FUNCTIONS) {
      const before = await snapshot(emu);
      const event = { Type: 'Timer', TriggerName: trigger, Time: '2026-11-30T17:00:00Z' };
      const asAdmin = (await emu.app().callFunction({ name: fn, data: event })).result as { ok?: boolean };
      assert.equal(asAdmin?.ok, false, `${fn} as an admin caller: ${JSON.stringify(asAdmin)}`);
      const claiming = tcbAs(emu, 'o_claims_trigger', 'wx_trigger');
      const asClaim = (await claiming.callFunction({ name: fn, data: event })).result as { ok?: boolean };
      assert.equal(asClaim?.ok, false, `${fn} as a client claiming wx_trigger: ${JSON.stringify(asClaim)}`);
      assert.equal(await snapshot(emu), before, `${fn} wrote something`);
    }
  });

  test('the platform timer still runs each of them; red-flag awards only the month that has ended', async () => {
    for (const { fn, trigger } of TIMER_FUNCTIONS) {
      const r = await emu.api('POST', '/_emulator/triggers/run', { function: fn, trigger });
      assert.equal(r.ok, true, `${fn}/${trigger}: ${JSON.stringify(r)}`);
    }
    const flags = await emu.app().database().collection('red_flags').where({ month: '2026-11' }).get();
    assert.deepEqual(flags.data, [], 'on 30 November the timer works on October, never on November');
    const [call] = await emu.api('GET', '/_emulator/functions/calls?function=red-flag&limit=1');
    assert.equal(call.result.month, '2026-10');
  });
});

/** An SDK app whose calls carry a WeChat user and a chosen source (emulator-only headers). */
function tcbAs(emu: EmulatorHandle, openid: string, source: string) {
  return tcb.init({
    env: 'redpark-local', secretId: 'local-id', secretKey: 'local-key', serviceUrl: `${emu.baseUrl}/admin`,
    headers: { 'x-wx-openid': openid, 'x-wx-source': source },
  } as Parameters<typeof tcb.init>[0]);
}
