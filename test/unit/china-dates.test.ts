// The China-time date module (shared/time.ts, dayjs + utc plugin at a fixed +08:00) and what is built on it
// (periods, meeting dates). Every expectation is a fixed UTC instant or a calendar string, so none depends on
// the zone this process runs in; the last test runs the same computations in processes set to other zones.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { DAY, chinaClock, chinaDateString, chinaDateTime, chinaDateTimeString, chinaDay, chinaFormat, chinaInstant, clockLabel, dateTimeLabel, monthDayLabel } from '../../shared/time';
import { chinaDayStart, chinaPeriods, lastDayOfMonth, previousMonth } from '../../shared/periods';
import { meetingDates } from '../../shared/schedule';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const at = (iso: string) => new Date(iso);

describe('the China clock', () => {
  test('16:00 UTC is China midnight: one millisecond either side is another China day', () => {
    expect(chinaFormat(at('2026-11-20T15:59:59.999Z'), 'YYYY-MM-DD HH:mm:ss.SSS')).toBe('2026-11-20 23:59:59.999');
    expect(chinaFormat(at('2026-11-20T16:00:00.000Z'), 'YYYY-MM-DD HH:mm:ss.SSS')).toBe('2026-11-21 00:00:00.000');
    expect(chinaFormat(at('2026-11-20T00:00:00.000Z'), 'YYYY-MM-DD HH:mm')).toBe('2026-11-20 08:00');
    expect(chinaDateString(at('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20');
    expect(chinaDateString(at('2026-11-20T16:00:00.000Z'))).toBe('2026-11-21');
  });

  test('a clock and its instant round-trip; fields read as in Beijing', () => {
    const instant = at('2026-12-31T17:30:05.250Z');
    const clock = chinaClock(instant);
    expect([clock.year(), clock.month() + 1, clock.date(), clock.hour(), clock.minute(), clock.second(), clock.millisecond()]).toEqual([2027, 1, 1, 1, 30, 5, 250]);
    expect(chinaInstant(clock).toISOString()).toBe(instant.toISOString());
    expect(chinaInstant(clock.startOf('day')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaInstant(clock.startOf('month')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaInstant(clock.endOf('day')).toISOString()).toBe('2027-01-01T15:59:59.999Z');
    expect(chinaClock(instant.getTime()).format(DAY)).toBe('2027-01-01');
  });

  test('an invalid Date is refused, not formatted as "Invalid Date"', () => {
    expect(() => chinaClock(at('nope'))).toThrow(RangeError);
    expect(() => chinaFormat(at('nope'), DAY)).toThrow(RangeError);
    expect(() => chinaDateString(at('nope'))).toThrow('chinaDateString: invalid Date');
    expect(() => chinaPeriods(at('nope'))).toThrow(RangeError);
  });
});

describe('calendar days', () => {
  test('chinaDay accepts exactly a real YYYY-MM-DD', () => {
    for (const ok of ['2026-11-05', '2028-02-29', '2000-02-29', '2026-12-31']) expect(chinaDay(ok).format(DAY)).toBe(ok);
    for (const bad of ['2027-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-2-3', '2026-11', '2026-11-05T00:00', ' 2026-11-05', '20261105', ''])
      expect(chinaDay(bad).isValid()).toBe(false);
    expect(monthDayLabel('2026-02-30')).toBe('2026-02-30');
    expect(monthDayLabel('2028-02-29')).toBe('2月29日');
  });

  test('a day starts at 16:00 UTC the evening before; a non-day gives an invalid Date', () => {
    expect(chinaDayStart('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(chinaDayStart('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z');
    expect(chinaDayStart('2028-03-01').getTime() - chinaDayStart('2028-02-29').getTime()).toBe(86_400_000);
    expect(Number.isNaN(chinaDayStart('2026-02-30').getTime())).toBe(true);
  });
});

describe('period boundaries at China midnight', () => {
  const P = (day: string, quarter: string) => ({ day, month: day.slice(0, 7), quarter, year: day.slice(0, 4) });
  const cases: [string, string, ReturnType<typeof P>, ReturnType<typeof P>][] = [
    ['a month', '2026-04-30T16:00:00.000Z', P('2026-04-30', '2026-Q2'), P('2026-05-01', '2026-Q2')],
    ['a quarter', '2026-06-30T16:00:00.000Z', P('2026-06-30', '2026-Q2'), P('2026-07-01', '2026-Q3')],
    ['a quarter', '2026-09-30T16:00:00.000Z', P('2026-09-30', '2026-Q3'), P('2026-10-01', '2026-Q4')],
    ['a year', '2026-12-31T16:00:00.000Z', P('2026-12-31', '2026-Q4'), P('2027-01-01', '2027-Q1')],
    ['a leap day', '2028-02-28T16:00:00.000Z', P('2028-02-28', '2028-Q1'), P('2028-02-29', '2028-Q1')],
    ['the month after a leap day', '2028-02-29T16:00:00.000Z', P('2028-02-29', '2028-Q1'), P('2028-03-01', '2028-Q1')],
  ];
  test.each(cases)('the start of %s (%s) and the millisecond before', (_what, iso, before, after) => {
    const start = at(iso);
    expect(chinaPeriods(start)).toEqual(after);
    expect(chinaPeriods(new Date(start.getTime() - 1))).toEqual(before);
    expect(chinaDayStart(after.day).toISOString()).toBe(iso);
  });

  test('every month falls in its quarter', () => {
    for (let m = 1; m <= 12; m++) {
      const first = chinaDayStart(`2026-${String(m).padStart(2, '0')}-01`);
      expect(chinaPeriods(first).quarter).toBe(`2026-Q${Math.ceil(m / 3)}`);
      expect(chinaPeriods(new Date(first.getTime() - 1)).quarter).toBe(m === 1 ? '2025-Q4' : `2026-Q${Math.ceil((m - 1) / 3)}`);
    }
  });
});

describe('month arithmetic', () => {
  test('Jan 31 + 1 month is the last day of February (29 in a leap year); each step counts from the first date', () => {
    expect(chinaDay('2027-01-31').add(1, 'month').format(DAY)).toBe('2027-02-28');
    expect(chinaDay('2028-01-31').add(1, 'month').format(DAY)).toBe('2028-02-29');
    expect(meetingDates('2027-01-31', 'monthly', 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(meetingDates('2028-11-30', 'quarterly', 3)).toEqual(['2028-11-30', '2029-02-28', '2029-05-30']);
    expect(meetingDates('2027-08-29', 'quarterly', 3)).toEqual(['2027-08-29', '2027-11-29', '2028-02-29']);
  });

  test('last day of a month, leap years included (2000 is one, 2100 is not)', () => {
    expect(['2027-02', '2028-02', '2000-02', '2100-02', '2026-04', '2026-12'].map(lastDayOfMonth)).toEqual(['2027-02-28', '2028-02-29', '2000-02-29', '2100-02-28', '2026-04-30', '2026-12-31']);
  });

  test('the month before, across a year end', () => {
    expect(['2026-01', '2026-03', '2026-12', '2000-01'].map(previousMonth)).toEqual(['2025-12', '2026-02', '2026-11', '1999-12']);
  });

  test('years 0000–0099 (a month typed by mistake) stay themselves, not 1900–1999 as dayjs parses them', () => {
    expect(chinaDay('0050-01-01').format(DAY)).toBe('0050-01-01');
    expect(chinaDayStart('0050-01-01').toISOString()).toBe('0049-12-31T16:00:00.000Z');
    expect(chinaPeriods(chinaDayStart('0050-01-01'))).toEqual({ day: '0050-01-01', month: '0050-01', quarter: '0050-Q1', year: '0050' });
    expect([lastDayOfMonth('0004-02'), previousMonth('0001-01')]).toEqual(['0004-02-29', '0000-12']);
  });
});

test('the same results in processes whose zone is not UTC+8 or has daylight saving', () => {
  // process.env.TZ cannot be changed reliably inside a running process, so each zone gets its own.
  const script = `
    import { chinaDayStart, chinaPeriods, lastDayOfMonth, previousMonth } from './shared/periods.ts';
    import { chinaClock, chinaFormat, chinaInstant } from './shared/time.ts';
    import { meetingDates } from './shared/schedule.ts';
    const d = (iso) => new Date(iso);
    console.log(JSON.stringify([
      // 2026-03-08 and 2026-11-01 are daylight-saving changes in New York; 2026-04-05 in Sydney and Lord Howe.
      chinaInstant(chinaClock(d('2026-03-08T20:00:00Z')).startOf('month')).toISOString(),
      chinaInstant(chinaClock(d('2026-11-02T01:00:00Z')).subtract(1, 'month').startOf('month')).toISOString(),
      chinaInstant(chinaClock(d('2026-04-05T12:00:00Z')).startOf('day')).toISOString(),
      chinaDayStart('2026-03-09').toISOString(),
      chinaPeriods(d('2026-03-31T15:59:59.999Z')), chinaPeriods(d('2026-03-31T16:00:00Z')),
      chinaFormat(d('2026-11-01T06:30:00Z'), 'YYYY-MM-DD HH:mm'),
      meetingDates('2027-01-31', 'monthly', 3), lastDayOfMonth('2028-02'), previousMonth('2027-01'),
    ]));`;
  const expected = [
    '2026-02-28T16:00:00.000Z',
    '2026-09-30T16:00:00.000Z',
    '2026-04-04T16:00:00.000Z',
    '2026-03-08T16:00:00.000Z',
    { day: '2026-03-31', month: '2026-03', quarter: '2026-Q1', year: '2026' },
    { day: '2026-04-01', month: '2026-04', quarter: '2026-Q2', year: '2026' },
    '2026-11-01 14:30',
    ['2027-01-31', '2027-02-28', '2027-03-31'],
    '2028-02-29',
    '2026-12',
  ];
  for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Kiritimati']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: zone } });
    expect(r.stderr).toBe('');
    expect([zone, JSON.parse(r.stdout)]).toEqual([zone, expected]);
  }
});

describe('date-times of the pickers ("YYYY-MM-DD HH:mm", China time)', () => {
  test('a wall time is its instant, and back; nothing else parses', () => {
    assert.equal(chinaDateTime('2026-12-05 09:00').toISOString(), '2026-12-05T01:00:00.000Z');
    assert.equal(chinaDateTime('2027-01-01 07:30').toISOString(), '2026-12-31T23:30:00.000Z', 'before 08:00 China is the UTC day before');
    assert.equal(chinaDateTimeString(new Date('2026-12-31T23:30:00Z')), '2027-01-01 07:30');
    for (const bad of ['2026-02-30 09:00', '2026-12-05 24:00', '2026-12-05 09:60', '2026-12-05T09:00', '2026-12-05 9:00', '']) {
      assert.ok(Number.isNaN(chinaDateTime(bad).getTime()), bad);
    }
  });

  test('labels people read: 9:12 and 12月5日 9:00', () => {
    assert.equal(clockLabel(new Date('2026-12-05T01:12:00Z')), '9:12');
    assert.equal(clockLabel(new Date('2026-12-05T13:05:00Z')), '21:05');
    assert.equal(dateTimeLabel(new Date('2026-12-04T16:00:00Z')), '12月5日 0:00');
  });
});
