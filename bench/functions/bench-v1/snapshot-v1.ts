// The leaderboard snapshot as it was before issue 21 (commit c59a5e6), kept for npm run bench:leaderboard's baseline:
// any branch-total write since the snapshot makes the next view recompute it from every branch. Bench-only.
// Leaderboard snapshots: what keeps a leaderboard view flat however big the park grows.
//
// Ranking needs every branch of the park with its totals for the period; reading those on every view
// costs one document per branch. Instead the rows are kept in one snapshot document per park and period
// (`leaderboard_snapshots`, `<parkId>|<period>`), ranked in memory for whichever measure and minimum size
// is asked. A view reads the snapshot and the newest branch total of the period (one index entry). It
// recomputes (reads all branches and totals, page by page) when the snapshot is older than
// SNAPSHOT_MAX_AGE_MS (branch names and member counts change without touching the totals) or when a
// branch total was written less than WRITE_SETTLE_MS before the snapshot was taken or at any time after
// it (an award's transaction may commit a moment after its own clock reading). So a view right after an
// award is exact; in a quiet park every view costs a fixed handful of reads.
import { C, db, getDoc } from '../../../cloudfunctions/_lib/db';
import { type BranchTotals, loadBranchTotals } from '../../../cloudfunctions/_lib/leaderboard';
import type { TotalsDoc } from '../../../cloudfunctions/_lib/types';

export const SNAPSHOT_MAX_AGE_MS = 60_000;
export const WRITE_SETTLE_MS = 10_000;

export interface SnapshotDoc {
  _id: string;
  parkId: string;
  period: string;
  computedAt: Date;
  rows: BranchTotals[];
}

export const snapshotId = (parkId: string, period: string) => `${parkId}|${period}`;

/** When a branch total of this period was last written (null: none yet). One index entry read. */
async function newestTotalWrite(parkId: string, period: string): Promise<Date | null> {
  const { data } = await db.collection(C.pointsTotals).where({ parkId, scope: 'branch', period }).orderBy('updatedAt', 'desc').field({ updatedAt: true }).limit(1).get();
  const t = data[0] as Pick<TotalsDoc, 'updatedAt'> | undefined;
  return t ? new Date(t.updatedAt) : null;
}

export function isFresh(snap: Pick<SnapshotDoc, 'computedAt'> | null, newestWrite: Date | null, now: Date): boolean {
  if (!snap) return false;
  const at = new Date(snap.computedAt).getTime();
  if (now.getTime() - at >= SNAPSHOT_MAX_AGE_MS || now.getTime() < at) return false;
  return newestWrite === null || newestWrite.getTime() < at - WRITE_SETTLE_MS;
}

/** Every branch of the park with its totals for `period`, from the snapshot when it is fresh. */
export async function branchTotalsFor(parkId: string, period: string, now: Date): Promise<{ rows: BranchTotals[]; fromSnapshot: boolean }> {
  const id = snapshotId(parkId, period);
  const [snap, newest] = await Promise.all([getDoc<SnapshotDoc>(C.leaderboardSnapshots, id), newestTotalWrite(parkId, period)]);
  if (isFresh(snap, newest, now)) return { rows: snap!.rows, fromSnapshot: true };
  const rows = await loadBranchTotals(parkId, period);
  const { _id, ...doc } = { _id: id, parkId, period, computedAt: now, rows } satisfies SnapshotDoc;
  // Best effort: two views recomputing at once write the same rows; a failed write costs only a recompute later.
  await db.collection(C.leaderboardSnapshots).doc(_id).set(doc).catch((e: unknown) => console.warn(`snapshot ${id} not saved:`, e));
  return { rows, fromSnapshot: false };
}
