/**
 * Calendar periods in China time (Asia/Shanghai): the keys every total, cap and leaderboard uses.
 *   day '2026-11-29' · month '2026-11' · quarter '2026-Q4' · year '2026'
 * A period key sorts as text in time order within its kind. Pure functions (miniapp and functions).
 */
import { CHINA_UTC_OFFSET_MS, chinaDateString } from './time';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };

export interface Periods {
  day: string;
  month: string;
  quarter: string;
  year: string;
}

/** The day, month, quarter and year that `date` falls in, in China. */
export function chinaPeriods(date: Date): Periods {
  const day = chinaDateString(date);
  const year = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  return { day, month: day.slice(0, 7), quarter: `${year}-Q${Math.ceil(m / 3)}`, year };
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
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The instant a China calendar day starts ('2026-12-01' → 2026-11-30T16:00:00Z). */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_UTC_OFFSET_MS);
}

/** How a period is shown: 2026年11月 · 2026年第4季度 · 2026年. */
export function periodLabel(key: string): string {
  if (PERIOD_PATTERNS.month.test(key)) return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
  if (PERIOD_PATTERNS.quarter.test(key)) return `${key.slice(0, 4)}年第${key.slice(6)}季度`;
  return `${key}年`;
}
