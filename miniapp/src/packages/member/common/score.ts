/**
 * Display helpers for the member's points pages (我的积分, 支部排行): numbers as people read them,
 * and moving between periods. Pure functions; China time everywhere.
 */
import { MEASURE_LABELS, type Measure } from '@shared/points';
import { PERIOD_PATTERNS, type PeriodKind, chinaPeriods, periodLabel } from '@shared/periods';

/** 12 · 12.5 · 0.25 (at most 2 decimals, no trailing zeros). */
export const num = (n: number) => String(Math.round(n * 100) / 100);

/** "+10" / "−5" / "0". */
export const signed = (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');

/** A branch's value for a measure, with its unit: 12.3 分/人 · 66.7% · 4.5 小时/人. */
export function measureText(measure: Measure, value: number | null): string {
  if (value === null) return '暂无数据';
  switch (measure) {
    case 'pointsPerMember':
      return `${value.toFixed(1)} 分/人`;
    case 'volunteerHoursPerMember':
      return `${value.toFixed(1)} 小时/人`;
    case 'studyRate':
    case 'pledgeRate':
      return `${Math.round(value * 1000) / 10}%`;
  }
}

/** What a measure means, in one plain sentence. */
export const MEASURE_HINTS: Record<Measure, string> = {
  pointsPerMember: `${MEASURE_LABELS.pointsPerMember}：支部积分总数 ÷ 支部人数`,
  studyRate: `${MEASURE_LABELS.studyRate}：完成的专题学习 ÷ 应完成的专题学习`,
  volunteerHoursPerMember: `${MEASURE_LABELS.volunteerHoursPerMember}：支部志愿服务小时数 ÷ 支部人数`,
  pledgeRate: `${MEASURE_LABELS.pledgeRate}：已践诺的承诺 ÷ 到期的承诺`,
};

/** The current period of a kind, in China time. */
export const currentPeriod = (kind: PeriodKind) => chinaPeriods(new Date())[kind];

/** The period `delta` steps from `key` ('2026-01', -1 → '2025-12'; '2026-Q1', -1 → '2025-Q4'; '2026', 1 → '2027'). */
export function shiftPeriod(kind: PeriodKind, key: string, delta: number): string {
  if (!PERIOD_PATTERNS[kind].test(key)) return key;
  const y = Number(key.slice(0, 4));
  if (kind === 'year') return String(y + delta);
  const per = kind === 'month' ? 12 : 4;
  const i = kind === 'month' ? Number(key.slice(5, 7)) - 1 : Number(key.slice(6)) - 1;
  const t = y * per + i + delta;
  const ny = Math.floor(t / per);
  const ni = (t % per) + 1;
  return kind === 'month' ? `${ny}-${String(ni).padStart(2, '0')}` : `${ny}-Q${ni}`;
}

export { periodLabel };
