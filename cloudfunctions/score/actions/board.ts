// leaderboard and flags.list: any bound person of the park. Branch rows come from the totals only,
// through the period's snapshot (_lib/leaderboard-snapshot.ts). Individuals appear only when the park admin turned individual rankings on,
// and then only those who opted in: their ids by the parkId+pointsOptIn index, their totals by _id.
import type { scoreContract } from '../../../shared/contract/score';
import { competitionRanks } from '../../../shared/points';
import { chinaPeriods } from '../../../shared/periods';
import { C, _, db } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { loadSettings, rankBranches } from '../../_lib/leaderboard';
import { branchTotalsFor } from '../../_lib/leaderboard-snapshot';
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

export const boardHandlers: Pick<H, 'leaderboard' | 'flags.list'> = {
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
