// The park admin's side of 三评议: open (or change) the year's review — its window and who rates whom —
// and see completion per branch (counts only, never one member's result).
import type { reviewContract } from '../../../shared/contract/review';
import { byPinyin } from '../../../shared/pinyin';
import { audit } from '../../_lib/audit';
import { C, db, readAll, runTransaction, txGet } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import type { EnterpriseDoc, PersonDoc } from '../../_lib/types';
import { invalid } from '../../org/actions/helpers';
import type { DecisionDoc, RatingDoc, ReviewDoc } from '../types';
import {
  MAX_READ, PERSON_FIELDS, type PersonLite, branchesOfPark, byOf, enterpriseOf, expectedRoles, membersOfPark, reviewId, reviewInfo, reviewOf, secretariesByBranch,
} from './helpers';

type H = Handlers<typeof reviewContract>;
const DAY_MS = 86_400_000;
/** A window longer than this is a typo, not a review. */
const MAX_WINDOW_DAYS = 92;

export const parkHandlers: Pick<H, 'park.open' | 'park.get' | 'park.completion'> = {
  'park.open': {
    access: ['parkAdmin'],
    handler: async (input, { person: me, now }) => {
      const days = (Date.parse(`${input.until}T00:00:00Z`) - Date.parse(`${input.from}T00:00:00Z`)) / DAY_MS;
      if (days > MAX_WINDOW_DAYS) throw invalid('until', `评议时间最长 ${MAX_WINDOW_DAYS} 天`);
      const yearNum = Number(input.year);
      const fromYear = Number(input.from.slice(0, 4));
      if (fromYear !== yearNum && fromYear !== yearNum + 1) throw invalid('from', `${input.year}年度的评议应在${input.year}年或${yearNum + 1}年进行`);

      const [branches, { data: ents }, people] = await Promise.all([
        branchesOfPark(me.parkId),
        db.collection(C.enterprises).where({ parkId: me.parkId }).field({ _id: true }).limit(MAX_READ).get(),
        readAll<PersonLite>(C.people, { parkId: me.parkId }, PERSON_FIELDS),
      ]);
      const entIds = new Set((ents as Array<{ _id: string }>).map((e) => e._id));
      const byId = new Map(people.map((p) => [p._id, p]));
      const leaders: Record<string, string[]> = {};
      for (const l of input.leaders) {
        if (!entIds.has(l.enterpriseId)) throw invalid('leaders', '有企业不在本园区，请重新选择');
        if (l.personIds.some((id) => !byId.has(id))) throw invalid('leaders', '企业领导须是本园区名册上的人员');
        const ids = [...new Set(l.personIds)];
        if (ids.length) leaders[l.enterpriseId] = [...new Set([...(leaders[l.enterpriseId] ?? []), ...ids])];
      }
      const committees: Record<string, string[]> = {};
      for (const c of input.committees) {
        if (!branches.has(c.branchId)) throw invalid('committees', '有支部不在本园区，请重新选择');
        if (c.personIds.some((id) => { const p = byId.get(id); return !p || p.branchId !== c.branchId || p.memberType === 'none'; })) {
          throw invalid('committees', '支委须是本支部的党员');
        }
        const ids = [...new Set(c.personIds)];
        if (ids.length) committees[c.branchId] = [...new Set([...(committees[c.branchId] ?? []), ...ids])];
      }

      const _id = reviewId(me.parkId, input.year);
      const review = await runTransaction(async (tx) => {
        const cur = await txGet<ReviewDoc>(tx, C.reviews, _id);
        const doc: ReviewDoc = {
          _id, parkId: me.parkId, year: input.year, from: input.from, until: input.until, leaders, committees,
          openedBy: cur?.openedBy ?? byOf(me), openedAt: cur?.openedAt ?? now, updatedAt: now,
        };
        const { _id: _omit, ...rest } = doc;
        await tx.collection(C.reviews).doc(_id).set(rest);
        await audit(me, 'review.open', input.year, {
          year: input.year, from: input.from, until: input.until, changed: !!cur, leaders: Object.keys(leaders).length, committees: Object.keys(committees).length,
        }, now, tx);
        return doc;
      });
      return { review: reviewInfo(review, now) };
    },
  },

  'park.get': {
    access: ['parkAdmin'],
    handler: async ({ year }, { person: me, now }) => {
      const [review, branches, { data: ents }, people] = await Promise.all([
        reviewOf(me.parkId, year),
        branchesOfPark(me.parkId),
        db.collection(C.enterprises).where({ parkId: me.parkId }).orderBy('name', 'asc').limit(MAX_READ).get(),
        readAll<PersonLite>(C.people, { parkId: me.parkId }, PERSON_FIELDS),
      ]);
      people.sort((a, b) => byPinyin(a.name, b.name));
      const ref = (p: PersonLite) => ({ id: p._id, name: p.name });
      return {
        review: review ? reviewInfo(review, now) : null,
        // By pinyin (祁连 before 肃州 before 酒泉 by code point; people expect 酒泉, 祁连, 肃州): the database sorts by code point.
        enterprises: [...(ents as EnterpriseDoc[])].sort((a, b) => byPinyin(a.name, b.name)).map((e) => ({
          id: e._id, name: e.name, leaders: review?.leaders[e._id] ?? [],
          people: people.filter((p) => enterpriseOf(p, branches) === e._id).map(ref),
        })),
        branches: [...branches.values()].sort((a, b) => byPinyin(a.name, b.name)).map((b) => ({
          id: b._id, name: b.name,
          secretaries: people.filter((p) => p.secretaryOf.includes(b._id)).map(ref),
          committee: review?.committees[b._id] ?? [],
          members: people.filter((p) => p.branchId === b._id && p.memberType !== 'none' && !p.secretaryOf.includes(b._id)).map(ref),
        })),
      };
    },
  },

  'park.completion': {
    access: ['parkAdmin'],
    handler: async ({ year }, { person: me, now }) => {
      const [review, branches, members] = await Promise.all([reviewOf(me.parkId, year), branchesOfPark(me.parkId), membersOfPark(me.parkId)]);
      const perBranch = new Map<string, { members: number; rated: number; started: number; decided: number; excellent: number }>();
      for (const b of branches.keys()) perBranch.set(b, { members: 0, rated: 0, started: 0, decided: 0, excellent: 0 });
      if (review) {
        const [ratings, decisions] = await Promise.all([
          readAll<Pick<RatingDoc, '_id' | 'memberId' | 'role'>>(C.reviewRatings, { reviewId: review._id }, { memberId: true, role: true }),
          readAll<Pick<DecisionDoc, '_id' | 'memberId' | 'grade'>>(C.reviewDecisions, { reviewId: review._id }, { memberId: true, grade: true }),
        ]);
        const rolesByMember = new Map<string, Set<string>>();
        for (const r of ratings) rolesByMember.set(r.memberId, (rolesByMember.get(r.memberId) ?? new Set()).add(r.role));
        const decided = new Map(decisions.map((d) => [d.memberId, d.grade]));
        const secretaries = secretariesByBranch(members);
        for (const m of members) {
          const row = perBranch.get(m.branchId);
          if (!row) continue;
          row.members++;
          const got = rolesByMember.get(m._id);
          if (got?.size) row.started++;
          const expected = expectedRoles(review, m as PersonDoc, branches, secretaries);
          // Nobody to rate a member (no committee, no enterprise) is not complete: the setup needs a look.
          if (expected.length && expected.every((x) => got?.has(x))) row.rated++;
          const g = decided.get(m._id);
          if (g) row.decided++;
          if (g === 'excellent') row.excellent++;
        }
      } else {
        for (const m of members) { const row = perBranch.get(m.branchId); if (row) row.members++; }
      }
      return {
        review: review ? reviewInfo(review, now) : null,
        branches: [...branches.values()]
          .map((b) => ({ branchId: b._id, name: b.name, ...perBranch.get(b._id)! }))
          .filter((b) => b.members > 0)
          // Least complete first: where the park admin has to chase.
          .sort((a, b) => a.rated / a.members - b.rated / b.members || byPinyin(a.name, b.name)),
      };
    },
  },
};
