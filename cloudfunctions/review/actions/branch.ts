// The branch's side of 三评议: its results (the votes per group and grade, comments by group, who has
// not been rated, the decisions) for its secretary or a park admin — the list the 台账 export will read —
// and the decision on one member, recorded with the votes behind it. At most one third of a branch's
// members may end 优秀: the branch's tally is kept in the decision's transaction, so two decisions at once
// cannot both take the last place.
import { REVIEW_GRADE_LABELS, maxExcellent, type reviewContract } from '../../../shared/contract/review';
import { byPinyin } from '../../../shared/pinyin';
import { audit } from '../../_lib/audit';
import { secCheck } from '../../_lib/content-check';
import { spendRate } from '../../_lib/rate-limit';
import { C, _, db, readAll, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import { branchOfPark, invalid, managesBranch } from '../../org/actions/helpers';
import type { BranchTallyDoc, DecisionDoc } from '../types';
import {
  MAX_READ, MEMBER_TYPES_REVIEWED, PERSON_FIELDS, type PersonLite, branchesOfPark, byOf, decisionId, expectedRoles, memberOfPark, ratingsOf, requireReview,
  reviewInfo, reviewOf, secretariesByBranch, tallyId, votesOf, windowText,
} from './helpers';
import { chinaDateString } from '../../../shared/time';

type H = Handlers<typeof reviewContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

/** Members of a branch now (the people the one-third rule counts). */
async function membersOfBranch(parkId: string, branchId: string): Promise<PersonLite[]> {
  const people = await readAll<PersonLite>(C.people, { branchId, memberType: _.in([...MEMBER_TYPES_REVIEWED]) }, PERSON_FIELDS);
  return people.filter((p) => p.parkId === parkId);
}

export const branchHandlers: Pick<H, 'branch.results' | 'branch.decide'> = {
  'branch.results': {
    access: MANAGERS,
    handler: async ({ year, branchId }, { person: me, now }) => {
      const branches = await branchesOfPark(me.parkId);
      const mine = [...branches.values()].filter((b) => managesBranch(me, b._id)).sort((a, b) => byPinyin(a.name, b.name));
      const target = branchId ?? (me.secretaryOf.find((b) => branches.has(b)) ?? mine[0]?._id);
      if (!target) throw new ActionError('NOT_FOUND', { message: '没有找到这个支部' });
      const branch = await branchOfPark(me, target);
      if (!managesBranch(me, branch._id)) throw new ActionError('FORBIDDEN', { message: '只能查看本支部的评议结果' });
      const [review, members] = await Promise.all([reviewOf(me.parkId, year), membersOfBranch(me.parkId, branch._id)]);
      members.sort((a, b) => byPinyin(a.name, b.name));
      const head = { branch: { id: branch._id, name: branch.name }, branches: mine.map((b) => ({ id: b._id, name: b.name })), members: members.length, maxExcellent: maxExcellent(members.length) };
      if (!review) return { review: null, ...head, excellent: 0, rows: [] };
      const ids = members.map((m) => m._id);
      const [ratings, { data: decisions }, { data: secs }] = await Promise.all([
        ratingsOf(review._id, ids),
        ids.length ? db.collection(C.reviewDecisions).where({ _id: _.in(ids.map((id) => decisionId(review._id, id))) }).limit(MAX_READ).get() : Promise.resolve({ data: [] as unknown[] }),
        db.collection(C.people).where({ parkId: me.parkId, secretaryOf: branch._id }).field({ secretaryOf: true }).limit(MAX_READ).get(),
      ]);
      const secretaries = secretariesByBranch(secs as PersonDoc[]);
      const byMember = new Map<string, typeof ratings>();
      for (const r of ratings) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
      const decided = new Map((decisions as DecisionDoc[]).map((d) => [d.memberId, d]));
      const ROLE_ORDER = { leader: 0, colleague: 1, branch: 2 } as const;
      const rows = members.map((m) => {
        const mr = byMember.get(m._id) ?? [];
        const got = new Set(mr.map((r) => r.role));
        const d = decided.get(m._id);
        return {
          memberId: m._id, name: m.name, votes: votesOf(mr),
          // Grouped by who, then by text: never in the order they came (that would point at a rater).
          comments: mr.filter((r) => r.comment).map((r) => ({ role: r.role, text: r.comment })).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.text.localeCompare(b.text, 'zh')),
          missing: expectedRoles(review, m, branches, secretaries).filter((x) => !got.has(x)),
          decision: d ? { grade: d.grade, note: d.note, by: d.by.name, at: new Date(d.at).toISOString() } : null,
        };
      });
      return { review: reviewInfo(review, now), ...head, excellent: rows.filter((r) => r.decision?.grade === 'excellent').length, rows };
    },
  },

  'branch.decide': {
    access: MANAGERS,
    handler: async ({ year, memberId, grade, note }, { person: me, caller, now }) => {
      const review = await requireReview(me.parkId, year);
      if (chinaDateString(now) < review.from) throw new ActionError('DEADLINE_PASSED', { message: `三评议还没有开始，评议时间为${windowText(review)}` });
      const member = await memberOfPark(me, memberId);
      if (!managesBranch(me, member.branchId)) throw new ActionError('FORBIDDEN', { message: '只能评定本支部的党员' });
      const text = note ?? '';
      if (text) {
        await spendRate('content', me._id, now);
        if ((await secCheck(caller.openid, text, now)) !== 'pass') throw new ActionError('CONTENT_RISKY');
      }
      const [members, ratings] = await Promise.all([membersOfBranch(me.parkId, member.branchId), ratingsOf(review._id, [member._id])]);
      const max = maxExcellent(members.length);
      const votes = votesOf(ratings);
      const excellent = await runTransaction(async (tx) => {
        const tId = tallyId(review._id, member.branchId);
        const dId = decisionId(review._id, member._id);
        const [tally, prev] = await Promise.all([txGet<BranchTallyDoc>(tx, C.reviewBranches, tId), txGet<DecisionDoc>(tx, C.reviewDecisions, dId)]);
        const before = tally?.excellent ?? 0;
        const wasExcellent = prev?.grade === 'excellent' && prev.branchId === member.branchId;
        const after = before - (wasExcellent ? 1 : 0) + (grade === 'excellent' ? 1 : 0);
        if (grade === 'excellent' && after > max) {
          throw invalid('grade', `优秀不能超过支部党员人数的三分之一：本支部 ${members.length} 名党员，最多 ${max} 名优秀，已评定 ${before} 名`);
        }
        const decision: Omit<DecisionDoc, '_id'> = {
          parkId: me.parkId, reviewId: review._id, branchId: member.branchId, memberId: member._id, name: member.name, grade, note: text, votes, by: byOf(me), at: now,
        };
        await tx.collection(C.reviewDecisions).doc(dId).set(decision);
        const next: Omit<BranchTallyDoc, '_id'> = {
          parkId: me.parkId, reviewId: review._id, branchId: member.branchId, excellent: after, decided: (tally?.decided ?? 0) + (prev ? 0 : 1), updatedAt: now,
        };
        await tx.collection(C.reviewBranches).doc(tId).set(next);
        await audit(me, 'review.decide', member.name, {
          year, personId: member._id, branchId: member.branchId, grade, gradeLabel: REVIEW_GRADE_LABELS[grade], before: prev ? REVIEW_GRADE_LABELS[prev.grade] : null,
        }, now, tx);
        return after;
      });
      return { ok: true as const, excellent, maxExcellent: max };
    },
  },
};
