// The one place that initialises the SDK. In production the platform supplies the environment; in the
// emulator TCB_CONTEXT_CNFG points the same code at the local admin API.
import tcb from '@cloudbase/node-sdk';

export const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
export const db = app.database();
export const _ = db.command;
export type Db = typeof db;

/** Collection names, as declared in cloudfunctions/collections.json. */
export const C = {
  parks: 'parks',
  branches: 'branches',
  enterprises: 'enterprises',
  people: 'people',
  peopleLeft: 'people_left',
  invites: 'invites',
  transfers: 'transfers',
  audit: 'audit_logs',
  pointsLedger: 'points_ledger',
  pointsTotals: 'points_totals',
  pointsTables: 'points_tables',
  counterEvents: 'points_counter_events',
  scoreSettings: 'score_settings',
  redFlags: 'red_flags',
  leaderboardSnapshots: 'leaderboard_snapshots',
  topics: 'topics',
  topicProgress: 'topic_progress',
  notes: 'notes',
  inbox: 'inbox',
  meetings: 'meetings',
  attendance: 'attendance',
  rateLimits: 'rate_limits',
  volunteerActivities: 'volunteer_activities',
  volunteerShifts: 'volunteer_shifts',
  volunteerRegistrations: 'volunteer_registrations',
  volunteerSettings: 'volunteer_settings',
  volunteerMakeups: 'volunteer_makeups',
  volunteerCorrections: 'volunteer_corrections',
  volunteerRatings: 'volunteer_ratings',
  volunteerCertificates: 'volunteer_certificates',
  volunteerCounters: 'volunteer_counters',
  files: 'files',
  mediaChecks: 'media_checks',
  reviews: 'reviews',
  reviewRatings: 'review_ratings',
  reviewDecisions: 'review_decisions',
  reviewBranches: 'review_branches',
  pledges: 'pledges',
  pledgeRatings: 'pledge_ratings',
  pledgeSettings: 'pledge_settings',
  meetingTally: 'meeting_tally',
  ledgerExports: 'ledger_exports',
  ledgerJobs: 'ledger_jobs',
  displayKeys: 'display_keys',
  ledgerBoards: 'ledger_boards',
} as const;

export { tcb };

/** What a transaction offers on CloudBase: single-document operations only. */
export interface TxDoc {
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(data: object): Promise<{ id: string }> };
}

/**
 * Run `fn` in a transaction (retried by the SDK on write conflicts, 3 times by default and at once).
 * Throwing inside aborts it: nothing it wrote is kept.
 */
export function runTransaction<T>(fn: (tx: Tx) => Promise<T>, sdkRetries = 3): Promise<T> {
  return (db.runTransaction as (f: never, times: number) => Promise<T>)(fn as never, sdkRetries);
}

/** A document by id; null if missing. (Outside a transaction doc().get() answers a list.) */
export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const { data } = await db.collection(collection).doc(id).get();
  const d = Array.isArray(data) ? data[0] : data;
  return (d as T | undefined) ?? null;
}

/** Inside a transaction doc().get() answers one object or null (outside, a list). */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const { data } = await tx.collection(collection).doc(id).get();
  const d = Array.isArray(data) ? data[0] : data;
  return (d as T | undefined) ?? null;
}

/** Another writer got to a document of this transaction first (after the SDK's own 3 retries). */
export function isTransactionConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT';
}

/** A unique index said no (at insert, or at commit for a transaction). */
export function isDuplicateWrite(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE';
}

/** In chunks of 100 (the `in` limit we keep to): `fn` for each chunk, results joined. */
export async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>, size = 100): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

/** Every document matching `where` (only `fields`), page by page after the last _id: no silent 1,000 cut-off. */
export async function readAll<T extends { _id: string }>(collection: string, where: Record<string, unknown>, fields: Record<string, boolean>): Promise<T[]> {
  const PAGE = 1000;
  const out: T[] = [];
  for (let after: string | null = null; ; ) {
    const q: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const { data }: { data: unknown[] } = await db.collection(collection).where(q).field(fields).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...(data as T[]));
    if (data.length < PAGE) return out;
    after = (data[data.length - 1] as T)._id;
  }
}
