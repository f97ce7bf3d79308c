// 三评议: the yearly review of members (seed 004: 企业领导评议、企业职工评议、党支部评议). The park admin
// opens the year's review with its rating window (China days) and who rates whom: each enterprise's
// leaders and each branch's committee (its secretaries always sit on it). Colleagues are the people who
// work in the member's enterprise, members and 群众 alike. Each rater gives 优秀 / 合格 / 基本合格 / 不合格 with
// an optional comment, once per member (a change replaces it until the branch decides). The branch
// records its decision with the votes behind it; at most one third of a branch's members end 优秀.
// Ratings are anonymous to the member and no individual result is ever ranked publicly (FACTS.md §4).
import { dateString, id } from './common';
import { z } from './zod';
import { REVIEW_GRADES, REVIEW_ROLES } from './labels';

export { REVIEW_GRADES, REVIEW_GRADE_LABELS, type ReviewGrade } from './labels';

/** Who rates: the enterprise's leader, a colleague in the same enterprise, the branch's committee. */
export { REVIEW_ROLES, REVIEW_ROLE_LABELS, type ReviewRole } from './labels';

/** 优秀 at most one third of a branch's members: the most a branch of `members` may have. */
export const maxExcellent = (members: number): number => Math.floor(members / 3);

export const reviewYear = z.string().regex(/^20\d{2}$/, '年度应为四位数字，如 2026');
const grade = z.enum(REVIEW_GRADES, { message: '请选择评议等次' });
const comment = z.string().trim().max(200, '评语最多 200 个字');

/** Votes per grade. */
export const gradeCounts = z.object({ excellent: z.number().int(), qualified: z.number().int(), basic: z.number().int(), unqualified: z.number().int() });
export type GradeCounts = z.infer<typeof gradeCounts>;
/** Votes per rater group and grade (never who). */
export const votes = z.object({ leader: gradeCounts, colleague: gradeCounts, branch: gradeCounts });
export type Votes = z.infer<typeof votes>;

const personRef = z.object({ id, name: z.string() });

export const reviewInfo = z.object({
  year: reviewYear,
  from: dateString,
  until: dateString,
  /** Now within the rating window (China days, both included). */
  open: z.boolean(),
  /** The window has not begun yet. */
  upcoming: z.boolean(),
});

export const reviewSetup = z
  .object({
    year: reviewYear,
    from: dateString,
    until: dateString,
    /** Each enterprise's leaders (people of the park; at most 5 an enterprise). */
    leaders: z.array(z.object({ enterpriseId: id, personIds: z.array(id).max(5, '每家企业最多 5 位领导') }).strict()).max(500),
    /** Each branch's committee besides its secretaries (members of that branch; at most 9). */
    committees: z.array(z.object({ branchId: id, personIds: z.array(id).max(9, '支委最多 9 人') }).strict()).max(200),
  })
  .strict()
  .refine((s) => s.from <= s.until, { message: '结束日期不能早于开始日期', path: ['until'] });

export const rateItem = z.object({
  memberId: id,
  name: z.string(),
  branchName: z.string(),
  role: z.enum(REVIEW_ROLES),
  /** My rating so far (null: not yet). */
  grade: z.enum(REVIEW_GRADES).nullable(),
  comment: z.string(),
  /** The branch has decided: my rating can no longer change. */
  decided: z.boolean(),
});

export const resultRow = z.object({
  memberId: id,
  name: z.string(),
  votes,
  /** Comments with the group they came from, never the rater. */
  comments: z.array(z.object({ role: z.enum(REVIEW_ROLES), text: z.string() })),
  /** The rater groups expected that have not rated yet. */
  missing: z.array(z.enum(REVIEW_ROLES)),
  decision: z.object({ grade: z.enum(REVIEW_GRADES), note: z.string(), by: z.string(), at: z.string() }).nullable(),
});

export const completionRow = z.object({
  branchId: id,
  name: z.string(),
  members: z.number().int(),
  /** Members every expected group has rated. */
  rated: z.number().int(),
  /** Members with at least one rating. */
  started: z.number().int(),
  decided: z.number().int(),
  excellent: z.number().int(),
});

export const reviewContract = {
  /** The park admin opens (or changes) the year's review. */
  'park.open': { input: reviewSetup, output: z.object({ review: reviewInfo }) },
  /** The year's review as set, with the enterprises and branches to choose leaders and committees from. */
  'park.get': {
    input: z.object({ year: reviewYear }).strict(),
    output: z.object({
      review: reviewInfo.nullable(),
      enterprises: z.array(z.object({ id, name: z.string(), leaders: z.array(id), people: z.array(personRef) })),
      branches: z.array(z.object({ id, name: z.string(), secretaries: z.array(personRef), committee: z.array(id), members: z.array(personRef) })),
    }),
  },
  /** Completion per branch (counts only: nothing about any one member). */
  'park.completion': {
    input: z.object({ year: reviewYear }).strict(),
    output: z.object({ review: reviewInfo.nullable(), branches: z.array(completionRow) }),
  },
  /** The members I rate in the current (or the given) year's review, and how I rated them. */
  'rate.todo': {
    input: z.object({ year: reviewYear.optional() }).strict(),
    output: z.object({ review: reviewInfo.nullable(), items: z.array(rateItem) }),
  },
  'rate.submit': {
    input: z.object({ year: reviewYear, memberId: id, grade, comment: comment.optional() }).strict(),
    output: z.object({ ok: z.literal(true), replaced: z.boolean() }),
  },
  /** A branch's results, for its secretary or a park admin: the votes, the decision, who is not rated yet. */
  'branch.results': {
    input: z.object({ year: reviewYear, branchId: id.optional() }).strict(),
    output: z.object({
      review: reviewInfo.nullable(),
      branch: z.object({ id, name: z.string() }),
      /** Other branches the caller may open. */
      branches: z.array(z.object({ id, name: z.string() })),
      members: z.number().int(),
      maxExcellent: z.number().int(),
      excellent: z.number().int(),
      rows: z.array(resultRow),
    }),
  },
  /** The branch records its decision on one member (replacing an earlier one). */
  'branch.decide': {
    input: z.object({ year: reviewYear, memberId: id, grade, note: comment.optional() }).strict(),
    output: z.object({ ok: z.literal(true), excellent: z.number().int(), maxExcellent: z.number().int() }),
  },
  /** My own results: the branch's decision and the votes in all (no groups, no raters). */
  'me.result': {
    input: z.object({}).strict(),
    output: z.object({
      reviews: z.array(z.object({ review: reviewInfo, reviewed: z.boolean(), decision: z.enum(REVIEW_GRADES).nullable(), note: z.string(), counts: gradeCounts.nullable() })),
    }),
  },
} as const;
