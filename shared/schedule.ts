// Dates of a repeating meeting, shared by the function that schedules them and the form that
// previews them: the same day every month or quarter; a day the month lacks becomes its last day.

export type Repeat = 'once' | 'monthly' | 'quarterly';
export const REPEAT_STEP_MONTHS: Record<Repeat, number> = { once: 0, monthly: 1, quarterly: 3 };

/** `times` dates from `first` ('YYYY-MM-DD'), every month / quarter on the same day. */
export function meetingDates(first: string, repeat: Repeat, times: number): string[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const step = REPEAT_STEP_MONTHS[repeat];
  return Array.from({ length: repeat === 'once' ? 1 : times }, (_, i) => {
    const months = m - 1 + i * step;
    const year = y + Math.floor(months / 12);
    const month = (months % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });
}
