/**
 * Calendar periods in China time (Asia/Shanghai): the keys every total, cap and leaderboard uses.
 *   day '2026-11-29' · month '2026-11' · quarter '2026-Q4' · year '2026'
 * A period key sorts as text in time order within its kind. Pure functions (miniapp and functions);
 * the date arithmetic is in ./time (dayjs, China clock).
 */
import { DAY, MONTH, chinaClock, chinaDay, chinaInstant } from './time';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };

export interface Periods {
  day: string;
  month: string;
  quarter: string;
  year: string;
}

/** The day, month, quarter and year that `date` falls in, in China. Throws a RangeError for an invalid Date. */
export function chinaPeriods(date: Date): Periods {
  const clock = chinaClock(date);
  const year = clock.format('YYYY');
  return { day: clock.format(DAY), month: clock.format(MONTH), quarter: `${year}-Q${Math.floor(clock.month() / 3) + 1}`, year };
}

export function periodKey(kind: PeriodKind, date: Date): string {
  return chinaPeriods(date)[kind];
}

export const PERIOD_PATTERNS: Record<PeriodKind, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

/** The month before `month` ('2026-01' → '2025-12'). */
export function previousMonth(month: string): string {
  return chinaDay(`${month}-01`).subtract(1, 'month').format(MONTH);
}

/** The last calendar day of a month ('2028-02' → '2028-02-29'). */
export function lastDayOfMonth(month: string): string {
  return chinaDay(`${month}-01`).add(1, 'month').subtract(1, 'day').format(DAY);
}

/** The instant a China calendar day starts ('2026-12-01' → 2026-11-30T16:00:00Z; not a day → an invalid Date). */
export function chinaDayStart(day: string): Date {
  return chinaInstant(chinaDay(day));
}

/** How a period is shown: 2026年11月 · 2026年第4季度 · 2026年. */
export function periodLabel(key: string): string {
  if (PERIOD_PATTERNS.month.test(key)) return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
  if (PERIOD_PATTERNS.quarter.test(key)) return `${key.slice(0, 4)}年第${key.slice(6)}季度`;
  return `${key}年`;
}
