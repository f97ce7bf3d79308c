// The one guard for timer functions. In production any client of the mini-program can call any
// deployed function by name, with any event, so `{ Type: 'Timer' }` in the event proves nothing.
// Only the platform's timer trigger runs with SOURCE `wx_trigger` (WeChat's getWXContext docs:
// 云函数定时触发器调用) and no WeChat user; a client call always carries its openid and `wx_client`.
import { apiError, type ApiReply } from '../../shared/contract/errors';
import { tcb } from './db';

export interface TimerEvent {
  Type: 'Timer';
  TriggerName?: string;
  /** The scheduled time (UTC), the same on the platform's retries. */
  Time?: string;
}

/** True only for an invocation by the platform's timer trigger. */
export function isPlatformTimer(event: unknown, context: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null || (event as { Type?: unknown }).Type !== 'Timer') return false;
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  return !ctx.WX_OPENID && ctx.TCB_SOURCE === 'wx_trigger';
}

/**
 * The scheduled time of a timer event, never later than now: a retry keeps the month or day it was
 * scheduled for, and a bad or future `Time` cannot move a job into a period that has not ended.
 */
export function scheduledTime(event: TimerEvent, now: Date): Date {
  const t = event.Time ? new Date(event.Time) : now;
  return Number.isNaN(t.getTime()) || t.getTime() > now.getTime() ? now : t;
}

/**
 * `main` for a function that only a timer may run: anyone else gets FORBIDDEN and nothing runs.
 * Functions that also serve clients (study) call isPlatformTimer themselves and route the rest.
 */
export function timerOnly<R>(job: (event: TimerEvent, now: Date) => Promise<R>) {
  return async function main(event: unknown, context: unknown): Promise<R | ApiReply<never>> {
    if (!isPlatformTimer(event, context)) return { ok: false, error: apiError('FORBIDDEN') };
    return job(event, new Date());
  };
}
