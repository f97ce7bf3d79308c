// Leaderboard snapshots: what keeps a leaderboard view flat however big the park grows.
//
// Ranking needs every branch of the park with its totals for the period; reading those on every view
// costs one document per branch. Instead the rows are kept in one snapshot document per park and period
// (`leaderboard_snapshots`, `<parkId>|<period>`), ranked in memory for whichever measure and minimum size
// is asked. A view reads the snapshot, then the period's branch totals written since the snapshot was taken
// (less WRITE_SETTLE_MS: an award's write may land a moment after its own clock reading), by the
// parkId+scope+period+updatedAt index: in a park at rest none, after an award the branches that earned
// points since. Those rows are taken from the totals just read (they are current) with the branch's name and
// member count read by _id, so a view right after an award is exact and reads a few documents, not every
// branch. The snapshot is recomputed from every branch (page by page) only when it is missing, older than
// SNAPSHOT_MAX_AGE_MS (branch names and member counts change without touching the totals), or when more
// than MAX_CHANGED branches changed since (then reading them all is as cheap).
import { C, _, db, getDoc } from './db';
import { type BranchTotals, loadBranchTotals, pickCounters } from './leaderboard';
import type { BranchDoc, RedFlagDoc, TotalsDoc } from './types';

export const SNAPSHOT_MAX_AGE_MS = 60_000;
export const WRITE_SETTLE_MS = 10_000;

export interface SnapshotDoc {
  _id: string;
  parkId: string;
  period: string;
  computedAt: Date;
  rows: BranchTotals[];
  /**
   * The park's newest 流动红旗 when the snapshot was computed (null: none yet), so a view need not read it
   * (board.get). A flag awarded since shows within SNAPSHOT_MAX_AGE_MS. Absent in snapshots written before.
   */
  flag?: RedFlagDoc | null;
}

export const snapshotId = (parkId: string, period: string) => `${parkId}|${period}`;

/** Beyond this many branches changed since the snapshot, a view recomputes it instead. */
export const MAX_CHANGED = 200;

const COUNTER_FIELDS = { points: true, topicsCompleted: true, topicsAssigned: true, volunteerHours: true, pledgesFulfilled: true, pledgesDue: true, ownerId: true, updatedAt: true };

/** The period's branch totals written at or after `since` (one index range). */
async function totalsWrittenSince(parkId: string, period: string, since: Date): Promise<TotalsDoc[]> {
  const { data } = await db.collection(C.pointsTotals).where({ parkId, scope: 'branch', period, updatedAt: _.gte(since) }).orderBy('updatedAt', 'desc').field(COUNTER_FIELDS).limit(MAX_CHANGED + 1).get();
  return data as TotalsDoc[];
}

/** Young enough (and not from the future: the clock can be set back) to be brought up to date rather than recomputed. */
export function isFresh(snap: Pick<SnapshotDoc, 'computedAt'> | null, now: Date): boolean {
  if (!snap) return false;
  const at = new Date(snap.computedAt).getTime();
  return now.getTime() - at < SNAPSHOT_MAX_AGE_MS && now.getTime() >= at;
}

/** The park's newest 流动红旗 (one indexed read). */
export async function latestFlag(parkId: string): Promise<RedFlagDoc | null> {
  const { data } = await db.collection(C.redFlags).where({ parkId }).orderBy('month', 'desc').limit(1).get();
  return (data as RedFlagDoc[])[0] ?? null;
}

/**
 * Every branch of the park with its totals for `period`, from the snapshot brought up to date when it is fresh;
 * `flag` is the snapshot's 流动红旗 (undefined: the snapshot has none stored, read it yourself).
 */
export async function branchTotalsFor(parkId: string, period: string, now: Date): Promise<{ rows: BranchTotals[]; fromSnapshot: boolean; flag?: RedFlagDoc | null }> {
  const id = snapshotId(parkId, period);
  const snap = await getDoc<SnapshotDoc>(C.leaderboardSnapshots, id);
  if (isFresh(snap, now)) {
    const flag = snap!.flag;
    const changed = await totalsWrittenSince(parkId, period, new Date(new Date(snap!.computedAt).getTime() - WRITE_SETTLE_MS));
    const known = new Set(snap!.rows.map((r) => r.branch.id));
    if (!changed.length) return { rows: snap!.rows, fromSnapshot: true, flag };
    // A branch the snapshot does not list (new since) or a crowd of changes: recompute below.
    if (changed.length <= MAX_CHANGED && changed.every((t) => known.has(t.ownerId))) {
      const ids = changed.map((t) => t.ownerId);
      const { data } = await db.collection(C.branches).where({ _id: _.in(ids) }).field({ name: true, memberCount: true }).limit(ids.length).get();
      const branches = new Map((data as Array<Pick<BranchDoc, '_id' | 'name' | 'memberCount'>>).map((b) => [b._id, b]));
      const totals = new Map(changed.map((t) => [t.ownerId, t]));
      const rows = snap!.rows.flatMap((r): BranchTotals[] => {
        const t = totals.get(r.branch.id);
        if (!t) return [r];
        const b = branches.get(r.branch.id);
        if (!b) return []; // the branch is gone
        return [{ branch: { id: b._id, name: b.name }, members: b.memberCount ?? 0, counters: pickCounters(t) }];
      });
      return { rows, fromSnapshot: true, flag };
    }
  }
  const [rows, flag] = await Promise.all([loadBranchTotals(parkId, period), latestFlag(parkId)]);
  const { _id, ...doc } = { _id: id, parkId, period, computedAt: now, rows, flag } satisfies SnapshotDoc;
  // Best effort: two views recomputing at once write the same rows; a failed write costs only a recompute later.
  await db.collection(C.leaderboardSnapshots).doc(_id).set(doc).catch((e: unknown) => console.warn(`snapshot ${id} not saved:`, e));
  return { rows, fromSnapshot: false, flag };
}
