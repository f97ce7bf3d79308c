// Fault injection (POST /_emulator/faults): a function's instance is SIGKILLed at its n-th database
// request, with that request applied or not; the call answers FUNCTIONS_EXECUTE_FAIL like a crash;
// requests the dead process had already sent never land; an abandoned transaction holds its writes
// until its lifetime ends and then leaves nothing. Driven through the `steps` fixture, whose requests
// are: 1 insert `plain`, 2 startTransaction, 3 insert `a` (buffered), 4 insert `b` (buffered),
// 5 commitTransaction, 6 a read.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

const LIFETIME_MS = 1000;
let emu: EmulatorHandle;
let keys = 0;

beforeAll(async () => {
  emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--manual-timers', '--max-instances', '4', '--tx-lifetime-ms', String(LIFETIME_MS)] });
  await emu.api('POST', '/_emulator/functions/provision', { function: 'steps', instances: 2 });
});
afterAll(() => emu?.stop());

/** What landed for a key: the suffixes of its documents, sorted. */
async function stored(key: string): Promise<string[]> {
  const { data } = await emu.app().database().collection('ticks').where({ key }).limit(100).get();
  return (data as Array<{ _id: string }>).map((d) => d._id.slice(key.length + 1)).sort();
}

async function callSteps(event: Record<string, unknown>): Promise<{ ok: true; result: unknown } | { ok: false; code: string; message: string }> {
  try {
    const { result } = await emu.app().callFunction({ name: 'steps', data: event });
    return { ok: true, result };
  } catch (e) {
    const err = e as { code: string; message: string };
    return { ok: false, code: err.code, message: err.message };
  }
}

/** Arm a fault, run `steps` once for a fresh key, and return the key, the reply and the call record. */
async function killed(fault: Record<string, unknown>, event: Record<string, unknown> = {}) {
  await emu.api('POST', '/_emulator/faults', { function: 'steps', ...fault });
  const key = `k${++keys}`;
  const reply = await callSteps({ key, ...event });
  const [call] = await emu.api('GET', '/_emulator/functions/calls?function=steps&limit=1');
  return { key, reply, call };
}

async function openTransactions(): Promise<number> {
  return (await emu.api('GET', '/_emulator/health')).openTransactions;
}

async function untilNoOpenTransaction(): Promise<void> {
  const until = Date.now() + LIFETIME_MS + 3000;
  while ((await openTransactions()) > 0) {
    assert.ok(Date.now() < until, 'the abandoned transaction outlived its lifetime');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('fault injection', () => {
  test('a clean run: six database requests, four of them writes (three inserts and the commit)', async () => {
    const key = `k${++keys}`;
    assert.deepEqual(await callSteps({ key }), { ok: true, result: { stored: 3 } });
    const [call] = await emu.api('GET', '/_emulator/functions/calls?function=steps&limit=1');
    assert.equal(call.db.roundTrips, 6);
    assert.equal(call.db.writes, 4);
    assert.equal(call.fault, undefined);
  });

  // Each kill point and what the database holds once the abandoned transaction (if any) has ended.
  const cases: Array<[string, Record<string, unknown>, string, string[]]> = [
    ['after request 1 (insert plain) took effect', { afterDbRequests: 1 }, '1 \\(database.insertDocument, applied', ['plain']],
    ['as request 1 arrives: nothing at all', { afterDbRequests: 1, applied: false }, '1 \\(database.insertDocument, not applied', []],
    ['after the first startTransaction', { afterDbRequests: 1, action: 'database.startTransaction' }, '2 \\(database.startTransaction, applied', ['plain']],
    ['after request 3 (a buffered)', { afterDbRequests: 3 }, '3 \\(database.insertDocument, applied', ['plain']],
    ['just before the first commitTransaction: the commit never happened', { afterDbRequests: 1, action: 'database.commitTransaction', applied: false }, '5 \\(database.commitTransaction, not applied', ['plain']],
    ['just after the commit (request 5) took effect', { afterDbRequests: 5 }, '5 \\(database.commitTransaction, applied', ['a', 'b', 'plain']],
    ['after write 4 (the commit)', { afterDbWrites: 4 }, '5 \\(database.commitTransaction, applied', ['a', 'b', 'plain']],
    ['after request 6 (the read)', { afterDbRequests: 6 }, '6 \\(database.getDocument, applied', ['a', 'b', 'plain']],
  ];
  test('every kill point: the call fails as a crash, the request counts, the database holds exactly what was applied', async () => {
    const runs = [];
    for (const [what, fault, where, expected] of cases) {
      await emu.api('POST', '/_emulator/functions/provision', { function: 'steps', instances: 2 }); // a warm one for the next call
      const k = await killed(fault);
      assert.equal(k.reply.ok, false, what);
      if (!k.reply.ok) {
        assert.equal(k.reply.code, 'FUNCTIONS_EXECUTE_FAIL', what);
        assert.match(k.reply.message, /process ended \(signal SIGKILL\)/, what);
      }
      assert.match(k.call.fault, new RegExp(`killed at database request ${where}`), what);
      assert.deepEqual(await stored(k.key), expected, what);
      runs.push({ what, key: k.key, expected });
    }
    // A transaction killed before its commit is aborted at the end of its lifetime: its buffered writes never land.
    await untilNoOpenTransaction();
    for (const r of runs) assert.deepEqual(await stored(r.key), r.expected, r.what);
  });

  test('an abandoned transaction keeps its buffered writes to itself until its lifetime ends: others conflict, then succeed', async () => {
    const { key } = await killed({ afterDbRequests: 3 }); // `a` is buffered in a transaction nobody will commit
    assert.equal(await openTransactions(), 1);
    const db = emu.app().database();
    const write = () => db.runTransaction(async (tx: any) => { await tx.collection('ticks').add({ _id: `${key}-a`, key, by: 'someone else' }); }, 0);
    await assert.rejects(write(), (e: { code?: string }) => e.code === 'DATABASE_TRANSACTION_CONFLICT');
    await untilNoOpenTransaction();
    await write();
    assert.deepEqual(await stored(key), ['a', 'plain']);
  });

  test('requests the dead process had already sent are refused: 5 parallel inserts killed after the 2nd leave exactly 2', async () => {
    const { key, reply, call } = await killed({ afterDbRequests: 2 }, { parallel: 5 });
    assert.equal(reply.ok, false);
    assert.equal(call.db.roundTrips, 2);
    await new Promise((r) => setTimeout(r, 300)); // whatever was on its way has arrived
    assert.equal((await stored(key)).length, 2);
    const requests: Array<{ from?: string; error?: string; fault?: string }> = await emu.api('GET', '/_emulator/requests?limit=50');
    const mine = requests.filter((r) => r.from === `steps:${call.requestId}`);
    const at = mine.findIndex((r) => r.fault);
    assert.equal(at, 1, 'the second request carries the fault');
    // The others were sent at once: those the process got out before it died arrived after the kill and were refused.
    assert.ok(mine.slice(at + 1).every((r) => r.error === 'FUNCTIONS_EXECUTE_FAIL'), JSON.stringify(mine));
  });

  test('the killed instance is gone; the next call works; a fault fires once unless once is false', async () => {
    const before = await emu.api('POST', '/_emulator/functions/provision', { function: 'steps', instances: 2 }).then((r: { instances: number }) => r.instances);
    const k = await killed({ afterDbRequests: 6 });
    assert.equal(k.reply.ok, false);
    const after = (await emu.api('GET', '/_emulator/functions')).find((f: { name: string }) => f.name === 'steps').instances;
    assert.equal(after, before - 1);
    assert.deepEqual(await callSteps({ key: `k${++keys}` }), { ok: true, result: { stored: 3 } });

    const every = await emu.api('POST', '/_emulator/faults', { function: 'steps', afterDbRequests: 1, applied: false, once: false });
    for (let i = 0; i < 2; i++) assert.equal((await callSteps({ key: `k${++keys}` })).ok, false);
    const listed = await emu.api('GET', '/_emulator/faults');
    assert.equal(listed.armed.length, 1);
    assert.equal(listed.armed[0].fired, 2);
    assert.equal(listed.fired.filter((f: { faultId: string }) => f.faultId === every.id).length, 2);
    assert.deepEqual(await emu.api('DELETE', '/_emulator/faults'), { disarmed: 1 });
    assert.deepEqual(await callSteps({ key: `k${++keys}` }), { ok: true, result: { stored: 3 } });
  });

  test('counted per invocation and per function: other functions and earlier invocations do not add up', async () => {
    // `tick` makes 2 or 3 requests per call; a fault at its 4th never fires however often it is called.
    await emu.api('POST', '/_emulator/faults', { function: 'tick', afterDbRequests: 4 });
    for (let i = 0; i < 3; i++) await emu.api('POST', '/_emulator/triggers/run', { function: 'tick', trigger: 'nineOnFirst' });
    // Calls of other functions are not counted for `tick`, and `steps` is not touched by it.
    assert.deepEqual(await callSteps({ key: `k${++keys}` }), { ok: true, result: { stored: 3 } });
    const { armed } = await emu.api('GET', '/_emulator/faults');
    assert.deepEqual(armed.map((f: { function: string; fired: number }) => [f.function, f.fired]), [['tick', 0]]);
    await emu.api('DELETE', '/_emulator/faults');
  });

  test('bad fault bodies are refused; an unknown function is 404', async () => {
    const bad = async (body: unknown, status: number) => {
      await assert.rejects(emu.api('POST', '/_emulator/faults', body), (e: { status?: number }) => e.status === status);
    };
    await bad({ function: 'steps' }, 400);
    await bad({ function: 'steps', afterDbRequests: 1, afterDbWrites: 1 }, 400);
    await bad({ function: 'steps', afterDbRequests: 0 }, 400);
    await bad({ function: 'steps', afterDbWrites: 1, action: 'database.commitTransaction' }, 400);
    await bad({ function: 'steps', afterDbRequests: 1, extra: true }, 400);
    await bad({ function: 'nope', afterDbRequests: 1 }, 404);
    assert.deepEqual((await emu.api('GET', '/_emulator/faults')).armed, []);
  });
});
