// Dates of a repeating meeting, shared by the function that schedules them and the form that
// previews them: the same day every month or quarter; a day the month lacks becomes its last day.
import { DAY, chinaDay } from './time';

export type Repeat = 'once' | 'monthly' | 'quarterly';
export const REPEAT_STEP_MONTHS: Record<Repeat, number> = { once: 0, monthly: 1, quarterly: 3 };

/** `times` dates from `first` ('YYYY-MM-DD', a real day), every month / quarter on the same day. */
export function meetingDates(first: string, repeat: Repeat, times: number): string[] {
  const start = chinaDay(first);
  const step = REPEAT_STEP_MONTHS[repeat];
  // dayjs adds months to the day it starts from, clamped: Jan 31 + 1 month is Feb 28 (29), + 2 is Mar 31.
  return Array.from({ length: repeat === 'once' ? 1 : times }, (_, i) => start.add(i * step, 'month').format(DAY));
}
