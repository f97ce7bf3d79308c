/**
 * Dates in China time (Asia/Shanghai).
 *
 * Cloud functions run in UTC and the mini-program runs on the user's phone, so every calendar boundary
 * (day, month, quarter) must be computed in one fixed zone. China has used UTC+8 all year since 1991
 * (no daylight saving), so a fixed +8 h offset is exact for every date this app will see.
 *
 * Pure functions only: this file is compiled into both the mini-program and the cloud functions.
 */

/** UTC+8, in milliseconds. */
export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The calendar date of `date` in China, as `YYYY-MM-DD`.
 * Example: 2026-11-20T16:30:00Z is already 2026-11-21 in Beijing.
 * Throws a RangeError for an invalid Date.
 */
export function chinaDateString(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('chinaDateString: invalid Date');
  }
  const shifted = new Date(ms + CHINA_UTC_OFFSET_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/** "12月5日" from a China day `2026-12-05` (anything else is returned as it is). */
export function monthDayLabel(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date;
}

/** "YYYY-MM-DD HH:mm" in China time (2026-11-21 14:05: what people read in lists and exports). */
export function chinaDateTimeString(date: Date): string {
  const shifted = new Date(date.getTime() + CHINA_UTC_OFFSET_MS);
  return `${chinaDateString(date)} ${pad(shifted.getUTCHours(), 2)}:${pad(shifted.getUTCMinutes(), 2)}`;
}
