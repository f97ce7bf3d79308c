/**
 * Dates in China time (Asia/Shanghai): the one module that does date arithmetic and formatting, with
 * dayjs and its utc plugin. Compiled into both the mini-program and the cloud functions.
 *
 * Cloud functions run in UTC and the mini-program runs on the user's phone, so every calendar boundary
 * (day, month, quarter) must be computed in one fixed zone. China has used UTC+8 all year since 1991
 * (no daylight saving), so a fixed +8 h offset is exact for every date this app will see; the
 * mini-program's JavaScript engines do not all support `Intl` time zones, so no zone database is used.
 *
 * A "China clock" is a dayjs in UTC mode whose fields (year … millisecond) read as the wall clock in
 * Beijing: the instant moved forward by 8 h. All arithmetic on it (startOf, add a month, format) runs on
 * UTC fields, so nothing depends on the process or phone time zone. (dayjs's own `.utcOffset(480)`
 * does not give that: it computes through the local zone, and where that zone has daylight saving, a
 * month's start comes out an hour off.) Never call `.toDate()` / `.valueOf()` on a clock: `chinaInstant`
 * turns it back into the instant. dayjs's startOf/endOf rebuild the date with Date.UTC, which reads years
 * 0–99 as 1900–1999; dates that come from people go through add/subtract/set instead.
 */
import dayjs, { type Dayjs } from 'dayjs';
// The file name with its extension: Node's ESM resolver (and so tsx) needs it, webpack and esbuild accept it.
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export type { Dayjs };

/** UTC+8, in minutes. */
const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

/** dayjs format of a calendar day ('2026-11-21') and a month ('2026-11'). */
export const DAY = 'YYYY-MM-DD';
export const MONTH = 'YYYY-MM';

/** The wall clock in China at an instant. Throws a RangeError for an invalid Date. */
export function chinaClock(at: Date | number): Dayjs {
  const clock = dayjs.utc(at);
  if (!clock.isValid()) throw new RangeError('chinaClock: invalid Date');
  return clock.add(CHINA_UTC_OFFSET_MINUTES, 'minute');
}

/** The instant a China clock stands for (an invalid clock gives an invalid Date). */
export function chinaInstant(clock: Dayjs): Date {
  return clock.subtract(CHINA_UTC_OFFSET_MINUTES, 'minute').toDate();
}

/**
 * The China clock at the midnight that starts a calendar day 'YYYY-MM-DD'; invalid (`isValid()` false)
 * unless the text is exactly such a day ('2026-02-30', '2026-2-3' and '2026-11' are not).
 */
export function chinaDay(day: string): Dayjs {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return dayjs.utc(NaN);
  // As an ISO instant, which the Date parser reads: dayjs's own string parser takes years 0000–0099 for 1900–1999.
  const clock = dayjs.utc(`${day}T00:00:00Z`);
  return clock.isValid() && clock.format(DAY) === day ? clock : dayjs.utc(NaN);
}

/** An instant in China time with a dayjs format: chinaFormat(d, 'YYYY-MM-DD HH:mm') → "2026-07-08 14:30". */
export function chinaFormat(at: Date | number, format: string): string {
  return chinaClock(at).format(format);
}

/**
 * The calendar date of `date` in China, as `YYYY-MM-DD`.
 * Example: 2026-11-20T16:30:00Z is already 2026-11-21 in Beijing.
 * Throws a RangeError for an invalid Date.
 */
export function chinaDateString(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('chinaDateString: invalid Date');
  }
  return chinaFormat(date, DAY);
}

/** "12月5日" from a China day `2026-12-05` (anything else is returned as it is). */
export function monthDayLabel(date: string): string {
  const day = chinaDay(date);
  return day.isValid() ? day.format('M月D日') : date;
}

/** The instant of a China wall-clock time "YYYY-MM-DD HH:mm" (an invalid Date if it is not one). */
export function chinaDateTime(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(text);
  const day = m ? chinaDay(m[1]!) : null;
  if (!m || !day?.isValid() || Number(m[2]) > 23 || Number(m[3]) > 59) return new Date(NaN);
  return chinaInstant(day.add(Number(m[2]), 'hour').add(Number(m[3]), 'minute'));
}

/** "YYYY-MM-DD HH:mm" in China time (what the pickers show and send). */
export function chinaDateTimeString(date: Date): string {
  return chinaFormat(date, 'YYYY-MM-DD HH:mm');
}

/** "9:12": the time of day in China, as people say it. */
export function clockLabel(date: Date): string {
  return chinaFormat(date, 'H:mm');
}

/** "12月5日 9:00" in China time. */
export function dateTimeLabel(date: Date): string {
  return chinaFormat(date, 'M月D日 H:mm');
}

/**
 * An instant as the functions send it: ISO 8601 in UTC ("2026-11-20T16:30:00.000Z"); a stored Date, or the
 * string a database copy may hold, alike. Null or absent (a time that has not happened yet) gives null.
 */
export function iso(at: Date | string): string;
export function iso(at: Date | string | null | undefined): string | null;
export function iso(at: Date | string | null | undefined): string | null {
  return at ? new Date(at).toISOString() : null;
}
