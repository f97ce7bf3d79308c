// My own 三评议 results: the branch's decision and, once it is made, the votes in all — no groups, no
// comments, no raters (a group of one would name its rater). Nothing before the branch decides.
import type { reviewContract } from '../../../shared/contract/review';
import { C, db, getDoc } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import type { DecisionDoc, ReviewDoc } from '../types';
import { decisionId, ratingsOf, reviewInfo, totalCounts, votesOf } from './helpers';

type H = Handlers<typeof reviewContract>;

export const meHandlers: Pick<H, 'me.result'> = {
  'me.result': {
    access: 'bound',
    handler: async (_input, { person: me, now }) => {
      const { data } = await db.collection(C.reviews).where({ parkId: me.parkId }).orderBy('year', 'desc').limit(5).get();
      const reviewed = me.memberType !== 'none';
      const reviews = await Promise.all((data as ReviewDoc[]).map(async (r) => {
        const d = reviewed ? await getDoc<DecisionDoc>(C.reviewDecisions, decisionId(r._id, me._id)) : null;
        const counts = d ? totalCounts(votesOf(await ratingsOf(r._id, [me._id]))) : null;
        return { review: reviewInfo(r, now), reviewed, decision: d?.grade ?? null, note: d?.note ?? '', counts };
      }));
      return { reviews };
    },
  },
};
