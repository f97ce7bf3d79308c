/**
 * Words for the organizer's side of the volunteer record (志愿待办, 补录, 证明管理): the 10-working-day
 * recording window, a make-up's and a certificate's state. Pure functions of what the function returns.
 */
import { monthDayLabel } from '@shared/time';

/** "还剩 3 个工作日（最晚 12月1日）", "今天是最后一天", or past the window: only make-ups are left. */
export function windowText(daysLeft: number, lastDay: string): { text: string; tone: 'green' | 'gold' | 'red' } {
  if (daysLeft < 0) return { text: `已超过 10 个工作日（${monthDayLabel(lastDay)}截止），只能补录`, tone: 'red' };
  if (daysLeft === 0) return { text: `今天是最后一天（${monthDayLabel(lastDay)}）`, tone: 'red' };
  return { text: `还剩 ${daysLeft} 个工作日（最晚 ${monthDayLabel(lastDay)}）`, tone: daysLeft <= 2 ? 'gold' : 'green' };
}

/** A number of hours typed by a person: null when it is not one. */
export function parseHours(s: string): number | null {
  const t = s.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** The activity's length in hours, from its first start to its last end (make-ups may not exceed it). */
export function activityLength(shifts: Array<{ start: string; end: string }>): number {
  if (!shifts.length) return 0;
  const start = Math.min(...shifts.map((s) => Date.parse(s.start)));
  const end = Math.max(...shifts.map((s) => Date.parse(s.end)));
  return Math.round(((end - start) / 3_600_000) * 100) / 100;
}
