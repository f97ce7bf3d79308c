/**
 * Display helpers: China-time clock text and labels for card fields. Pure functions.
 */
import { CHINA_UTC_OFFSET_MS, chinaDateString } from '@shared/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-21 14:05:09" in China time, from an ISO string. */
export function chinaDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = new Date(d.getTime() + CHINA_UTC_OFFSET_MS);
  return `${chinaDateString(d)} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}`;
}

/** ★★★☆☆ for a 0–5 star level. */
export function stars(n: number): string {
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
}
