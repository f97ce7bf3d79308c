// Rating in 三评议: the rater's to-do (the members they rate and how) and one rating per rater and
// member. A change replaces the earlier rating while the window is open and the branch has not decided
// on the member; after that it is refused. Comments are content-checked (the branch reads them).
// The audit entry names the rater and the year, never the member rated (that member may read the log).
import type { reviewContract } from '../../../shared/contract/review';
import { byPinyin } from '../../../shared/pinyin';
import { audit } from '../../_lib/audit';
import { secCheck } from '../../_lib/content-check';
import { spendRate } from '../../_lib/rate-limit';
import { C, getDoc, readAll, runTransaction, txGet } from '../../_lib/db';
import type { PersonDoc } from '../../_lib/types';
import type { Home } from '../../../shared/contract/user';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { DecisionDoc, RatingDoc, ReviewDoc } from '../types';
import type { Branches } from './helpers';
import {
  branchesOfPark, currentReview, decisionId, memberOfPark, membersOfPark, ratingId, requireReview, requireWindowOpen, reviewInfo, reviewOf, roleOf,
} from './helpers';

type H = Handlers<typeof reviewContract>;

/** The members `me` rates in `review` and how far they are: not yet rated first, then by name. */
/** `parkBranches`: the park's branches when the caller has them read already (首页), else read here. */
export async function todoItems(me: PersonDoc, review: ReviewDoc, withDecisions = true, parkBranches?: Promise<Branches>) {
  const [branches, members, mine, decisions] = await Promise.all([
    parkBranches ?? branchesOfPark(me.parkId),
    membersOfPark(me.parkId),
    readAll<Pick<RatingDoc, '_id' | 'memberId' | 'grade' | 'comment'>>(C.reviewRatings, { reviewId: review._id, raterId: me._id }, { memberId: true, grade: true, comment: true }),
    withDecisions ? readAll<Pick<DecisionDoc, '_id' | 'memberId'>>(C.reviewDecisions, { reviewId: review._id }, { memberId: true }) : Promise.resolve([]),
  ]);
  const myRating = new Map(mine.map((r) => [r.memberId, r]));
  const decided = new Set(decisions.map((d) => d.memberId));
  const items = members
    .map((m) => ({ m, role: roleOf(review, me, m, branches) }))
    .filter((x): x is { m: (typeof members)[number]; role: NonNullable<typeof x.role> } => x.role !== null)
    .map(({ m, role }) => ({
      memberId: m._id, name: m.name, branchName: branches.get(m.branchId)?.name ?? '', role,
      grade: myRating.get(m._id)?.grade ?? null, comment: myRating.get(m._id)?.comment ?? '', decided: decided.has(m._id),
    }))
    // Still to rate first, then by name.
    .sort((a, b) => Number(a.grade !== null) - Number(b.grade !== null) || byPinyin(a.name, b.name));
  return items;
}

/**
 * 首页's 三评议 part (user.home), in one parallel round beside the rest of 首页: the current review (1 DB request);
 * while its window is open, how many I rate and have rated (+3: members, branches, my ratings); after it, my
 * result once the branch decided (+1). During the window my result is on 我的三评议, not on 首页. 首页 passes the
 * park's branches it reads anyway (`parkBranches`), so the window costs +2 there.
 */
export async function homeReview(me: PersonDoc, now: Date, parkBranches?: Promise<Branches>): Promise<Home['review']> {
  const review = await currentReview(me.parkId, now);
  if (!review) return null;
  const info = reviewInfo(review, now);
  if (info.open) {
    const items = await todoItems(me, review, false, parkBranches);
    const rated = items.filter((i) => i.grade !== null).length;
    return { ...info, toRate: items.length - rated, rated, result: null };
  }
  const decision = info.upcoming || me.memberType === 'none' ? null : await getDoc<DecisionDoc>(C.reviewDecisions, decisionId(review._id, me._id));
  return { ...info, toRate: 0, rated: 0, result: decision?.grade ?? null };
}

export const rateHandlers: Pick<H, 'rate.todo' | 'rate.submit'> = {
  'rate.todo': {
    access: 'bound',
    handler: async ({ year }, { person: me, now }) => {
      const review = year ? await reviewOf(me.parkId, year) : await currentReview(me.parkId, now);
      if (!review) return { review: null, items: [] };
      return { review: reviewInfo(review, now), items: await todoItems(me, review) };
    },
  },

  'rate.submit': {
    access: 'bound',
    // The content limit only for a comment: a committee member rates a whole branch in one sitting.
    handler: async ({ year, memberId, grade, comment }, { person: me, caller, now }) => {
      const review = await requireReview(me.parkId, year);
      requireWindowOpen(review, now);
      const member = await memberOfPark(me, memberId);
      if (member._id === me._id) throw new ActionError('FORBIDDEN', { message: '不能评议自己' });
      const role = roleOf(review, me, member, await branchesOfPark(me.parkId));
      if (!role) throw new ActionError('FORBIDDEN', { message: '您不在评议这位同志的范围内' });
      const text = comment ?? '';
      if (text) {
        await spendRate('content', me._id, now);
        if ((await secCheck(caller.openid, text, now)) !== 'pass') throw new ActionError('CONTENT_RISKY');
      }
      const _id = ratingId(review._id, member._id, me._id);
      const replaced = await runTransaction(async (tx) => {
        if (await txGet<DecisionDoc>(tx, C.reviewDecisions, decisionId(review._id, member._id))) {
          throw new ActionError('CONFLICT', { message: '支部已经作出评定，评议不能再修改' });
        }
        const cur = await txGet<RatingDoc>(tx, C.reviewRatings, _id);
        const doc: Omit<RatingDoc, '_id'> = { parkId: me.parkId, reviewId: review._id, memberId: member._id, branchId: member.branchId, raterId: me._id, role, grade, comment: text, at: now };
        await tx.collection(C.reviewRatings).doc(_id).set(doc);
        await audit(me, 'review.rate', year, { year, changed: !!cur }, now, tx);
        return !!cur;
      });
      return { ok: true as const, replaced };
    },
  },
};

