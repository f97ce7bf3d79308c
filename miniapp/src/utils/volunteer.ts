/**
 * Words for volunteering, shared by the 志愿 tab and the volunteer and organizer subpackages: a shift's
 * time in China time ("12月5日 周六 9:00–11:00"), a person's registration state ("候补第 2 位",
 * "计 1.5 小时 · 待确认"), seats left. Pure functions of what the `volunteer` function returns.
 */
import type { ActionOutput } from '@shared/contract';
import { chinaClock, chinaDateString, clockLabel, monthDayLabel } from '@shared/time';

export type ActivitySummary = ActionOutput<'volunteer', 'activities.list'>['activities'][number];
export type Shift = ActivitySummary['shifts'][number];
export type MyRegistration = ActivitySummary['mine'][number];

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** "12月5日 周六" in China time, from an ISO instant. */
export function dayLabel(iso: string): string {
  const d = new Date(iso);
  return `${monthDayLabel(chinaDateString(d))} ${WEEKDAYS[chinaClock(d).day()]}`;
}

/** "9:12" in China time, from an ISO instant. */
export const clockOf = (iso: string): string => clockLabel(new Date(iso));

/** "12月5日 9:12" in China time. */
export const dateTimeOf = (iso: string): string => `${monthDayLabel(chinaDateString(new Date(iso)))} ${clockOf(iso)}`;

/** "12月5日 周六 9:00–11:00"; an end on the next day says 次日. */
export function shiftTime(s: { start: string; end: string }): string {
  const sameDay = chinaDateString(new Date(s.start)) === chinaDateString(new Date(s.end));
  return `${dayLabel(s.start)} ${clockOf(s.start)}–${sameDay ? '' : '次日 '}${clockOf(s.end)}`;
}

/** Hours as people write them: 1.5, 2, 0.25. */
export const hoursText = (h: number): string => String(Math.round(h * 100) / 100);

export type Tone = 'red' | 'green' | 'gray' | 'gold';

/**
 * Where a person stands on a shift, in a few words: 已报名 / 候补第 n 位 / 已签到 9:12 / 计 1.5 小时 · 待确认 /
 * 已确认 1.5 小时 / 未到场 (the shift ended without a sign-in) / 已取消.
 */
export function registrationState(r: MyRegistration, shift: Pick<Shift, 'end'> | null, now = Date.now()): { label: string; tone: Tone } {
  if (r.status === 'cancelled') return { label: '已取消', tone: 'gray' };
  if (r.status === 'waitlist') return { label: `候补第 ${r.waitPosition ?? '?'} 位`, tone: 'gold' };
  if (r.confirmedHours !== null) return { label: `已确认 ${hoursText(r.confirmedHours)} 小时`, tone: 'green' };
  if (r.signedOutAt) {
    return r.hours ? { label: `计 ${hoursText(r.hours)} 小时 · 待确认`, tone: 'green' } : { label: '本次不计时长 · 待确认', tone: 'gray' };
  }
  if (r.signedInAt) return { label: `已签到 ${clockOf(r.signedInAt)}`, tone: 'green' };
  if (shift && Date.parse(shift.end) <= now) return { label: '未到场', tone: 'gray' };
  return { label: '已报名', tone: 'red' };
}

/** "还剩 3 个名额" / "已满 · 候补 2 人" for one shift. */
export function seatsText(s: Pick<Shift, 'capacity' | 'taken' | 'waiting'>): string {
  const left = s.capacity - s.taken;
  if (left > 0) return `还剩 ${left} 个名额（共 ${s.capacity} 个）`;
  return s.waiting > 0 ? `已满 · ${s.waiting} 人候补` : '已满 · 可排队候补';
}

/** Seats left over all shifts of an activity, in words for a list. */
export function activitySeats(shifts: Shift[]): string {
  const left = shifts.reduce((n, s) => n + Math.max(0, s.capacity - s.taken), 0);
  if (left > 0) return `还剩 ${left} 个名额`;
  const waiting = shifts.reduce((n, s) => n + s.waiting, 0);
  return waiting > 0 ? `名额已满 · ${waiting} 人候补` : '名额已满 · 可候补';
}

/** The registrations that still count (not cancelled). */
export const liveRegistrations = (mine: MyRegistration[]): MyRegistration[] => mine.filter((r) => r.status !== 'cancelled');

/** The hours rule in words: "在岗满班次时长的 60% 才计时长，按在岗时间向下取整到 0.5 小时，最多计班次时长". */
export function hoursRuleText(rule: { minPresence: number; roundTo: number }): string {
  const step = rule.roundTo === 1 ? '整小时' : ` ${rule.roundTo} 小时`;
  return `在岗满班次时长的 ${Math.round(rule.minPresence * 100)}% 才计时长，按签到到签退的在岗时间向下取整到${step}，最多计班次时长`;
}

/** "12月1日 8:30 至 12:00" (the day once when both are on it), from two ISO instants. */
export function rangeText(fromIso: string, toIso: string): string {
  const same = chinaDateString(new Date(fromIso)) === chinaDateString(new Date(toIso));
  return `${dateTimeOf(fromIso)} 至 ${same ? clockOf(toIso) : dateTimeOf(toIso)}`;
}
