// CloudBase timer crons: 7 fields, evaluated in China time (UTC+8) whatever the machine's zone.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { CronError, MAX_FIRE_COUNT, latestFireTimeInRange, nextFireTime, parseCron } from '../../emulator/timers/cron.js';

/** Epoch ms of a wall time in Beijing, e.g. cst('2026-12-01 09:00:00'). */
const cst = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+08:00`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (expr: string, afterWall: string) => iso(nextFireTime(parseCron(expr), cst(afterWall)));

describe('parseCron', () => {
  test('numbers, stars, lists, ranges and steps', () => {
    const s = parseCron('*/15 10-30/10 5/20 1,3,5 * * *');
    assert.deepEqual(s.second, [0, 15, 30, 45]);
    assert.deepEqual(s.minute, [10, 20, 30]);
    assert.deepEqual(s.hour, [5]); // 5/20 in the hour field: 5, then 25 is past 23
    assert.deepEqual(s.dayOfMonth, [1, 3, 5]);
    assert.equal(s.month.length, 12);
    assert.equal(s.year[0], 1970);
    assert.equal(parseCron('0 5/20 * * * * *').minute.join(), '5,25,45');
    assert.equal(parseCron('0 0 0 1 1 * 2026-2030').year.join(), '2026,2027,2028,2029,2030');
    assert.equal(parseCron('0 0 0 1 1 * 2026').year.join(), '2026');
  });

  test('month and weekday names, any case; 7 is Sunday', () => {
    assert.deepEqual(parseCron('0 0 0 1 jan-Mar,DEC * *').month, [1, 2, 3, 12]);
    assert.deepEqual(parseCron('0 0 0 * * MON-fri *').dayOfWeek, [1, 2, 3, 4, 5]);
    assert.deepEqual(parseCron('0 0 0 * * sun,SAT *').dayOfWeek, [0, 6]);
    assert.deepEqual(parseCron('0 0 0 * * 7 *').dayOfWeek, [0]);
    assert.deepEqual(parseCron('0 0 0 * * 5-7 *').dayOfWeek, [0, 5, 6]);
    assert.deepEqual(parseCron('0 0 0 * * */2 *').dayOfWeek, [0, 2, 4, 6]); // `*` is 0-6, so 7 is not added
  });

  test('only a literal * leaves day-of-month / day-of-week unrestricted', () => {
    const s = parseCron('0 0 0 * * MON *');
    assert.equal(s.dayOfMonthAny, true);
    assert.equal(s.dayOfWeekAny, false);
    assert.equal(parseCron('0 0 0 */1 * MON *').dayOfMonthAny, false);
  });

  test('extra whitespace is fine', () => {
    assert.deepEqual(parseCron('  0  0\t9 1 * * *  ').hour, [9]);
  });

  const bad: [string, RegExp][] = [
    ['', /must have 7 fields .* got 0/],
    ['0 0 9 1 * *', /must have 7 fields .* got 6/],
    ['0 0 9 1 * * * *', /got 8/],
    ['0 0 25 * * * *', /cron field 'hour' value 25 is out of range 0-23/],
    ['60 * * * * * *', /'second' value 60 is out of range 0-59/],
    ['0 60 * * * * *', /'minute' value 60 is out of range 0-59/],
    ['0 0 0 0 * * *', /'day-of-month' value 0 is out of range 1-31/],
    ['0 0 0 32 * * *', /'day-of-month' value 32 is out of range 1-31/],
    ['0 0 0 1 13 * *', /'month' value 13 is out of range 1-12/],
    ['0 0 0 1 0 * *', /'month' value 0 is out of range 1-12/],
    ['0 0 0 * * 8 *', /'day-of-week' value 8 is out of range 0-7/],
    ['0 0 0 1 1 * 1969', /'year' value 1969 is out of range 1970-2099/],
    ['0 0 0 1 1 * 2100', /'year' value 2100 is out of range 1970-2099/],
    ['0 0 abc * * * *', /'hour' value 'abc' is not a number/],
    ['0 0 MON * * * *', /'hour' value 'MON' is not a number/], // names only where they mean something
    ['0 0 0 1 FOO * *', /'month' value 'FOO' is not a number/],
    ['0 0 0 * * FUN *', /'day-of-week' value 'FUN' is not a number/],
    ['0 0 1.5 * * * *', /'hour' value '1.5' is not a number/],
    ['*/0 * * * * * *', /'second' step '0' must be a whole number of at least 1/],
    ['*/x * * * * * *', /'second' step 'x'/],
    ['*/ * * * * * *', /'second' step ''/],
    ['1/2/3 * * * * * *', /'second' value '1\/2\/3' has more than one '\/'/],
    ['0 0 5-3 * * * *', /'hour' range '5-3' runs backwards/],
    ['0 0 0 * * FRI-MON *', /'day-of-week' range 'FRI-MON' runs backwards/],
    ['0 0 1-2-3 * * * *', /'hour' range '1-2-3' is malformed/],
    ['0 0 -1 * * * *', /'hour' range '-1' is malformed/],
    ['0 0 3- * * * *', /'hour' range '3-' is malformed/],
    ['0 0 1,,2 * * * *', /'hour' has an empty list item in '1,,2'/],
    ['0 0 1, * * * *', /empty list item/],
    ['0 0 0 ? * MON *', /'day-of-month' value '\?' is not supported/],
    ['0 0 0 L * * *', /'day-of-month' value 'L' is not supported/],
    ['0 0 0 15W * * *', /'day-of-month' value '15W' is not supported/],
    ['0 0 0 * * 5#3 *', /'day-of-week' value '5#3' is not supported/],
  ];
  for (const [expr, message] of bad) {
    test(`rejects '${expr}'`, () => {
      assert.throws(() => parseCron(expr), (err: unknown) => {
        assert.ok(err instanceof CronError);
        assert.equal(err.name, 'CronError');
        assert.match(err.message, message);
        return true;
      });
    });
  }
});

describe('nextFireTime', () => {
  test('9:00 on the 1st in Beijing is 01:00 UTC', () => {
    assert.equal(next('0 0 9 1 * * *', '2026-11-21 10:00:00'), '2026-12-01T01:00:00.000Z');
    assert.equal(iso(nextFireTime(parseCron('0 0 9 1 * * *'), Date.parse('2026-12-01T00:59:59Z'))), '2026-12-01T01:00:00.000Z');
  });

  test('is strictly after, and handles sub-second starts', () => {
    const s = parseCron('0 0 9 1 * * *');
    const t = Date.parse('2026-12-01T01:00:00Z');
    assert.equal(iso(nextFireTime(s, t)), '2027-01-01T01:00:00.000Z');
    assert.equal(iso(nextFireTime(s, t - 1)), '2026-12-01T01:00:00.000Z');
    assert.equal(iso(nextFireTime(parseCron('* * * * * * *'), t + 500)), '2026-12-01T01:00:01.000Z');
  });

  test('midnight China time is 16:00 UTC the day before', () => {
    assert.equal(next('0 0 0 * * * *', '2026-11-20 23:59:59'), '2026-11-20T16:00:00.000Z');
    assert.equal(iso(nextFireTime(parseCron('0 0 0 * * * *'), Date.parse('2026-11-20T15:59:59Z'))), '2026-11-20T16:00:00.000Z');
    assert.equal(next('0 0 0 1 1 * *', '2026-12-31 23:59:59'), '2026-12-31T16:00:00.000Z'); // New Year in Beijing
  });

  test('the weekday is China’s: Monday 07:00 in Beijing is Sunday 23:00 UTC', () => {
    // 2026-11-21 is a Saturday.
    assert.equal(next('0 0 7 * * MON *', '2026-11-21 12:00:00'), '2026-11-22T23:00:00.000Z');
    assert.equal(next('0 30 23 * * SUN *', '2026-11-21 12:00:00'), '2026-11-22T15:30:00.000Z');
  });

  test('month ends and leap days', () => {
    assert.equal(next('0 0 0 31 * * *', '2026-11-01 00:00:00'), '2026-12-30T16:00:00.000Z'); // November has no 31st
    assert.equal(next('0 0 12 29 2 * *', '2026-03-01 00:00:00'), '2028-02-29T04:00:00.000Z');
    assert.equal(next('59 59 23 31 12 * *', '2026-12-31 23:59:58'), '2026-12-31T15:59:59.000Z');
    assert.equal(next('59 59 23 30 * * *', '2026-02-01 00:00:00'), '2026-03-30T15:59:59.000Z');
    assert.equal(next('0 0 0 31 2 * *', '2026-01-01 00:00:00'), undefined); // never
  });

  test('every ten minutes', () => {
    const e = '0 */10 * * * * *';
    assert.equal(next(e, '2026-12-01 09:03:00'), cstIso('2026-12-01 09:10:00'));
    assert.equal(next(e, '2026-12-01 09:50:00'), cstIso('2026-12-01 10:00:00'));
    assert.equal(next(e, '2026-12-01 23:55:00'), cstIso('2026-12-02 00:00:00'));
    assert.equal(next(e, '2026-12-31 23:59:59'), cstIso('2027-01-01 00:00:00'));
  });

  test('weekdays only', () => {
    // 2026-11-21 (Sat) → Monday 2026-11-23 09:00.
    assert.equal(next('0 0 9 * * 1-5 *', '2026-11-21 09:00:00'), cstIso('2026-11-23 09:00:00'));
    assert.equal(next('0 0 9 * * MON-FRI *', '2026-11-23 08:00:00'), cstIso('2026-11-23 09:00:00'));
    assert.equal(next('0 0 9 * * 0 *', '2026-11-21 09:00:00'), cstIso('2026-11-22 09:00:00'));
    assert.equal(next('0 0 9 * * 7 *', '2026-11-21 09:00:00'), cstIso('2026-11-22 09:00:00'));
  });

  test('day-of-month and day-of-week both restricted: either one matches', () => {
    const e = '0 0 0 13 * FRI *';
    // From Saturday 2026-11-21: Friday 27th comes first, then Friday 4 Dec, Friday 11 Dec, Sunday 13 Dec (the 13th).
    let t = cst('2026-11-21 12:00:00');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      t = nextFireTime(parseCron(e), t)!;
      seen.push(new Date(t + 8 * 3600_000).toISOString().slice(0, 10));
    }
    assert.deepEqual(seen, ['2026-11-27', '2026-12-04', '2026-12-11', '2026-12-13']);
    // One of them `*`: only the other restricts.
    assert.equal(next('0 0 0 13 * * *', '2026-11-21 12:00:00'), cstIso('2026-12-13 00:00:00'));
    assert.equal(next('0 0 0 * * FRI *', '2026-11-21 12:00:00'), cstIso('2026-11-27 00:00:00'));
  });

  test('year ranges', () => {
    assert.equal(next('0 0 0 1 1 * 2028-2030', '2026-11-21 00:00:00'), cstIso('2028-01-01 00:00:00'));
    assert.equal(next('0 0 0 1 1 * 2028-2030', '2030-01-01 00:00:00'), undefined);
    assert.equal(next('0 0 0 1 1 * 2025', '2026-11-21 00:00:00'), undefined);
    assert.equal(next('0 0 0 1 1 * 2040', '2026-11-21 00:00:00'), cstIso('2040-01-01 00:00:00')); // jumps straight there
    assert.equal(next('0 0 0 1 1 * */2', '2026-11-21 00:00:00'), cstIso('2028-01-01 00:00:00')); // 1970, 1972, …
    assert.equal(next('0 0 0 * * * 2099', '2099-12-31 00:00:00'), undefined);
  });

  test('is quick even when nothing ever matches', () => {
    const never = parseCron('0 0 0 31 2 * *');
    const start = performance.now();
    for (let i = 0; i < 200; i++) assert.equal(nextFireTime(never, cst('2026-01-01 00:00:00')), undefined);
    assert.ok(performance.now() - start < 2000);
  });
});

describe('latestFireTimeInRange', () => {
  const ninth = parseCron('0 0 9 1 * * *');

  test('the latest due time and how many there were', () => {
    const r = latestFireTimeInRange(ninth, Date.parse('2026-12-01T01:00:01Z'), Date.parse('2027-03-01T02:00:00Z'));
    assert.deepEqual(r && { time: iso(r.time), count: r.count }, { time: '2027-03-01T01:00:00.000Z', count: 3 });
  });

  test('start exclusive, end inclusive', () => {
    const t = Date.parse('2026-12-01T01:00:00Z');
    assert.deepEqual(latestFireTimeInRange(ninth, t - 1000, t), { time: t, count: 1 });
    assert.deepEqual(latestFireTimeInRange(ninth, t - 1, t + 999), { time: t, count: 1 });
    assert.equal(latestFireTimeInRange(ninth, t, t + 1000), undefined);
    assert.equal(latestFireTimeInRange(ninth, t + 1000, t), undefined);
    assert.equal(latestFireTimeInRange(ninth, t, t), undefined);
  });

  test('every ten minutes over an hour', () => {
    const r = latestFireTimeInRange(parseCron('0 */10 * * * * *'), cst('2026-12-01 09:00:00'), cst('2026-12-01 10:00:00'));
    assert.deepEqual(r, { time: cst('2026-12-01 10:00:00'), count: 6 });
  });

  test(`counts stop at ${MAX_FIRE_COUNT}; the latest time is still exact`, () => {
    const r = latestFireTimeInRange(parseCron('* * * * * * *'), cst('2026-01-01 00:00:00'), cst('2027-01-01 00:00:00') + 500);
    assert.deepEqual(r, { time: cst('2027-01-01 00:00:00'), count: MAX_FIRE_COUNT });
  });

  test('year-limited and impossible schedules', () => {
    const r = latestFireTimeInRange(parseCron('0 0 0 1 1 * 2026'), cst('2020-01-01 00:00:00'), cst('2040-01-01 00:00:00'));
    assert.deepEqual(r, { time: cst('2026-01-01 00:00:00'), count: 1 });
    assert.equal(latestFireTimeInRange(parseCron('0 0 0 31 2 * *'), 0, cst('2040-01-01 00:00:00')), undefined);
  });
});

function cstIso(wall: string): string {
  return new Date(cst(wall)).toISOString();
}
