/**
 * Display helpers: China-time clock text and labels for card fields. Pure functions.
 */
import { chinaFormat } from '@shared/time';

/** "2026-11-21 14:05:09" in China time, from an ISO string (anything else is returned as it is). */
export function chinaDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : chinaFormat(d, 'YYYY-MM-DD HH:mm:ss');
}

/** ★★★☆☆ for a 0–5 star level. */
export function stars(n: number): string {
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
}
