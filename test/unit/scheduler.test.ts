// Timer triggers against a frozen clock and a fake `fire`: the platform's event, retries, coalescing, manual runs.
import { jest, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Clock } from '../../emulator/timers/clock.js';
import { type TimerEvent, type TimerTrigger, Scheduler } from '../../emulator/timers/scheduler.js';

/** Epoch ms of a wall time in Beijing. */
const cst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+08:00`);

const NINE_ON_FIRST: TimerTrigger = { functionName: 'report', name: 'monthly', cron: '0 0 9 1 * * *' };
const EVERY_TEN: TimerTrigger = { functionName: 'remind', name: 'tick', cron: '0 */10 * * * * *' };

function setup(opts: { at: string; triggers: TimerTrigger[]; fire?: (t: TimerTrigger, e: TimerEvent) => Promise<void> }) {
  const clock = new Clock();
  clock.freeze();
  clock.set(cst(opts.at));
  const calls: { fn: string; event: TimerEvent }[] = [];
  const scheduler = new Scheduler({
    clock,
    triggers: () => opts.triggers,
    fire: async (t, event) => {
      calls.push({ fn: t.functionName, event });
      await opts.fire?.(t, event);
    },
    retryDelayMs: 5,
  });
  return { clock, scheduler, calls };
}

test('fires at the due time (China time) with the platform event', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 08:59:58', triggers: [NINE_ON_FIRST] });
  clock.advance(1000);
  assert.deepEqual(await scheduler.check(), []);
  clock.advance(2000);
  const fired = await scheduler.check();
  assert.deepEqual(calls, [{ fn: 'report', event: { Type: 'Timer', TriggerName: 'monthly', Time: '2026-12-01T01:00:00Z' } }]);
  assert.deepEqual(fired, [
    { functionName: 'report', trigger: 'monthly', time: '2026-12-01T01:00:00Z', manual: false, attempts: 1, ok: true, skipped: 0, at: cst('2026-12-01 09:00:01') },
  ]);
  assert.deepEqual(scheduler.history, fired);
  assert.deepEqual(await scheduler.check(), [], 'the same window never fires twice');
});

test('times already past when the scheduler is created or started are not fired', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 09:00:00', triggers: [NINE_ON_FIRST] });
  assert.deepEqual(await scheduler.check(), []);
  clock.set(cst('2027-01-01 09:00:00'));
  scheduler.start();
  scheduler.stop();
  assert.deepEqual(await scheduler.check(), []);
  assert.equal(calls.length, 0);
});

test('a jump over many due times fires each trigger once, for the latest, counting the skipped ones', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 09:00:01', triggers: [NINE_ON_FIRST, EVERY_TEN] });
  clock.set(cst('2027-03-01 10:00:00'));
  const fired = await scheduler.check();
  assert.deepEqual(
    fired.map((r) => [r.trigger, r.time, r.skipped]),
    [
      ['monthly', '2027-03-01T01:00:00Z', 2], // January and February coalesced
      ['tick', '2027-03-01T02:00:00Z', 9999], // 12,966 ten-minute marks; the count stops at 10,000
    ],
  );
  assert.equal(calls.length, 2);
});

test('the trigger list is re-read on every check', async () => {
  const triggers: TimerTrigger[] = [];
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 09:00:00', triggers });
  clock.advance(10 * 60_000);
  assert.deepEqual(await scheduler.check(), []);
  triggers.push(EVERY_TEN);
  clock.advance(10 * 60_000);
  assert.equal((await scheduler.check()).length, 1);
  assert.equal(calls[0]!.event.Time, '2026-12-01T01:20:00Z');
});

test('a failing invocation is retried twice: fails twice then succeeds', async () => {
  let n = 0;
  const { clock, scheduler, calls } = setup({
    at: '2026-12-01 08:59:59',
    triggers: [NINE_ON_FIRST],
    fire: async () => {
      if (++n < 3) throw new Error(`boom ${n}`);
    },
  });
  clock.advance(1000);
  const [r] = await scheduler.check();
  assert.equal(calls.length, 3);
  assert.deepEqual(calls.map((c) => c.event.Time), Array(3).fill('2026-12-01T01:00:00Z'), 'retries carry the same event');
  assert.equal(r!.attempts, 3);
  assert.equal(r!.ok, true);
  assert.equal(r!.error, undefined);
});

test('an always-failing invocation stops after 3 attempts with ok: false and the last error', async () => {
  let n = 0;
  const { clock, scheduler, calls } = setup({
    at: '2026-12-01 08:59:59',
    triggers: [NINE_ON_FIRST],
    fire: () => {
      throw new Error(`boom ${++n}`); // a synchronous throw counts as a failure too
    },
  });
  clock.advance(1000);
  const [r] = await scheduler.check();
  assert.equal(calls.length, 3);
  assert.equal(r!.attempts, 3);
  assert.equal(r!.ok, false);
  assert.equal(r!.error, 'boom 3');
});

test('a bad cron is reported once and skipped; the others still fire', async () => {
  const bad: TimerTrigger = { functionName: 'broken', name: 'oops', cron: '0 0 25 * * * *' };
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 08:59:59', triggers: [bad, NINE_ON_FIRST] });
  clock.advance(1000);
  const fired = await scheduler.check();
  assert.equal(fired.length, 2);
  assert.deepEqual(fired[0], {
    functionName: 'broken', trigger: 'oops', time: '2026-12-01T01:00:00Z', manual: false, attempts: 0, ok: false,
    error: "cron field 'hour' value 25 is out of range 0-23", skipped: 0, at: cst('2026-12-01 09:00:00'),
  });
  assert.equal(fired[1]!.ok, true);
  assert.deepEqual(calls.map((c) => c.fn), ['report']);
  clock.advance(86_400_000);
  assert.deepEqual(await scheduler.check(), [], 'not reported again');
});

test('runNow fires immediately with the clock’s second as Time; unknown triggers throw', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 09:30:15', triggers: [NINE_ON_FIRST] });
  clock.advance(678);
  const r = await scheduler.runNow('report', 'monthly');
  assert.deepEqual(r, {
    functionName: 'report', trigger: 'monthly', time: '2026-12-01T01:30:15Z', manual: true, attempts: 1, ok: true, skipped: 0,
    at: cst('2026-12-01 09:30:15') + 678,
  });
  assert.deepEqual(calls[0]!.event, { Type: 'Timer', TriggerName: 'monthly', Time: '2026-12-01T01:30:15Z' });
  await assert.rejects(scheduler.runNow('report', 'nope'), /no timer trigger 'nope' on function 'report'/);
  await assert.rejects(scheduler.runNow('nobody', 'monthly'), /no timer trigger/);
  assert.deepEqual(await scheduler.check(), [], 'a manual run does not touch the schedule');
});

test('setting the clock back fires nothing; the window restarts at the new time', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 08:59:59', triggers: [NINE_ON_FIRST] });
  clock.advance(1000);
  assert.equal((await scheduler.check()).length, 1);
  clock.set(cst('2026-12-01 08:00:00'));
  assert.deepEqual(await scheduler.check(), []);
  clock.set(cst('2026-12-01 09:00:00'));
  assert.equal((await scheduler.check()).length, 1, 'replaying the morning fires 09:00 again');
  assert.equal(calls.length, 2);
});

test('a trigger still running fires again when due; concurrent checks never double-fire', async () => {
  let release!: () => void;
  const blocked = new Promise<void>((r) => (release = r));
  let n = 0;
  const everySecond: TimerTrigger = { functionName: 'slow', name: 's', cron: '* * * * * * *' };
  const { clock, scheduler, calls } = setup({
    at: '2026-12-01 09:00:00',
    triggers: [everySecond],
    fire: () => (++n === 1 ? blocked : Promise.resolve()),
  });
  clock.advance(1000);
  const first = scheduler.check();
  const again = scheduler.check(); // same instant: its window is empty
  clock.advance(1000);
  const second = await scheduler.check(); // the first firing is still running
  assert.deepEqual(await again, []);
  assert.equal(second.length, 1);
  assert.equal(second[0]!.time, '2026-12-01T01:00:02Z');
  release();
  assert.equal((await first)[0]!.time, '2026-12-01T01:00:01Z');
  assert.deepEqual(calls.map((c) => c.event.Time), ['2026-12-01T01:00:01Z', '2026-12-01T01:00:02Z']);
});

test('once started, a clock jump fires promptly without an explicit check', async () => {
  const { clock, scheduler, calls } = setup({ at: '2026-12-01 08:59:00', triggers: [NINE_ON_FIRST] });
  scheduler.start();
  try {
    clock.advance(60_000);
    await new Promise((r) => setImmediate(r));
    assert.equal(calls.length, 1);
    assert.equal(scheduler.history[0]!.time, '2026-12-01T01:00:00Z');
  } finally {
    scheduler.stop();
  }
  clock.set(cst('2027-01-01 09:00:00'));
  await new Promise((r) => setImmediate(r));
  assert.equal(calls.length, 1, 'stopped: jumps no longer fire');
});

test('once started, the tick fires on schedule with a running clock', async () => {
  const clock = new Clock();
  clock.set(cst('2026-12-01 08:59:59') + 900); // 100 ms of real time before 09:00
  let fired!: (e: TimerEvent) => void;
  const got = new Promise<TimerEvent>((r) => (fired = r));
  const scheduler = new Scheduler({ clock, triggers: () => [NINE_ON_FIRST], fire: async (_t, e) => fired(e), tickMs: 20 });
  scheduler.start();
  try {
    let timer!: NodeJS.Timeout;
    const timeout = new Promise<string>((r) => (timer = setTimeout(r, 3000, 'no tick within 3 s')));
    const event = await Promise.race([got, timeout]);
    assert.deepEqual(event, { Type: 'Timer', TriggerName: 'monthly', Time: '2026-12-01T01:00:00Z' });
    clearTimeout(timer);
  } finally {
    scheduler.stop();
  }
});

test('stop() leaves no timers running, even with a retry pending', async () => {
  // Every timer the scheduler creates must be cleared by stop(). (Its timers are unref'd, so
  // process.getActiveResourcesInfo() would not show them.) The spies call through to the real timers.
  const created = [jest.spyOn(globalThis, 'setInterval'), jest.spyOn(globalThis, 'setTimeout')];
  const cleared = [jest.spyOn(globalThis, 'clearInterval'), jest.spyOn(globalThis, 'clearTimeout')];
  let attempted!: () => void;
  const firstAttempt = new Promise<void>((r) => (attempted = r));
  const clock = new Clock();
  clock.freeze();
  clock.set(cst('2026-12-01 08:59:59'));
  const scheduler = new Scheduler({
    clock,
    triggers: () => [NINE_ON_FIRST],
    fire: async () => {
      attempted();
      throw new Error('down');
    },
    retryDelayMs: 60_000,
  });
  scheduler.start();
  clock.advance(1000);
  const pending = scheduler.check();
  await firstAttempt;
  await new Promise((r) => setImmediate(r));
  const handles = created.flatMap((m) => m.mock.results.map((r) => r.value));
  assert.equal(handles.length, 2, 'the tick and the retry delay');
  scheduler.stop();
  const clearedHandles = cleared.flatMap((m) => (m.mock.calls as unknown[][]).map((c) => c[0]));
  for (const h of handles) assert.ok(clearedHandles.includes(h));
  for (const m of [...created, ...cleared]) m.mockRestore();
  const [r] = await pending;
  assert.deepEqual([r!.attempts, r!.ok, r!.error], [1, false, 'down (scheduler stopped before retrying)']);
});

test('history keeps the last 500', async () => {
  const { scheduler } = setup({ at: '2026-12-01 09:00:00', triggers: [NINE_ON_FIRST] });
  for (let i = 0; i < 505; i++) await scheduler.runNow('report', 'monthly');
  assert.equal(scheduler.history.length, 500);
});
