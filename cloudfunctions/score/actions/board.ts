// leaderboard and flags.list: any bound person of the park. Branch rows come from the totals only,
// through the period's snapshot (_lib/leaderboard-snapshot.ts). Individuals appear only when the park admin turned individual rankings on,
// and then only those who opted in: their ids by the parkId+pointsOptIn index, their totals by _id.
import { BOARD_TOP, type scoreContract } from '../../../shared/contract/score';
import { competitionRanks } from '../../../shared/points';
import { chinaPeriods } from '../../../shared/periods';
import { C, _, db } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { loadSettings, rankBranches } from '../../_lib/leaderboard';
import { branchTotalsFor, latestFlag } from '../../_lib/leaderboard-snapshot';
import { personTotalId } from '../../_lib/points';
import type { PersonDoc, RedFlagDoc, TotalsDoc } from '../../_lib/types';

type H = Handlers<typeof scoreContract>;

/** Most flags listed (ten years of months). */
const FLAG_HISTORY = 120;
/** Most people in a public individual ranking (and most opted-in people read). */
const MAX_INDIVIDUALS = 100;
const MAX_OPTED_IN = 1000;

export function toFlag(f: RedFlagDoc) {
  return { month: f.month, branch: { id: f.branchId, name: f.branchName }, measure: f.measure, value: f.value, awardedAt: new Date(f.awardedAt).toISOString() };
}

export async function individuals(parkId: string, period: string, branchNames: Map<string, string>) {
  const { data: people } = await db.collection(C.people).where({ parkId, pointsOptIn: true }).field({ name: true, branchId: true }).limit(MAX_OPTED_IN).get();
  const list = people as Array<Pick<PersonDoc, '_id' | 'name' | 'branchId'>>;
  if (!list.length) return [];
  const ids = list.map((p) => personTotalId(p._id, period));
  const { data: totals } = await db.collection(C.pointsTotals).where({ _id: _.in(ids) }).field({ ownerId: true, points: true }).limit(ids.length).get();
  const points = new Map((totals as TotalsDoc[]).map((t) => [t.ownerId, t.points]));
  const rows = list
    .map((p) => ({ name: p.name, branchName: branchNames.get(p.branchId) ?? '', points: points.get(p._id) ?? 0 }))
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh'))
    .slice(0, MAX_INDIVIDUALS);
  const ranks = competitionRanks(rows.map((r) => r.points));
  return rows.map((r, i) => ({ rank: ranks[i]!, ...r }));
}

/** Most of my branch's person totals read to place me (a branch is tens of people; beyond, the index count). */
const MAX_BRANCH_ROWS = 1000;

/**
 * My points in `period` and my place among my branch's members, in ONE request: my own total by _id, or'ed with
 * every person total of my branch for the period (a branch's size, not the park's). Members without a total have
 * 0 points; equal points share a place, as in me.summary.
 */
async function myPlace(me: PersonDoc, period: string): Promise<{ points: number; ahead: number; read: number }> {
  const myId = personTotalId(me._id, period);
  const { data } = await db.collection(C.pointsTotals)
    .where(_.or([{ _id: myId }, { branchId: me.branchId, scope: 'person', period }]))
    .field({ ownerId: true, points: true, branchId: true })
    .limit(MAX_BRANCH_ROWS + 1)
    .get();
  const rows = data as Array<Pick<TotalsDoc, '_id' | 'ownerId' | 'points' | 'branchId'>>;
  const points = rows.find((t) => t._id === myId)?.points ?? 0;
  if (rows.length > MAX_BRANCH_ROWS) {
    const { total } = (await db.collection(C.pointsTotals).where({ branchId: me.branchId, scope: 'person', period, points: _.gt(points) }).count()) as { total: number };
    return { points, ahead: total, read: rows.length };
  }
  const ahead = rows.filter((t) => t.branchId === me.branchId && t._id !== myId && t.points > points).length;
  return { points, ahead, read: rows.length };
}

export const boardHandlers: Pick<H, 'leaderboard' | 'flags.list' | 'board.get'> = {
  // "My rank + top 20" (issue 21): what the 支部排行 page shows, in one call and five database requests at rest
  // (the caller, the settings, the snapshot, the totals written since it, my branch's person totals), whatever the
  // park's size. The flag comes with the snapshot; individuals (two more requests) only when the park enabled them.
  'board.get': {
    access: 'bound',
    handler: async ({ measure, periodKind, period: asked }, { person: me, now }) => {
      const period = asked ?? chinaPeriods(now)[periodKind];
      const [settings, totals, mine] = await Promise.all([loadSettings(me.parkId), branchTotalsFor(me.parkId, period, now), myPlace(me, period)]);
      const flag = totals.flag !== undefined ? totals.flag : await latestFlag(me.parkId);
      const board = rankBranches(totals.rows, measure, settings.minRankedMembers);
      const myRow = board.ranked.find((r) => r.branch.id === me.branchId);
      const mySmall = myRow ? undefined : board.unranked.find((r) => r.branch.id === me.branchId);
      const rank = mine.ahead + 1;
      const members = (myRow ?? mySmall)?.members ?? 0;
      const names = new Map([...board.ranked, ...board.unranked].map((r) => [r.branch.id, r.branch.name]));
      return {
        measure, periodKind, period,
        me: { points: mine.points, branchRank: { rank, of: Math.max(members, rank) }, optIn: me.pointsOptIn === true },
        top: board.ranked.slice(0, BOARD_TOP),
        rankedCount: board.ranked.length,
        myBranch: myRow ? { ...myRow, ranked: true } : mySmall ? { ...mySmall, ranked: false } : null,
        myBranchId: me.branchId,
        unranked: board.unranked.slice(0, BOARD_TOP),
        unrankedCount: board.unranked.length,
        minRankedMembers: settings.minRankedMembers,
        flag: flag ? toFlag(flag) : null,
        individualRankingEnabled: settings.individualRanking,
        individuals: settings.individualRanking ? await individuals(me.parkId, period, names) : null,
      };
    },
  },
  leaderboard: {
    access: 'bound',
    handler: async ({ measure, periodKind, period: asked }, { person: me, now }) => {
      const period = asked ?? chinaPeriods(now)[periodKind];
      const [settings, rows, flags] = await Promise.all([
        loadSettings(me.parkId),
        branchTotalsFor(me.parkId, period, now).then((r) => r.rows),
        db.collection(C.redFlags).where({ parkId: me.parkId }).orderBy('month', 'desc').limit(1).get(),
      ]);
      const board = rankBranches(rows, measure, settings.minRankedMembers);
      const flag = (flags.data as RedFlagDoc[])[0];
      const names = new Map([...board.ranked, ...board.unranked].map((r) => [r.branch.id, r.branch.name]));
      return {
        measure, periodKind, period, ...board, myBranchId: me.branchId, minRankedMembers: settings.minRankedMembers,
        flag: flag ? toFlag(flag) : null,
        individuals: settings.individualRanking ? await individuals(me.parkId, period, names) : null,
      };
    },
  },
  'flags.list': {
    access: 'bound',
    handler: async (_input, { person: me }) => {
      const { data } = await db.collection(C.redFlags).where({ parkId: me.parkId }).orderBy('month', 'desc').limit(FLAG_HISTORY).get();
      return { flags: (data as RedFlagDoc[]).map(toFlag) };
    },
  },
};
