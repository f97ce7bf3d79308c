// Working days in China (志愿服务记录办法 Art. 11: records within 10 working days of the activity):
// Monday to Friday, minus the public holidays, plus the weekend days that are worked in exchange
// (调休上班). Both lists are the park's (the State Council publishes them each year; the park admin keeps
// them). Days are China calendar days 'YYYY-MM-DD'.
import { DAY, chinaDay } from './time';

export interface WorkCalendar {
  /** Public holidays that fall on weekdays (not worked). */
  holidays: readonly string[];
  /** Weekend days that are worked (调休上班). */
  workdays: readonly string[];
}

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  const weekday = chinaDay(day).day(); // a China clock in UTC mode: day() is the China weekday
  return weekday !== 0 && weekday !== 6;
}

/** The `n`-th working day after `day` (the recording window of an activity on `day` ends on it). */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar): string {
  let d = chinaDay(day);
  if (!d.isValid()) throw new RangeError(`addWorkingDays: not a day: ${day}`);
  for (let left = n; left > 0; ) {
    d = d.add(1, 'day');
    if (isWorkingDay(d.format(DAY), cal)) left--;
  }
  return d.format(DAY);
}

/** Working days from `today` (exclusive) to `last` (inclusive): 0 on the last day, negative once past. */
export function workingDaysLeft(today: string, last: string, cal: WorkCalendar): number {
  if (today === last) return 0;
  const forward = today < last;
  let d = chinaDay(today);
  let n = 0;
  while (d.format(DAY) !== last) {
    d = d.add(forward ? 1 : -1, 'day');
    if (isWorkingDay(d.format(DAY), cal)) n++;
  }
  return forward ? n : -n;
}
