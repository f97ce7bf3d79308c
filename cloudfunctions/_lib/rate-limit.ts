// Rate limits, all in one place. Actions that write what others read, spend platform quota or can be
// used to guess name a kind (`rate` in their handler definition); the dispatcher spends one unit per
// call after the input is valid and before the handler runs, so a refused call writes nothing but
// its count. Counting is a fixed window per person (per WeChat user before binding): one guarded
// `_.inc` on a counter document, so a burst of concurrent calls can never pass the limit.
import { _, C, db, isDuplicateWrite } from './db';
import { ActionError } from './action-error';

export interface Limit {
  /** The window, in seconds (windows start at whole multiples, which are whole China minutes/hours too). */
  windowSec: number;
  max: number;
}

export const RATE_LIMITS = {
  /** Text others will read (notes, replies; later pledges, comments, ratings): each is also a content check. */
  content: { windowSec: 600, max: 30 },
  /** One-tap reminders a secretary or organizer sends: each reaches many people. */
  reminders: { windowSec: 3600, max: 10 },
  /** Files: roster imports (later photos and evidence). */
  uploads: { windowSec: 600, max: 30 },
  /** Invite-code attempts by one WeChat user: slows guessing. */
  bind: { windowSec: 3600, max: 10 },
  /** msgSecCheck for the whole app: WeChat allows 4,000 calls a minute; stay under it. */
  contentCheckApp: { windowSec: 60, max: 3600 },
  /** The park's display screen, per display key: a TV asks once a minute; a few screens may share one key. */
  display: { windowSec: 600, max: 120 },
} as const satisfies Record<string, Limit>;

export type RateKind = keyof typeof RATE_LIMITS;

/**
 * The limits in force: RATE_LIMITS, with any override in the function's environment variable
 * REDPARK_RATE_LIMITS (JSON, e.g. {"contentCheckApp":{"windowSec":60,"max":5}}) — a deployment knob
 * and how tests reach a limit without thousands of calls. A malformed override is ignored.
 */
export function limitFor(kind: RateKind): Limit {
  try {
    const o = JSON.parse(process.env.REDPARK_RATE_LIMITS ?? '{}') as Partial<Record<RateKind, Partial<Limit>>>;
    const l = { ...RATE_LIMITS[kind], ...o[kind] };
    if (Number.isInteger(l.windowSec) && l.windowSec > 0 && Number.isInteger(l.max) && l.max > 0) return l;
  } catch {
    // fall through to the default
  }
  return RATE_LIMITS[kind];
}

/** "3 分钟" etc.: how long until the window ends, in words a person reads. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/** Take one unit of `kind` for `key` (a person id, `wx:<openid>`, or `app`), or refuse with RATE_LIMITED. */
export async function spendRate(kind: RateKind, key: string, now: Date): Promise<void> {
  const { windowSec, max } = limitFor(kind);
  const windowMs = windowSec * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const _id = `${kind}|${key}|${start}`;
  const take = async () => (await db.collection(C.rateLimits).where({ _id, n: _.lt(max) }).update({ n: _.inc(1) })).updated === 1;
  if (await take()) return;
  try {
    await db.collection(C.rateLimits).add({ _id, kind, key, n: 1, windowStart: new Date(start), expiresAt: new Date(start + windowMs) });
    return;
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
  }
  if (await take()) return; // created by a concurrent call in between
  const wait = (start + windowMs - now.getTime()) / 1000;
  throw new ActionError('RATE_LIMITED', {
    message: kind === 'contentCheckApp' ? `系统繁忙，请 ${waitText(wait)}后再试` : `操作太频繁，请 ${waitText(wait)}后再试`,
    detail: { retryAfterSec: Math.ceil(wait) },
  });
}

/** Remove counters whose window ended before `before` (the housekeeping timer). */
export async function removeExpiredCounters(before: Date): Promise<number> {
  const { deleted } = await db.collection(C.rateLimits).where({ expiresAt: _.lt(before) }).remove();
  return Number(deleted ?? 0);
}
