/**
 * A signed code that rotates (亮码's card code, a meeting's check-in code): fetch it, count down, fetch
 * the next one before it is due, and pause while the page is hidden.
 *   const { code, error, secondsLeft, retry } = useRotatingCode(api.user.cardCode);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { ApiError, ApiReply } from '@shared/contract';

interface Issued {
  code: string;
  expiresAt: string;
  refreshAt: string;
}

/**
 * When to fetch the next code, in ms from now. The server's refreshAt is in the server's clock; a
 * phone's clock may be minutes off. If refreshAt is not within the next minute the clocks disagree,
 * so assume the code was issued just now: it lives at most 60 s and the server wants it replaced
 * (expiresAt − refreshAt) before the end.
 */
export function refreshDelayMs(c: Issued, nowMs: number): number {
  const byClock = Date.parse(c.refreshAt) - nowMs;
  if (byClock > 0 && byClock <= 60_000) return byClock;
  const margin = Date.parse(c.expiresAt) - Date.parse(c.refreshAt);
  return Math.max(5_000, 60_000 - (Number.isFinite(margin) ? margin : 15_000));
}

export function useRotatingCode<T extends Issued>(load: () => Promise<ApiReply<T>>) {
  const [code, setCode] = useState<(T & { dueAt: number }) | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [now, setNow] = useState(Date.now());
  const [visible, setVisible] = useState(true);
  const fetching = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchCode = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    const r = await loadRef.current();
    fetching.current = false;
    if (r.ok) {
      setError(null);
      setCode({ ...r.data, dueAt: Date.now() + refreshDelayMs(r.data, Date.now()) });
    } else {
      setError(r.error);
      setCode(null);
    }
  }, []);

  useEffect(() => void fetchCode(), [fetchCode]);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  // One tick a second while the page is on screen: the countdown, and the refresh when due. The
  // first tick is at once, so a page shown again after a while neither shows the countdown it had when
  // it was hidden nor keeps an overdue code up for another second.
  useEffect(() => {
    if (!visible) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [visible]);
  useEffect(() => {
    if (visible && code && now >= code.dueAt) void fetchCode();
  }, [visible, code, now, fetchCode]);

  return { code, error, secondsLeft: code ? Math.max(0, Math.ceil((code.dueAt - now) / 1000)) : 0, retry: fetchCode };
}
