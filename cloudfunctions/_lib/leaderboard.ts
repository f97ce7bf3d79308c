// Branch leaderboards (争先创优) and the score settings, shared by the `score` function and the
// `red-flag` timer. A leaderboard reads only the branch totals of one period (one indexed query) and
// the park's branches with their stored memberCount (one indexed query): never the ledger, never the
// roster, so its cost does not grow with people or points.
import { competitionRanks, DEFAULT_MIN_RANKED_MEMBERS, type BranchCounters, type Measure, measureValue } from '../../shared/points';
import { C, db, getDoc, readAll } from './db';
import type { BranchDoc, ScoreSettingsDoc, TotalsDoc } from './types';

/** One page of branches or totals (the most a CloudBase get returns); parks with more are read page by page. */

export type ScoreSettings = Omit<ScoreSettingsDoc, '_id' | 'updatedAt'>;
export const DEFAULT_SETTINGS: ScoreSettings = { individualRanking: false, minRankedMembers: DEFAULT_MIN_RANKED_MEMBERS, flagMeasure: 'pointsPerMember' };

export async function loadSettings(parkId: string): Promise<ScoreSettings> {
  const d = await getDoc<ScoreSettingsDoc>(C.scoreSettings, parkId);
  return d ? { individualRanking: d.individualRanking, minRankedMembers: d.minRankedMembers, flagMeasure: d.flagMeasure } : { ...DEFAULT_SETTINGS };
}

export interface BranchRow {
  rank: number | null;
  branch: { id: string; name: string };
  members: number;
  value: number | null;
}

const ZERO: BranchCounters = { points: 0, topicsCompleted: 0, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0 };

/** Best first; no value last; then by name, so the order is stable. */
function byValue(a: BranchRow, b: BranchRow): number {
  if (a.value !== b.value) {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return b.value - a.value;
  }
  return a.branch.name.localeCompare(b.branch.name, 'zh') || (a.branch.id < b.branch.id ? -1 : 1);
}

export interface BranchTotals {
  branch: { id: string; name: string };
  members: number;
  counters: BranchCounters;
}

/**
 * Every document of a park-scoped query, page by page in _id order. Each page starts after the last _id
 * seen (not skip(), which re-reads every skipped document). A park has tens of branches; the bench, thousands.
 */
/**
 * Every branch of the park with its totals for `period` (a month, quarter or year key): the branches
 * (with their stored memberCount) and the period's branch totals, by index, never the ledger or the
 * roster. Views go through the snapshot (leaderboard-snapshot.ts); the flag timer reads this directly.
 */
export async function loadBranchTotals(parkId: string, period: string): Promise<BranchTotals[]> {
  const counters = { points: true, topicsCompleted: true, topicsAssigned: true, volunteerHours: true, pledgesFulfilled: true, pledgesDue: true, ownerId: true };
  const [branches, totals] = await Promise.all([
    readAll<Pick<BranchDoc, '_id' | 'name' | 'memberCount'>>(C.branches, { parkId }, { name: true, memberCount: true }),
    readAll<TotalsDoc>(C.pointsTotals, { parkId, scope: 'branch', period }, counters),
  ]);
  const byBranch = new Map(totals.map((t) => [t.ownerId, t]));
  return branches.map((b) => {
    const t = byBranch.get(b._id);
    return { branch: { id: b._id, name: b.name }, members: b.memberCount ?? 0, counters: t ? pickCounters(t) : ZERO };
  });
}

/**
 * The branches' values for `measure`. Branches with at least `minRanked` members are ranked (standard
 * competition ranking: equal values share a rank; a branch with nothing to measure yet is listed last
 * without a rank); smaller branches are listed apart, never ranked.
 */
export function rankBranches(rows: BranchTotals[], measure: Measure, minRanked: number): { ranked: BranchRow[]; unranked: BranchRow[] } {
  const valued = rows.map((r): BranchRow => ({ rank: null, branch: r.branch, members: r.members, value: measureValue(measure, r.counters, r.members) }));
  const ranked = valued.filter((r) => r.members >= minRanked).sort(byValue);
  const unranked = valued.filter((r) => r.members < minRanked).sort(byValue);
  const withValue = ranked.filter((r) => r.value !== null);
  competitionRanks(withValue.map((r) => r.value!)).forEach((rank, i) => (withValue[i]!.rank = rank));
  return { ranked, unranked };
}

export function pickCounters(t: TotalsDoc): BranchCounters {
  return {
    points: t.points ?? 0, topicsCompleted: t.topicsCompleted ?? 0, topicsAssigned: t.topicsAssigned ?? 0,
    volunteerHours: t.volunteerHours ?? 0, pledgesFulfilled: t.pledgesFulfilled ?? 0, pledgesDue: t.pledgesDue ?? 0,
  };
}
