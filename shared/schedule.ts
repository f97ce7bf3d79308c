// Dates of a repeating meeting, shared by the function that schedules them and the form that
// previews them: the same day every month or quarter; a day the month lacks becomes its last day.
import { DAY, chinaDay, chinaInstant } from './time';

export type Repeat = 'once' | 'monthly' | 'quarterly';
export const REPEAT_STEP_MONTHS: Record<Repeat, number> = { once: 0, monthly: 1, quarterly: 3 };

/** `times` dates from `first` ('YYYY-MM-DD', a real day), every month / quarter on the same day. */
export function meetingDates(first: string, repeat: Repeat, times: number): string[] {
  const start = chinaDay(first);
  const step = REPEAT_STEP_MONTHS[repeat];
  // dayjs adds months to the day it starts from, clamped: Jan 31 + 1 month is Feb 28 (29), + 2 is Mar 31.
  return Array.from({ length: repeat === 'once' ? 1 : times }, (_, i) => start.add(i * step, 'month').format(DAY));
}

/** Check-in opens this long before a meeting's start and closes this long after its end. */
export const CHECKIN_OPENS_BEFORE_MIN = 30;
export const CHECKIN_CLOSES_AFTER_MIN = 60;
/** A secretary may mark someone present by hand until the end of this many days after the meeting's day. */
export const MARK_PRESENT_DAYS_AFTER = 7;

export interface MeetingTimes {
  date: string;
  startTime?: string | null;
  endTime?: string | null;
}

/**
 * When a meeting's check-in code works (China time): from 30 minutes before its start to an hour after its
 * end (people come early, and a meeting runs over); a meeting without times (scheduled before times existed,
 * or through the API without them) is open its whole day, 0:00–24:00. `opensAt` / `closesAt` are instants.
 */
export function checkInWindow(m: MeetingTimes): { opensAt: Date; closesAt: Date } {
  const day = chinaDay(m.date);
  if (!m.startTime || !m.endTime) return { opensAt: chinaInstant(day), closesAt: chinaInstant(day.add(1, 'day')) };
  const at = (hhmm: string) => day.add(Number(hhmm.slice(0, 2)), 'hour').add(Number(hhmm.slice(3, 5)), 'minute');
  return {
    opensAt: chinaInstant(at(m.startTime).subtract(CHECKIN_OPENS_BEFORE_MIN, 'minute')),
    closesAt: chinaInstant(at(m.endTime).add(CHECKIN_CLOSES_AFTER_MIN, 'minute')),
  };
}

/** The last instant a secretary may mark someone present by hand: the end of the 7th day after the meeting's. */
export function markPresentUntil(m: MeetingTimes): Date {
  return chinaInstant(chinaDay(m.date).add(MARK_PRESENT_DAYS_AFTER + 1, 'day'));
}

/** "14:30–16:30", or "全天" for a meeting without times. */
export function meetingTimeLabel(m: MeetingTimes): string {
  const t = (hhmm: string) => `${Number(hhmm.slice(0, 2))}:${hhmm.slice(3, 5)}`;
  return m.startTime && m.endTime ? `${t(m.startTime)}–${t(m.endTime)}` : '全天';
}
