// The points engine as it was before issue 21 (commit c59a5e6), kept for npm run bench:leaderboard's baseline: one
// transaction per award (the entry, the person's 4 and the branch's 3 totals). Bench-only; never deployed.
// The points engine (积分), bundled into every function that awards points. An event is counted
// exactly once: its ledger entry has a deterministic _id, and the entry, the person's day / month /
// quarter / year totals and the branch's month / quarter / year totals are written in ONE transaction
// that first reads the entry's id (present → 'duplicate', nothing written) and the totals the caps
// need. Caps are enforced inside that transaction, so concurrent awards cannot overshoot them (the
// later one conflicts, retries and sees the first). The ledger is append-only: a correction is a
// reversing entry. Periods are China calendar periods (shared/periods.ts).
import { createHash } from 'node:crypto';
import { chinaPeriods, type Periods } from '../../../shared/periods';
import { DEFAULT_POINTS_TABLE, POINT_ITEMS, POINT_ITEM_LABELS, type CapReason, type PointItem, type PointsTable, grantedPoints, pointsOutcomeText } from '../../../shared/points';
import { z } from '../../../shared/contract/zod';
import { audit } from '../../../cloudfunctions/_lib/audit';
import { C, db, isDuplicateWrite, isTransactionConflict, runTransaction, txGet, type Tx } from '../../../cloudfunctions/_lib/db';
import { ActionError } from '../../../cloudfunctions/_lib/dispatcher';
import type {
  CounterDelta, CounterEventDoc, CounterName, LedgerDoc, PersonDoc, PointsTableDoc, TotalsDoc, TotalsPeriodKind,
} from '../../../cloudfunctions/_lib/types';

const sha32 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The ledger id of an event: the same (park, item, person, source event) always gives the same id. */
export const ledgerId = (parkId: string, item: PointItem, personId: string, sourceId: string) => sha32(`${parkId}|${item}|${personId}|${sourceId}`);
/** The id of the one reversal an entry can have. */
export const reversalId = (entryId: string) => sha32(`reversal|${entryId}`);
export const counterEventId = (parkId: string, branchId: string, sourceId: string) => sha32(`counters|${parkId}|${branchId}|${sourceId}`);
export const personTotalId = (personId: string, period: string) => `P|${personId}|${period}`;
export const branchTotalId = (branchId: string, period: string) => `B|${branchId}|${period}`;

const PERSON_KINDS = ['day', 'month', 'quarter', 'year'] as const satisfies readonly TotalsPeriodKind[];
const BRANCH_KINDS = ['month', 'quarter', 'year'] as const satisfies readonly TotalsPeriodKind[];
export const COUNTER_NAMES = ['topicsCompleted', 'topicsAssigned', 'volunteerHours', 'pledgesFulfilled', 'pledgesDue'] as const satisfies readonly CounterName[];

/** Two decimals (hours × points may be fractional): sums stay exact instead of drifting (0.1 + 0.2). */
const round2 = (n: number) => Math.round(n * 100) / 100;

// ---- the table ----

export interface CurrentTable {
  version: number;
  table: PointsTable;
  updatedAt: Date | null;
  updatedBy: { id: string; name: string } | null;
}

/** The park's newest table (one indexed read); version 0 = the defaults. */
export async function currentTable(parkId: string): Promise<CurrentTable> {
  const { data } = await db.collection(C.pointsTables).where({ parkId }).orderBy('version', 'desc').limit(1).get();
  const doc = data[0] as PointsTableDoc | undefined;
  if (!doc) return { version: 0, table: DEFAULT_POINTS_TABLE, updatedAt: null, updatedBy: null };
  // An item added to POINT_ITEMS after the park saved its table starts with its default rule.
  return { version: doc.version, table: { ...DEFAULT_POINTS_TABLE, ...doc.table }, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
}

// ---- retries ----

const MAX_ATTEMPTS = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run a transaction, retrying write conflicts with growing random backoff (instead of the SDK's
 * immediate retries), so a crowd of awards on one branch's totals spreads out and all land. A duplicate
 * write (on CloudBase a concurrent insert of the same ledger id surfaces so) is retried too: the next
 * attempt reads the entry and answers 'duplicate'.
 */
export async function withConflictRetry<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTransaction(fn, 0);
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !(isTransactionConflict(e) || isDuplicateWrite(e))) throw e;
      await sleep(Math.random() * Math.min(5 * 2 ** attempt, 500));
    }
  }
}

/**
 * Await a transaction's parallel operations. When one conflicts the transaction is over and the others
 * fail with "transaction not open": report the conflict itself, which is what gets retried.
 */
async function settle<T>(ops: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(ops);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failed.length) throw failed.find(isTransactionConflict) ?? failed[0];
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function settleTwo<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await settle<unknown>([a, b]);
  return [x as A, y as B];
}

// ---- totals documents ----

function emptyTotals(parkId: string, scope: TotalsDoc['scope'], ownerId: string, branchId: string, periodKind: TotalsPeriodKind, period: string, now: Date): TotalsDoc {
  return {
    _id: scope === 'person' ? personTotalId(ownerId, period) : branchTotalId(ownerId, period),
    parkId, scope, ownerId, branchId, periodKind, period,
    points: 0, byItem: {}, topicsCompleted: 0, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0,
    updatedAt: now,
  };
}

/** A totals document with `points` (of `item`) and `counters` added; written whole with set(). */
function raised(doc: TotalsDoc, item: PointItem | null, points: number, counters: CounterDelta, now: Date): TotalsDoc {
  const next: TotalsDoc = { ...doc, points: round2(doc.points + points), byItem: { ...doc.byItem }, updatedAt: now };
  if (item && points) next.byItem[item] = round2((doc.byItem[item] ?? 0) + points);
  for (const k of COUNTER_NAMES) if (counters[k]) next[k] = round2((doc[k] ?? 0) + counters[k]!);
  return next;
}

const hasCounters = (c: CounterDelta) => COUNTER_NAMES.some((k) => c[k]);

interface Raise {
  parkId: string;
  personId: string | null;
  branchId: string;
  periods: Periods;
  item: PointItem | null;
  points: number;
  counters: CounterDelta;
  now: Date;
}

/** Read (inside the transaction) every totals document a raise touches. */
async function readTotals(tx: Tx, r: Omit<Raise, 'item' | 'points' | 'counters'>) {
  const get = (id: string) => txGet<TotalsDoc>(tx, C.pointsTotals, id);
  const person = r.personId ? PERSON_KINDS.map((k) => get(personTotalId(r.personId!, r.periods[k]))) : [];
  const docs = await settle([...person, ...BRANCH_KINDS.map((k) => get(branchTotalId(r.branchId, r.periods[k])))]);
  return { person: docs.slice(0, person.length), branch: docs.slice(person.length) };
}

/**
 * Write the raised totals (person docs only when points move; branch docs when points or counters do).
 * The caller's `first` writes (the ledger entry…) and the person's documents go in parallel; then the
 * branch's, which a whole branch's awards contend for, one at a time in a fixed order (month, quarter,
 * year): a transaction that loses the race for the month document gives up holding none of the others,
 * and the hot documents are held only for the last moments before commit.
 */
async function writeTotals(tx: Tx, r: Raise, read: Awaited<ReturnType<typeof readTotals>>, first: Array<Promise<unknown>>): Promise<void> {
  const set = (doc: TotalsDoc) => {
    const { _id, ...rest } = doc;
    return tx.collection(C.pointsTotals).doc(_id).set(rest);
  };
  const writes = [...first];
  if (r.personId && r.points) {
    PERSON_KINDS.forEach((k, i) => {
      const cur = read.person[i] ?? emptyTotals(r.parkId, 'person', r.personId!, r.branchId, k, r.periods[k], r.now);
      // An award files the person under their branch now (for "my rank in my branch"); a reversal leaves it.
      writes.push(set(raised(r.points > 0 ? { ...cur, branchId: r.branchId } : cur, r.item, r.points, {}, r.now)));
    });
  }
  await settle(writes);
  if (r.points || hasCounters(r.counters)) {
    for (const [i, k] of BRANCH_KINDS.entries()) {
      const cur = read.branch[i] ?? emptyTotals(r.parkId, 'branch', r.branchId, r.branchId, k, r.periods[k], r.now);
      await set(raised(cur, r.item, r.points, r.counters, r.now));
    }
  }
}

// ---- awarding ----

const ID = z.string().min(1).max(64);
const counterDelta = z.object(Object.fromEntries(COUNTER_NAMES.map((k) => [k, z.number().finite().optional()])) as Record<CounterName, z.ZodOptional<z.ZodNumber>>).strict();

const awardInput = z.object({
  parkId: ID,
  personId: ID,
  branchId: ID,
  item: z.enum(POINT_ITEMS),
  /** The event that earns the points, unique within the item (e.g. the topic id, the activity id). */
  sourceId: z.string().min(1).max(200),
  /** Units (hours for volunteerHours); default 1. */
  quantity: z.number().positive().max(1000).default(1),
  note: z.string().max(200),
  /** When the event happened (its periods count); default now. */
  at: z.date().optional(),
  /** Branch counters that come with the event (e.g. volunteerHours, topicsCompleted), added exactly once with it. */
  counters: counterDelta.default({}),
  /** Who recorded it: the acting person's id, default 'system'. */
  by: z.string().min(1).max(64).default('system'),
});
export type AwardInput = z.input<typeof awardInput>;

export interface AwardResult {
  status: 'awarded' | 'duplicate';
  entryId: string;
  /** Points the entry gives (the first entry's, for a duplicate). */
  points: number;
  capped: boolean;
  /** Which cap held it back (or 'off': the item gives no points now); null when it gave all it asks. */
  cap: CapReason | null;
  /** What happened, in words for the member ("参加主题党日 +10 分", "本月「参加主题党日」积分已记满…"). */
  text: string;
}

/** The cap's period in words when the award counts in another period than today's ("10月"); else the default (本月…). */
function capPeriod(cap: CapReason | null, at: Periods, now: Date): string | undefined {
  if (cap === null || cap === 'off') return undefined;
  const cur = chinaPeriods(now);
  if (at[cap] === cur[cap]) return undefined;
  if (cap === 'year') return `${at.year}年`;
  if (cap === 'month') return `${Number(at.month.slice(5, 7))}月`;
  return `${Number(at.day.slice(5, 7))}月${Number(at.day.slice(8, 10))}日`;
}

/** The words for an event already counted (a repeat): what it gave the first time. */
const duplicateText = (e: Pick<LedgerDoc, 'item' | 'points'>) => `「${POINT_ITEM_LABELS[e.item]}」这次的积分已经记过（${e.points > 0 ? `+${e.points} 分` : '没有加分'}）`;

/**
 * Award points for one event, exactly once. A capped or switched-off item still records its entry (0 or
 * fewer points, `capped`), so the event is not counted again and the member sees why.
 */
export async function awardPoints(raw: AwardInput): Promise<AwardResult> {
  const input = awardInput.parse(raw);
  const now = new Date();
  const at = input.at ?? now;
  const periods = chinaPeriods(at);
  const entryId = ledgerId(input.parkId, input.item, input.personId, input.sourceId);
  const { version, table } = await currentTable(input.parkId);
  const rule = table[input.item];
  return withConflictRetry(async (tx): Promise<AwardResult> => {
      const [existing, totals] = await settleTwo(
        txGet<LedgerDoc>(tx, C.pointsLedger, entryId),
        readTotals(tx, { parkId: input.parkId, personId: input.personId, branchId: input.branchId, periods, now }),
      );
      if (existing) return { status: 'duplicate', entryId, points: existing.points, capped: existing.capped, cap: existing.cap ?? null, text: duplicateText(existing) };
      const used = (i: number) => totals.person[i]?.byItem[input.item] ?? 0;
      const grant = grantedPoints(rule, input.quantity, { day: used(0), month: used(1), year: used(3) });
      const entry: LedgerDoc = {
        _id: entryId, parkId: input.parkId, personId: input.personId, branchId: input.branchId, item: input.item, kind: 'award',
        points: grant.points, requested: grant.requested, quantity: input.quantity, capped: grant.capped, cap: grant.cap, note: input.note,
        sourceId: input.sourceId, counters: input.counters, reason: null, reverses: null, at, ...periods, tableVersion: version, by: input.by,
      };
      const r: Raise = { parkId: input.parkId, personId: input.personId, branchId: input.branchId, periods, item: input.item, points: grant.points, counters: input.counters, now };
      await writeTotals(tx, r, totals, [tx.collection(C.pointsLedger).add(entry)]);
      return { status: 'awarded', entryId, points: grant.points, capped: grant.capped, cap: grant.cap, text: pointsOutcomeText(input.item, grant, capPeriod(grant.cap, periods, now)) };
  });
}

const countersInput = z.object({
  parkId: ID,
  branchId: ID,
  /** The event counted (e.g. `topic:<id>` for its assignments); a repeat adds nothing. */
  sourceId: z.string().min(1).max(200),
  counters: counterDelta,
  at: z.date().optional(),
});
export type CountersInput = z.input<typeof countersInput>;

/**
 * Add branch counters that come without points (topics assigned, pledges due…), exactly once per
 * (park, branch, sourceId): a marker document and the branch's month / quarter / year totals in one
 * transaction.
 */
export async function recordBranchCounters(raw: CountersInput): Promise<{ status: 'recorded' | 'duplicate' }> {
  const input = countersInput.parse(raw);
  const now = new Date();
  const at = input.at ?? now;
  const periods = chinaPeriods(at);
  const id = counterEventId(input.parkId, input.branchId, input.sourceId);
  return withConflictRetry(async (tx) => {
      const [existing, totals] = await settleTwo(
        txGet<CounterEventDoc>(tx, C.counterEvents, id),
        readTotals(tx, { parkId: input.parkId, personId: null, branchId: input.branchId, periods, now }),
      );
      if (existing) return { status: 'duplicate' as const };
      const marker: CounterEventDoc = { _id: id, parkId: input.parkId, branchId: input.branchId, sourceId: input.sourceId, counters: input.counters, at, month: periods.month };
      const r: Raise = { parkId: input.parkId, personId: null, branchId: input.branchId, periods, item: null, points: 0, counters: input.counters, now };
      await writeTotals(tx, r, totals, [tx.collection(C.counterEvents).add(marker)]);
      return { status: 'recorded' as const };
  });
}

// ---- corrections ----

const negate = (c: CounterDelta): CounterDelta => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, -(v as number)]));

/**
 * Reverse an award: a new entry with the opposite points (and counters), counted in the periods of the
 * entry it reverses, the totals lowered and the audit entry written, in one transaction. The original
 * is never touched; its reversal has a deterministic id, so a second reversal is refused.
 */
export async function reversePoints(entryId: string, reason: string, actor: PersonDoc, now: Date): Promise<LedgerDoc> {
  const revId = reversalId(entryId);
  return withConflictRetry(async (tx) => {
      const [orig, already] = await settleTwo(txGet<LedgerDoc>(tx, C.pointsLedger, entryId), txGet<LedgerDoc>(tx, C.pointsLedger, revId));
      if (!orig || orig.parkId !== actor.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这条积分记录' });
      if (orig.kind !== 'award') throw new ActionError('INVALID_INPUT', { message: '填写有误：更正记录不能再更正', fields: { entryId: ['这是一条更正记录'] } });
      if (already) throw new ActionError('CONFLICT', { message: '这条积分已经更正过了' });
      const periods: Periods = { day: orig.day, month: orig.month, quarter: orig.quarter, year: orig.year };
      const counters = negate(orig.counters ?? {});
      const rev: LedgerDoc = {
        ...orig, _id: revId, kind: 'reversal', points: -orig.points, requested: 0, capped: false, cap: null, counters, reason, reverses: orig._id,
        at: now, ...periods, by: actor._id,
      };
      const r: Raise = { parkId: orig.parkId, personId: orig.personId, branchId: orig.branchId, periods, item: orig.item, points: rev.points, counters, now };
      const totals = await readTotals(tx, r);
      await writeTotals(tx, r, totals, [
        tx.collection(C.pointsLedger).add(rev),
        audit(actor, 'points.reverse', orig.personId, { entryId: orig._id, reversalId: revId, item: orig.item, points: rev.points, reason }, now, tx),
      ]);
      return rev;
  });
}
