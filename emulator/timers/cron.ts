// CloudBase / SCF timer cron expressions.
//
// Seven fields, `sec min hour day-of-month month day-of-week year`, evaluated in Asia/Shanghai. China has been a
// fixed UTC+8 with no daylight saving since 1991, so all arithmetic is done on "wall time encoded as UTC": add 8 h to
// an epoch, read/write its fields with the UTC Date methods, subtract 8 h at the end. The machine's local zone is
// never consulted (cloud functions and CI machines run in UTC, developers' laptops may not).
//
// Each field accepts `*`, `n`, `a-b`, `a,b,c`, `*/n`, `a-b/n` and `a/n` (a to the field's maximum, every n).
// Months accept JAN-DEC, weekdays SUN-SAT (case-insensitive); weekdays are 0-6 with 0 = Sunday, and 7 is also Sunday.
// Day-of-month and day-of-week follow standard cron: when both are restricted a day matches if either matches; a field
// that is literally `*` does not restrict (so `*/1` does). Quartz extras (`?`, `L`, `W`, `#`) are rejected: CloudBase
// does not document them, and a schedule that only works in the emulator is worse than an error.

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Thrown by parseCron; the message names the field and the offending value. */
export class CronError extends Error {
  override name = 'CronError';
}

/** A parsed expression. Every list is sorted ascending and duplicate-free. */
export interface CronSchedule {
  readonly expr: string;
  readonly second: readonly number[];
  readonly minute: readonly number[];
  readonly hour: readonly number[];
  readonly dayOfMonth: readonly number[];
  readonly month: readonly number[];
  /** 0-6, 0 = Sunday (7 is folded into 0). */
  readonly dayOfWeek: readonly number[];
  readonly year: readonly number[];
  /** True when the field was literally `*` (so it does not restrict the day). */
  readonly dayOfMonthAny: boolean;
  readonly dayOfWeekAny: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Largest value accepted when written explicitly (day-of-week accepts 7 for Sunday; `*` still means 0-6). */
  maxExplicit?: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

// The year range Quartz-style crons accept; `*` in the year field means all of it.
const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 6, maxExplicit: 7, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2099 },
];

/**
 * How many allowed years a search may look at (the starting one plus five more). Bounds the work for expressions
 * that never match (`0 0 0 31 2 * *`) while still finding a 29 February, which recurs within four years.
 */
const MAX_YEARS_SEARCHED = 6;

/** Parses a 7-field expression; throws CronError naming the bad field and value. */
export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 7) {
    throw new CronError(
      `cron expression '${expr}' must have 7 fields (second minute hour day-of-month month day-of-week year), got ${parts.length}`,
    );
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  return {
    expr,
    second: second!,
    minute: minute!,
    hour: hour!,
    dayOfMonth: dayOfMonth!,
    month: month!,
    dayOfWeek: dayOfWeek!,
    year: year!,
    dayOfMonthAny: parts[3] === '*',
    dayOfWeekAny: parts[5] === '*',
  };
}

function parseField(text: string, f: FieldSpec): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronError(`cron field '${f.name}' has an empty list item in '${text}'`);
    const slash = item.split('/');
    if (slash.length > 2) throw new CronError(`cron field '${f.name}' value '${item}' has more than one '/'`);
    const [range, stepText] = slash as [string, string | undefined];
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        throw new CronError(`cron field '${f.name}' step '${stepText}' must be a whole number of at least 1`);
      }
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      [lo, hi] = [f.min, f.max];
    } else if (range.includes('-')) {
      const ends = range.split('-');
      if (ends.length !== 2 || ends.includes('')) throw new CronError(`cron field '${f.name}' range '${range}' is malformed`);
      lo = parseValue(ends[0]!, f);
      hi = parseValue(ends[1]!, f);
      // No wrap-around ranges such as FRI-MON: SCF does not document them, so they are an error rather than a guess.
      if (lo > hi) throw new CronError(`cron field '${f.name}' range '${range}' runs backwards`);
    } else {
      lo = parseValue(range, f);
      // `a/n` means from a to the field's maximum, every n.
      hi = stepText === undefined ? lo : Math.max(lo, f.max);
    }
    for (let v = lo; v <= hi; v += step) values.add(f.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseValue(text: string, f: FieldSpec): number {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + f.min;
  if (text === '?' || /[LW#]/i.test(text)) {
    throw new CronError(`cron field '${f.name}' value '${text}' is not supported (no ?, L, W or # in CloudBase crons)`);
  }
  if (!/^\d+$/.test(text)) throw new CronError(`cron field '${f.name}' value '${text}' is not a number`);
  const v = Number(text);
  const max = f.maxExplicit ?? f.max;
  if (v < f.min || v > max) throw new CronError(`cron field '${f.name}' value ${v} is out of range ${f.min}-${max}`);
  return v;
}

/** The first fire time strictly after `afterMs` (epoch ms), or undefined if none within the search horizon. */
export function nextFireTime(s: CronSchedule, afterMs: number): number | undefined {
  // Work in China wall time; fire times are whole seconds.
  let t = Math.floor((afterMs + CHINA_UTC_OFFSET_MS) / 1000) * 1000 + 1000;
  const startYear = new Date(t).getUTCFullYear();
  const lastYear = s.year.filter((y) => y >= startYear)[MAX_YEARS_SEARCHED - 1] ?? s.year[s.year.length - 1]!;
  // Each step either returns or jumps to the start of the next candidate year/month/day/hour/minute, so a call costs
  // at most a few hundred iterations (days of the searched years), never one per second.
  for (;;) {
    const { Y, M, D, h, m, sec, weekday } = wallFields(t);
    if (Y > lastYear) return undefined;
    const y = firstAtLeast(s.year, Y);
    if (y === undefined) return undefined;
    if (y !== Y) { t = Date.UTC(y, 0, 1); continue; }
    const mo = firstAtLeast(s.month, M);
    if (mo !== M) { t = mo === undefined ? Date.UTC(Y + 1, 0, 1) : Date.UTC(Y, mo - 1, 1); continue; }
    if (!dayMatches(s, D, weekday)) { t = Date.UTC(Y, M - 1, D + 1); continue; }
    const hh = firstAtLeast(s.hour, h);
    if (hh !== h) { t = hh === undefined ? Date.UTC(Y, M - 1, D + 1) : Date.UTC(Y, M - 1, D, hh); continue; }
    const mm = firstAtLeast(s.minute, m);
    if (mm !== m) { t = mm === undefined ? Date.UTC(Y, M - 1, D, h + 1) : Date.UTC(Y, M - 1, D, h, mm); continue; }
    const ss = firstAtLeast(s.second, sec);
    if (ss !== sec) { t = ss === undefined ? Date.UTC(Y, M - 1, D, h, m + 1) : Date.UTC(Y, M - 1, D, h, m, ss); continue; }
    return t - CHINA_UTC_OFFSET_MS;
  }
}

/** The last fire time at or before `atOrBeforeMs` and strictly after `afterMs`: the mirror image of nextFireTime. */
function prevFireTime(s: CronSchedule, atOrBeforeMs: number, afterMs: number): number | undefined {
  let t = Math.floor((atOrBeforeMs + CHINA_UTC_OFFSET_MS) / 1000) * 1000;
  const floor = afterMs + CHINA_UTC_OFFSET_MS;
  const startYear = new Date(t).getUTCFullYear();
  const below = s.year.filter((y) => y <= startYear);
  const firstYear = below[below.length - MAX_YEARS_SEARCHED] ?? below[0];
  if (firstYear === undefined) return undefined;
  // Date.UTC(..., x) - 1000 is the last second before x, i.e. the end of the previous year/month/day/hour/minute.
  for (;;) {
    if (t <= floor) return undefined;
    const { Y, M, D, h, m, sec, weekday } = wallFields(t);
    if (Y < firstYear) return undefined;
    const y = lastAtMost(s.year, Y);
    if (y === undefined) return undefined;
    if (y !== Y) { t = Date.UTC(y + 1, 0, 1) - 1000; continue; }
    const mo = lastAtMost(s.month, M);
    if (mo !== M) { t = mo === undefined ? Date.UTC(Y, 0, 1) - 1000 : Date.UTC(Y, mo, 1) - 1000; continue; }
    if (!dayMatches(s, D, weekday)) { t = Date.UTC(Y, M - 1, D) - 1000; continue; }
    const hh = lastAtMost(s.hour, h);
    if (hh !== h) { t = hh === undefined ? Date.UTC(Y, M - 1, D) - 1000 : Date.UTC(Y, M - 1, D, hh + 1) - 1000; continue; }
    const mm = lastAtMost(s.minute, m);
    if (mm !== m) { t = mm === undefined ? Date.UTC(Y, M - 1, D, h) - 1000 : Date.UTC(Y, M - 1, D, h, mm + 1) - 1000; continue; }
    const ss = lastAtMost(s.second, sec);
    if (ss !== sec) { t = ss === undefined ? Date.UTC(Y, M - 1, D, h, m) - 1000 : Date.UTC(Y, M - 1, D, h, m, ss); continue; }
    return t > floor ? t - CHINA_UTC_OFFSET_MS : undefined;
  }
}

/** Counting stops here: a scheduler only needs "how many were coalesced", and a year of every-second is 31 million. */
export const MAX_FIRE_COUNT = 10_000;

/**
 * The latest fire time in (fromExclusiveMs, toInclusiveMs] and how many fire times the window holds.
 * `count` is capped at MAX_FIRE_COUNT (10,000); the latest time is exact regardless.
 */
export function latestFireTimeInRange(
  s: CronSchedule,
  fromExclusiveMs: number,
  toInclusiveMs: number,
): { time: number; count: number } | undefined {
  if (toInclusiveMs <= fromExclusiveMs) return undefined;
  const time = prevFireTime(s, toInclusiveMs, fromExclusiveMs);
  if (time === undefined) return undefined;
  let count = 1;
  for (let t = nextFireTime(s, fromExclusiveMs); t !== undefined && t < time && count < MAX_FIRE_COUNT; t = nextFireTime(s, t)) {
    count++;
  }
  return { time, count };
}

/** The China calendar fields of a wall-time instant (its UTC fields are China's fields). */
function wallFields(t: number) {
  const d = new Date(t);
  return {
    Y: d.getUTCFullYear(),
    M: d.getUTCMonth() + 1,
    D: d.getUTCDate(),
    h: d.getUTCHours(),
    m: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The day-of-month / day-of-week rule (see the top of the file). */
function dayMatches(s: CronSchedule, dayOfMonth: number, weekday: number): boolean {
  const dom = s.dayOfMonth.includes(dayOfMonth);
  const dow = s.dayOfWeek.includes(weekday);
  if (s.dayOfMonthAny && s.dayOfWeekAny) return true;
  if (s.dayOfMonthAny) return dow;
  if (s.dayOfWeekAny) return dom;
  return dom || dow;
}

/** Smallest element >= v of a sorted list (lists are at most 130 long, so a linear scan is fine). */
function firstAtLeast(list: readonly number[], v: number): number | undefined {
  return list.find((x) => x >= v);
}

function lastAtMost(list: readonly number[], v: number): number | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]! <= v) return list[i];
  return undefined;
}
