/** The volunteer settings editor's pure parts (test/component/pages/volunteer-settings.test.ts). */
import { monthDayLabel } from '@shared/time';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** A day added to a list: once, in order. */
export function addDay(days: readonly string[], day: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [...days];
  return [...new Set([...days, day])].sort();
}

/** "2026年10月1日 周四". */
export function dayFace(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return `${day.slice(0, 4)}年${monthDayLabel(day)} ${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;
}

/** The five thresholds as typed: whole hours, or null when one is not (the contract checks they rise). */
export function starsFromText(texts: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const t of texts) {
    if (!/^\d+$/.test(t.trim())) return null;
    out.push(Number(t.trim()));
  }
  return out;
}
