// Volunteer hours (志愿服务记录办法: the actual time given; the common local rule of a minimum
// presence): the overlap of signed-in time with the shift, counted only at or above the minimum share
// of the shift, rounded down to the rule's step, never more than the shift. Server time only. Pure:
// the functions compute it, the pages explain it with the same words.
import type { HoursRule } from './contract/volunteer';
import { clockLabel } from './time';

export interface HoursInput {
  shiftStart: Date;
  shiftEnd: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  rule: HoursRule;
}

export interface Hours {
  /** The hours that count (0 when not counted); null while not signed in and out. */
  hours: number | null;
  /** Why, in words: "签到 9:12 · 签退 11:05 · 计 1.5 小时" or "在岗不足 60%，本次不计时长". */
  note: string | null;
}

const MS_PER_HOUR = 3_600_000;

export function volunteerHours({ shiftStart, shiftEnd, signedInAt, signedOutAt, rule }: HoursInput): Hours {
  if (!signedInAt) return { hours: null, note: null };
  if (!signedOutAt) return { hours: null, note: `签到 ${clockLabel(signedInAt)} · 尚未签退` };
  const times = `签到 ${clockLabel(signedInAt)} · 签退 ${clockLabel(signedOutAt)}`;
  const length = shiftEnd.getTime() - shiftStart.getTime();
  const overlap = Math.max(0, Math.min(signedOutAt.getTime(), shiftEnd.getTime()) - Math.max(signedInAt.getTime(), shiftStart.getTime()));
  // In whole seconds: 60% of a 50-minute shift is exactly 30 minutes, not 29.999…, and a scan a few
  // milliseconds after 9:00 still gives the whole shift.
  const overlapS = Math.round(overlap / 1000);
  if (overlapS < Math.round((length * rule.minPresence) / 1000)) {
    return { hours: 0, note: `${times} · 在岗不足 ${Math.round(rule.minPresence * 100)}%，本次不计时长` };
  }
  const steps = Math.floor(Math.round(((overlapS * 1000) / MS_PER_HOUR / rule.roundTo) * 1e6) / 1e6);
  const hours = Math.min(steps * rule.roundTo, length / MS_PER_HOUR);
  return { hours, note: `${times} · 计 ${hours} 小时` };
}

/** A shift's length in hours (the most a person can get for it). */
export const shiftHours = (start: Date, end: Date): number => (end.getTime() - start.getTime()) / MS_PER_HOUR;
