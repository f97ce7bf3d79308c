// A member's own points: totals, place in their branch this month, history, and the opt-in to public
// individual rankings (FACTS.md §4: never compulsory, visible to the member first).
import type { scoreContract } from '../../../shared/contract/score';
import { chinaPeriods } from '../../../shared/periods';
import { C, _, db, getDoc } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { loadSettings } from '../../_lib/leaderboard';
import { personTotalId } from '../../_lib/points';
import type { BranchDoc, TotalsDoc } from '../../_lib/types';
import { ledgerPage } from './entries';

type H = Handlers<typeof scoreContract>;

export const meHandlers: Pick<H, 'me.summary' | 'me.history' | 'me.setOptIn'> = {
  'me.summary': {
    access: 'bound',
    handler: async (_input, { person: me, now }) => {
      const { month, quarter, year } = chinaPeriods(now);
      const ids = [month, quarter, year].map((p) => personTotalId(me._id, p));
      const [mine, settings, branch] = await Promise.all([
        db.collection(C.pointsTotals).where({ _id: _.in(ids) }).field({ period: true, points: true }).limit(3).get(),
        loadSettings(me.parkId),
        getDoc<BranchDoc>(C.branches, me.branchId),
      ]);
      const points = new Map((mine.data as TotalsDoc[]).map((t) => [t.period, t.points]));
      const monthPoints = points.get(month) ?? 0;
      // My place = 1 + how many in my branch have more points this month (an index range count).
      const { total: ahead } = (await db.collection(C.pointsTotals)
        .where({ branchId: me.branchId, scope: 'person', period: month, points: _.gt(monthPoints) })
        .count()) as { total: number };
      const members = branch?.memberCount ?? 0;
      const rank = ahead + 1;
      return {
        year: points.get(year) ?? 0,
        quarter: points.get(quarter) ?? 0,
        month: monthPoints,
        periods: { month, quarter, year },
        branchRank: { rank, of: Math.max(members, rank) },
        optIn: me.pointsOptIn === true,
        individualRankingEnabled: settings.individualRanking,
      };
    },
  },
  'me.history': {
    access: 'bound',
    handler: async (input, { person: me }) => ledgerPage(me._id, input),
  },
  'me.setOptIn': {
    access: 'bound',
    handler: async ({ optIn }, { person: me }) => {
      await db.collection(C.people).doc(me._id).update({ pointsOptIn: optIn });
      return { optIn };
    },
  },
};
