/** Helpers shared by the study subpackage's pages (never imported by a main-package page). */
import type { PointItem } from '@shared/points';

export type { PointItem };

/** "2026年11月30日" from 2026-11-30 (dates are already China days). */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-');
  return y && m && d ? `${y}年${Number(m)}月${Number(d)}日` : date;
}

/** "2026年11月" from 2026-11. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return y && m ? `${y}年${Number(m)}月` : month;
}

/** Characters the note counts (the server ignores whitespace). */
export function noteLength(text: string): number {
  return [...text.replace(/\s/g, '')].length;
}

export function topicUrl(route: string, topicId: string): string {
  return `${route}?topicId=${encodeURIComponent(topicId)}`;
}
