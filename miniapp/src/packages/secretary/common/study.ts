// Small helpers shared by the secretary's study pages.
import Taro from '@tarojs/taro';
import { lastDayOfMonth, PERIOD_PATTERNS } from '@shared/periods';
import { chinaDateString } from '@shared/time';

/** This month in China time, "2026-11". */
export const thisMonth = (): string => chinaDateString(new Date()).slice(0, 7);

/** The last day of a "2026-11" month, "2026-11-30" (the default deadline). */
export const monthEnd = (month: string): string => (PERIOD_PATTERNS.month.test(month) ? lastDayOfMonth(month) : '');

/** "60%" from a 0–1 rate. */
export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;

/** A page URL with its query (values encoded). */
export function withQuery(url: string, q: Record<string, string | undefined>): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${url}?${parts.join('&')}` : url;
}

/** Back to the list: the page below when there is one, else a fresh `url`. */
export function backTo(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url });
}

export { param } from '../../../services/nav';
