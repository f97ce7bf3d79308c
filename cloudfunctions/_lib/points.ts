// The points engine (积分), bundled into every function that awards points. An event is counted
// exactly once: its ledger entry has a deterministic _id. An award writes its entry, the person's day /
// month / quarter / year totals and the branch's month / quarter / year totals without a transaction, in a
// fixed handful of requests (see "the award's write path" below): the caps hold under concurrency because
// one award of a person and year goes in at a time (a unique slot), and a crash between steps is finished
// later by whoever comes next. Reversals and branch counter events are one transaction each. The ledger
// is append-only: a correction is a reversing entry. Periods are China calendar periods (shared/periods.ts).
import { createHash } from 'node:crypto';
import { chinaPeriods, type Periods } from '../../shared/periods';
import { DEFAULT_POINTS_TABLE, POINT_ITEMS, POINT_ITEM_LABELS, type CapReason, type PointItem, type PointsTable, grantedPoints, pointsOutcomeText } from '../../shared/points';
import { z } from '../../shared/contract/zod';
import { audit } from './audit';
import { C, _, db, getDoc, inChunks, isDuplicateWrite, isTransactionConflict, runTransaction, txGet, type Tx } from './db';
import { ActionError } from './dispatcher';
import type {
  CounterDelta, CounterEventDoc, CounterName, CurrentTableDoc, LedgerDoc, PersonDoc, TotalsDoc, TotalsPeriodKind,
} from './types';

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

/** Where the park's current table is kept: in points_totals, so an award reads it with the totals (types.ts CurrentTableDoc). */
export const currentTableId = (parkId: string) => `T|${parkId}`;

function tableOf(doc: Partial<Pick<CurrentTableDoc, 'version' | 'table' | 'updatedAt' | 'updatedBy'>> | undefined): CurrentTable {
  if (!doc?.table || doc.version === undefined) return { version: 0, table: DEFAULT_POINTS_TABLE, updatedAt: null, updatedBy: null };
  // An item added to POINT_ITEMS after the park saved its table starts with its default rule.
  return { version: doc.version, table: { ...DEFAULT_POINTS_TABLE, ...doc.table }, updatedAt: doc.updatedAt ?? null, updatedBy: doc.updatedBy ?? null };
}

/** The park's current table (one read by id); version 0 = the defaults. */
export async function currentTable(parkId: string): Promise<CurrentTable> {
  return tableOf((await getDoc<CurrentTableDoc>(C.pointsTotals, currentTableId(parkId))) ?? undefined);
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

// ---- the award's write path: no transaction, a fixed handful of requests ----
//
// 1. Read the person's day/month/quarter/year and the branch's month/quarter/year totals, and the park's current
//    table kept beside them (`T|<park>`), in one `_id in` query: the caps read the person's, and the person's year
//    total says how many of their awards of the year are already in every total (`w[personKey]`), so this one is
//    number seq = that + 1.
// 2. Insert the ledger entry, `pending`, with its `slot` `<person>|<year>|<seq>` under a unique index. Its
//    deterministic _id makes the event count once; the unique slot lets one award of the person and year in at
//    a time, so the caps it computed from step 1 still hold (a concurrent award of the same person gets a
//    duplicate write, waits and reads again).
// 3. Add the entry to every total it moves with `_.inc` in ONE multi-document update, guarded per document by
//    `w[personKey] < seq` (so doing it twice adds once), and insert the totals that do not exist yet with the
//    entry already in them. The year total is written last: once it says seq, the entry is in every total.
// That is all the award does: 3 requests (4 when it starts a total). The entry keeps its `pending` mark (when
// it was inserted) until the daily housekeeping timer confirms it in bulk (settlePendingAwards: the year total's
// `w` says it is in, or the timer finishes it), about 2 requests per 100 awards instead of one more per award.
// A crash after 2 leaves an entry that is not in the totals: the same event's retry, the person's next award
// (its slot is taken) or the housekeeping timer does 3 for it, which adds nothing a second time.
// Branch totals are only ever raised by `_.inc` here, so a crowd of awards on one branch does not conflict;
// reversals and counter events still use a transaction (rare; they retry on a conflict with an award).

/** A person's key in the totals' `w` map (a field name: no dots). */
export const personKey = (personId: string) => (/^[A-Za-z0-9_-]{1,64}$/.test(personId) ? personId : sha32(personId));
export const slotOf = (personId: string, year: string, seq: number) => `${personId}|${year}|${seq}`;

interface Target {
  id: string;
  scope: TotalsDoc['scope'];
  kind: TotalsPeriodKind;
  period: string;
}

type Entry = Pick<LedgerDoc, '_id' | 'parkId' | 'personId' | 'branchId' | 'item' | 'points' | 'counters' | 'day' | 'month' | 'quarter' | 'year' | 'seq'>;

/** The totals an entry moves: the person's four when points move (else the year's alone: it carries the sequence), the branch's three when points or counters move. */
function targets(e: Entry): Target[] {
  const person: Target[] = (e.points ? PERSON_KINDS : (['year'] as const)).map((k) => ({ id: personTotalId(e.personId, e[k]), scope: 'person', kind: k, period: e[k] }));
  const branch: Target[] = e.points || hasCounters(e.counters ?? {}) ? BRANCH_KINDS.map((k) => ({ id: branchTotalId(e.branchId, e[k]), scope: 'branch', kind: k, period: e[k] })) : [];
  return [...person, ...branch];
}

type TotalsRead = Pick<TotalsDoc, '_id' | 'byItem' | 'w'> & Partial<Pick<CurrentTableDoc, 'version' | 'table'>>;

/** Totals documents by id (only what the caps and the sequence need, and the table's rules when it is among them); one request. */
async function readTotalsById(ids: string[]): Promise<Map<string, TotalsRead>> {
  const { data } = await db.collection(C.pointsTotals).where({ _id: _.in(ids) }).field({ byItem: true, w: true, version: true, table: true }).limit(ids.length).get();
  return new Map((data as TotalsRead[]).map((d) => [d._id, d]));
}

/** Whether an entry is in every total, by its person's year total as read (which takes it last). */
const inYearTotal = (e: Pick<Entry, 'personId' | 'seq'>, year: Pick<TotalsDoc, 'w'> | undefined) =>
  e.seq !== undefined && (year?.w?.[personKey(e.personId)] ?? 0) >= e.seq;

/**
 * Add an entry to every total it moves. Safe to run any number of times, at once or after a crash, by anyone:
 * each total takes the entry only while its `w[personKey]` is below the entry's seq. `known`: the totals as read
 * just before the entry was inserted (saves a read; only which exist is used). The pending mark stays: only the
 * timer removes it (settlePendingAwards), so a finished crash leaves the same entry as a clean run.
 */
export async function applyEntry(e: Entry, now: Date, known?: Map<string, unknown>): Promise<void> {
  const all = targets(e);
  const k = personKey(e.personId);
  const seq = e.seq!;
  const w = `w.${k}`;
  const update: Record<string, unknown> = { updatedAt: now, [w]: seq };
  if (e.points) {
    update.points = _.inc(e.points);
    update[`byItem.${e.item}`] = _.inc(e.points);
    if (e.points > 0) update.branchId = e.branchId; // an award files the person under their branch now
  }
  for (const c of COUNTER_NAMES) if (e.counters?.[c]) update[c] = _.inc(e.counters[c]!);
  const yearId = personTotalId(e.personId, e.year);
  for (let attempt = 1; ; attempt++) {
    const exists = known ?? (await readTotalsById(all.map((t) => t.id)));
    known = undefined;
    const existing = all.filter((t) => exists.has(t.id)).map((t) => t.id);
    const missing = all.filter((t) => !exists.has(t.id));
    const raise = async () => {
      if (existing.length) await db.collection(C.pointsTotals).where(_.and([{ _id: _.in(existing) }, _.or([{ [w]: _.lt(seq) }, { [w]: _.exists(false) }])])).update(update);
    };
    const create = async () => {
      if (!missing.length) return;
      const docs = missing.map((t) => {
        const base = emptyTotals(e.parkId, t.scope, t.scope === 'person' ? e.personId : e.branchId, e.branchId, t.kind, t.period, now);
        const { _id, ...rest } = raised(base, e.item, e.points, e.counters ?? {}, now);
        return { _id, ...rest, w: { [k]: seq } };
      });
      await db.collection(C.pointsTotals).add(docs);
    };
    try {
      // The year total last (see above): after it, the next award of the person may start.
      if (missing.some((t) => t.id === yearId)) {
        await raise();
        await create();
      } else {
        await create();
        await raise();
      }
      break;
    } catch (err) {
      // Another award created one of the missing totals meanwhile: read again and add to it instead.
      if (!isDuplicateWrite(err) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** Finish the award that holds `slot` (its award crashed, or is slow: the caller found the slot still taken). */
async function finishSlot(slot: string, now: Date): Promise<void> {
  const { data } = await db.collection(C.pointsLedger).where({ slot }).limit(1).get();
  const e = (data as LedgerDoc[])[0];
  if (e?.pending) await applyEntry(e, now);
}

type Settled = Pick<LedgerDoc, '_id' | 'personId' | 'year' | 'seq' | 'pending'>;

/**
 * Which of these ledger entries are in every total: those the timer confirmed (no pending mark) and those their
 * person's year total has taken (w ≥ seq; one read per 100 people, none when nothing is pending). A pending mark
 * alone says "not yet checked", not "not in" (a feature finishing its own half-done event asks this).
 */
export async function entriesInTotals(entries: Settled[]): Promise<Set<string>> {
  const open = entries.filter((e) => e.pending);
  const yearIds = [...new Set(open.map((e) => personTotalId(e.personId, e.year)))];
  const years = new Map((await inChunks(yearIds, async (ids) => [...(await readTotalsById(ids))])));
  return new Set(entries.filter((e) => !e.pending || inYearTotal(e, years.get(personTotalId(e.personId, e.year)))).map((e) => e._id));
}

/**
 * The housekeeping timer's part: settle every entry still marked pending after `olderThanMs`. Most are already
 * in every total (their person's year total says so: `w` ≥ seq); the others' functions died between steps and
 * nobody came after them: they are finished first. Then all are confirmed, a hundred per request. Batches of `batch`,
 * oldest first, until none is left (or `maxBatches`: the next day's run goes on). About 2 requests per 100 awards
 * (test/integration/score/settle.test.ts: 1,100 entries, 10 to finish, 50 requests). An entry that cannot be
 * finished stays pending, logged and counted (`failed`), and does not hold up the others.
 */
export async function settlePendingAwards(now: Date, olderThanMs = 60_000, batch = 500, maxBatches = 40): Promise<{ confirmed: number; finished: number; failed: number }> {
  const before = new Date(now.getTime() - olderThanMs);
  let confirmed = 0;
  let finished = 0;
  const failed = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    // Past the entries that failed before: they sort first and would come back in every batch.
    const due = failed.size ? { pending: _.lt(before), _id: _.nin([...failed]) } : { pending: _.lt(before) };
    const { data } = await db.collection(C.pointsLedger).where(due).orderBy('pending', 'asc').limit(batch).get();
    const entries = data as LedgerDoc[];
    const inTotals = await entriesInTotals(entries);
    const settled: string[] = [];
    for (const e of entries) {
      if (inTotals.has(e._id)) confirmed++;
      else {
        try {
          await applyEntry(e, now);
          finished++;
        } catch (err) {
          failed.add(e._id);
          console.error(`settlePendingAwards: entry ${e._id} could not be finished and stays pending: ${(err as Error).message}`);
          continue;
        }
      }
      settled.push(e._id);
    }
    await inChunks(settled, async (ids) => {
      await db.collection(C.pointsLedger).where({ _id: _.in(ids) }).update({ pending: _.remove() });
      return [];
    });
    if (entries.length < batch) break;
  }
  return { confirmed, finished, failed: failed.size };
}

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
  const k = personKey(input.personId);
  const tableId = currentTableId(input.parkId);
  const ids = [...PERSON_KINDS.map((p) => personTotalId(input.personId, periods[p])), ...BRANCH_KINDS.map((p) => branchTotalId(input.branchId, periods[p])), tableId];
  for (let attempt = 1; ; attempt++) {
    const totals = await readTotalsById(ids); // and the table, in the same request
    const { version, table } = tableOf(totals.get(tableId));
    const mine = (p: TotalsPeriodKind) => totals.get(personTotalId(input.personId, periods[p]));
    const used = (p: TotalsPeriodKind) => mine(p)?.byItem?.[input.item] ?? 0;
    const grant = grantedPoints(table[input.item], input.quantity, { day: used('day'), month: used('month'), year: used('year') });
    const seq = (mine('year')?.w?.[k] ?? 0) + 1;
    const entry: LedgerDoc = {
      _id: entryId, parkId: input.parkId, personId: input.personId, branchId: input.branchId, item: input.item, kind: 'award',
      points: grant.points, requested: grant.requested, quantity: input.quantity, capped: grant.capped, cap: grant.cap, note: input.note,
      sourceId: input.sourceId, counters: input.counters, reason: null, reverses: null, at, ...periods, tableVersion: version, by: input.by,
      slot: slotOf(input.personId, periods.year, seq), seq, pending: now,
    };
    try {
      await db.collection(C.pointsLedger).add(entry);
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err;
      const existing = await getDoc<LedgerDoc>(C.pointsLedger, entryId);
      if (existing) {
        // A repeat. If its first run has not finished (or died), finish it: the totals are right when we answer.
        const inTotals = existing.year === periods.year && inYearTotal(existing, mine('year'));
        if (existing.pending && !inTotals) await applyEntry(existing, new Date());
        return { status: 'duplicate', entryId, points: existing.points, capped: existing.capped, cap: existing.cap ?? null, text: duplicateText(existing) };
      }
      // Another award of this person took the slot: wait for it (now and then help it along), then read again.
      if (attempt >= MAX_ATTEMPTS) throw err;
      if (attempt % 3 === 0) await finishSlot(entry.slot!, new Date());
      else await sleep(Math.random() * Math.min(5 * 2 ** attempt, 200));
      continue;
    }
    await applyEntry(entry, now, totals);
    return { status: 'awarded', entryId, points: grant.points, capped: grant.capped, cap: grant.cap, text: pointsOutcomeText(input.item, grant, capPeriod(grant.cap, periods, now)) };
  }
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
      const { slot: _slot, seq: _seq, pending: _pending, ...base } = orig; // a reversal has no place in the award sequence
      const rev: LedgerDoc = {
        ...base, _id: revId, kind: 'reversal', points: -orig.points, requested: 0, capped: false, cap: null, counters, reason, reverses: orig._id,
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
