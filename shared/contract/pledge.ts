// 承诺践诺 and 评诺 (issue 17): the `pledge` function. A member writes pledge items for the year (kind, what
// exactly, how it will be seen as kept, a due date, yearly or 即时); a secretary writes the branch's own (支部承诺)
// with a responsible person. The secretary approves an item for the public board or returns it with a comment;
// progress notes (text; photos through the `files` function, record kind 'pledge'); the member claims it
// fulfilled; the secretary confirms it or marks it not fulfilled with the reason; a withdrawal with the
// secretary's approval keeps it out of the rate. A timer marks items overdue the day after their due date.
// 履诺率 = fulfilled ÷ due. Colleagues rate fulfilled items (满意 / 基本满意 / 不满意) in the park's rating window;
// the rated person sees counts, never who rated. Server-owned fields (ids, status, who, when) are never inputs.
import { dateString, id, shortText } from './common';
import { z } from './zod';

export const PLEDGE_KINDS = ['study', 'work', 'discipline', 'service'] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];
export const PLEDGE_KIND_LABELS: Record<PledgeKind, string> = { study: '学习', work: '工作', discipline: '自律', service: '服务' };

/** yearly: 年度承诺; immediate: 即时承诺 (e.g. during an urgent task). */
export const PLEDGE_TERMS = ['yearly', 'immediate'] as const;
export type PledgeTerm = (typeof PLEDGE_TERMS)[number];
export const PLEDGE_TERM_LABELS: Record<PledgeTerm, string> = { yearly: '年度承诺', immediate: '即时承诺' };

/** member: a member's own item; branch: 支部承诺 with a responsible person. */
export const PLEDGE_SCOPES = ['member', 'branch'] as const;
export type PledgeScope = (typeof PLEDGE_SCOPES)[number];

/**
 * submitted: waiting for the secretary; returned: to rewrite (with the comment); approved: on the public board;
 * claimed: the member says it is kept, waiting for confirmation; fulfilled / unfulfilled: decided;
 * withdrawing: a withdrawal asked for; withdrawn: out of the rate.
 */
export const PLEDGE_STATUSES = ['submitted', 'returned', 'approved', 'claimed', 'fulfilled', 'unfulfilled', 'withdrawing', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  submitted: '待审核',
  returned: '已退回修改',
  approved: '践诺中',
  claimed: '待确认践诺',
  fulfilled: '已践诺',
  unfulfilled: '未践诺',
  withdrawing: '撤回待审批',
  withdrawn: '已撤回',
};
/** Statuses shown on the public board. */
export const PUBLIC_STATUSES = ['approved', 'claimed', 'fulfilled', 'unfulfilled', 'withdrawing'] as const satisfies readonly PledgeStatus[];

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** Park defaults: 2–5 items a year; ratings in December; 20 ratings a day per rater. */
export const DEFAULT_PLEDGE_SETTINGS = { minPerYear: 2, maxPerYear: 5, ratingFrom: '12-01', ratingTo: '12-31', ratingDailyLimit: 20 } as const;

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '格式应为 12-01（月-日）');
export const pledgeSettings = z
  .object({
    minPerYear: z.number().int().min(0, '不能少于 0').max(20, '最多 20 项'),
    maxPerYear: z.number().int().min(1, '至少 1 项').max(20, '最多 20 项'),
    /** The rating window, every year: from and to (month-day, China time, both included). */
    ratingFrom: monthDay,
    ratingTo: monthDay,
    ratingDailyLimit: z.number().int().min(1, '至少 1 次').max(500, '最多 500 次'),
  })
  .strict()
  .refine((s) => s.minPerYear <= s.maxPerYear, { message: '每年最少项数不能多于最多项数', path: ['minPerYear'] })
  .refine((s) => s.ratingFrom <= s.ratingTo, { message: '评诺开始日期要在结束日期之前', path: ['ratingFrom'] });
export type PledgeSettings = z.infer<typeof pledgeSettings>;

const year = z.string().regex(/^\d{4}$/, '年份格式应为 2026');
const quarter = z.number().int().min(1, '季度为 1 到 4').max(4, '季度为 1 到 4');

/** What a person writes: the same for a member's item and a branch's. */
const itemFields = {
  kind: z.enum(PLEDGE_KINDS, { error: '请选择承诺类别' }),
  what: shortText(200, '承诺内容').refine((s) => [...s.replace(/\s/g, '')].length >= 6, '承诺内容至少 6 个字，请写具体'),
  howSeen: shortText(200, '践诺标准'),
  dueOn: dateString,
  term: z.enum(PLEDGE_TERMS, { error: '请选择年度承诺或即时承诺' }),
};

/** A rate: fulfilled ÷ due (null when nothing is due yet). */
export const pledgeRate = z.object({ fulfilled: z.number().int(), due: z.number().int(), rate: z.number().nullable() });
export type PledgeRate = z.infer<typeof pledgeRate>;

export const ratingCounts = z.object({ satisfied: z.number().int(), basic: z.number().int(), unsatisfied: z.number().int() });
export type RatingCounts = z.infer<typeof ratingCounts>;

export const progressNote = z.object({ at: z.string(), text: z.string(), by: z.string() });

/** One item as its owner, the secretary or the board sees it. Never names a rater. */
export const pledgeView = z.object({
  id,
  scope: z.enum(PLEDGE_SCOPES),
  branchId: id,
  branchName: z.string(),
  /** The member (member items) or the responsible person (branch items). */
  personName: z.string(),
  year,
  kind: z.enum(PLEDGE_KINDS),
  what: z.string(),
  howSeen: z.string(),
  dueOn: dateString,
  term: z.enum(PLEDGE_TERMS),
  status: z.enum(PLEDGE_STATUSES),
  /** Past its due date without a decision (set by the timer). */
  overdue: z.boolean(),
  /** The secretary's comment when returned, or why a withdrawal was refused. */
  comment: z.string().nullable(),
  claimNote: z.string().nullable(),
  /** Why it was not fulfilled (the member's reason, recorded by the secretary). */
  unfulfilledReason: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  progress: z.array(progressNote),
  /** Ratings so far (counts only) and the satisfaction rate ((满意 + 基本满意) ÷ all), null with none. */
  ratings: ratingCounts,
  satisfaction: z.number().nullable(),
  /** What the caller may do with it. */
  can: z.object({
    edit: z.boolean(), review: z.boolean(), progress: z.boolean(), claim: z.boolean(), confirm: z.boolean(),
    withdraw: z.boolean(), decideWithdrawal: z.boolean(), rate: z.boolean(),
  }),
  /** The caller's own rating of it (raters only). */
  myRating: z.enum(RATINGS).nullable(),
});
export type PledgeView = z.infer<typeof pledgeView>;

/** The secretary's breakdown of an item's ratings: counts by group and the comments, never who. */
export const ratingBreakdown = z.object({
  counts: ratingCounts,
  byGroup: z.array(z.object({ group: z.string(), counts: ratingCounts })),
  comments: z.array(z.object({ rating: z.enum(RATINGS), text: z.string(), at: z.string() })),
});

const pledgeId = z.object({ pledgeId: id }).strict();

export const pledgeContract = {
  /** The park's pledge settings (defaults until the park admin saves its own). */
  'settings.get': { input: z.object({}).strict(), output: z.object({ settings: pledgeSettings, saved: z.boolean() }) },
  'settings.update': { input: z.object({ settings: pledgeSettings }).strict(), output: z.object({ settings: pledgeSettings }) },

  /** My items of a year (default this year) with my 履诺率 and how many more yearly items I may write. */
  mine: {
    input: z.object({ year: year.optional() }).strict(),
    output: z.object({
      year,
      items: z.array(pledgeView),
      rate: pledgeRate,
      /** Yearly items counted against the park's limits (not returned or withdrawn). */
      yearlyCount: z.number().int(),
      minPerYear: z.number().int(),
      maxPerYear: z.number().int(),
      satisfaction: z.number().nullable(),
      ratings: ratingCounts,
    }),
  },
  /** Write an item (content-checked); it waits for the secretary. */
  create: { input: z.object(itemFields).strict(), output: z.object({ pledge: pledgeView }) },
  /** Rewrite an item still waiting or returned; it waits for the secretary again. */
  update: { input: z.object({ pledgeId: id, ...itemFields }).strict(), output: z.object({ pledge: pledgeView }) },
  /** A 支部承诺 with its responsible person (of the branch), written by its secretary: on the board at once. */
  'branch.create': { input: z.object({ branchId: id, responsibleId: id, ...itemFields }).strict(), output: z.object({ pledge: pledgeView }) },
  /** One item the caller may see, with what they may do. */
  get: { input: pledgeId, output: z.object({ pledge: pledgeView, breakdown: ratingBreakdown.nullable() }) },

  /** The secretary's queue: items to approve, claims to confirm, withdrawals to decide. */
  'review.list': {
    input: z.object({ branchId: id }).strict(),
    output: z.object({ branch: z.object({ id, name: z.string() }), toApprove: z.array(pledgeView), toConfirm: z.array(pledgeView), toWithdraw: z.array(pledgeView) }),
  },
  /** Approve for the public board, or return for rewriting with a comment (required then). */
  'review.decide': {
    input: z
      .object({ pledgeId: id, decision: z.enum(['approve', 'return']), comment: z.string().trim().max(200, '意见最多 200 个字').default('') })
      .strict()
      .refine((v) => v.decision === 'approve' || v.comment.length > 0, { message: '退回时请写明修改意见', path: ['comment'] }),
    output: z.object({ pledge: pledgeView }),
  },
  /** A progress note (text; photos are added with files.attach on record kind 'pledge'). */
  'progress.add': { input: z.object({ pledgeId: id, text: shortText(300, '进展') }).strict(), output: z.object({ pledge: pledgeView }) },
  /** The member says the item is kept, with a note. */
  claim: { input: z.object({ pledgeId: id, note: shortText(300, '践诺情况') }).strict(), output: z.object({ pledge: pledgeView }) },
  /** The secretary confirms a claim, or marks the item not fulfilled with the reason the member gave. */
  confirm: {
    input: z
      .object({ pledgeId: id, fulfilled: z.boolean(), reason: z.string().trim().max(200, '原因最多 200 个字').default('') })
      .strict()
      .refine((v) => v.fulfilled || v.reason.length > 0, { message: '请写明未践诺的原因', path: ['reason'] }),
    output: z.object({ pledge: pledgeView, points: z.string().nullable() }),
  },
  /** Ask to withdraw an item when circumstances changed. */
  'withdraw.request': { input: z.object({ pledgeId: id, reason: shortText(200, '撤回原因') }).strict(), output: z.object({ pledge: pledgeView }) },
  /** The secretary approves the withdrawal (out of the rate) or refuses it (with a comment). */
  'withdraw.decide': {
    input: z.object({ pledgeId: id, approve: z.boolean(), comment: z.string().trim().max(200, '意见最多 200 个字').default('') }).strict(),
    output: z.object({ pledge: pledgeView }),
  },

  /** The public board: approved items of a branch or of the park, with the 履诺率 of the year and a quarter. */
  board: {
    input: z.object({ branchId: id.optional(), year: year.optional(), quarter: quarter.optional() }).strict(),
    output: z.object({
      scope: z.enum(['branch', 'park']),
      title: z.string(),
      year,
      quarter: z.number().int().nullable(),
      items: z.array(pledgeView),
      rate: pledgeRate,
      /** Each branch's rate (park board). */
      branches: z.array(z.object({ id, name: z.string(), rate: pledgeRate })),
      ratingOpen: z.boolean(),
    }),
  },
  /** 履诺率 for a year or a quarter: mine, my branch's and the park's. */
  rates: {
    input: z.object({ year: year.optional(), quarter: quarter.optional() }).strict(),
    output: z.object({ year, quarter: z.number().int().nullable(), mine: pledgeRate, branch: pledgeRate, park: pledgeRate }),
  },

  /** 评诺: rate a fulfilled item of a colleague, once, in the park's rating window. */
  rate: {
    input: z.object({ pledgeId: id, rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }), comment: z.string().trim().max(100, '评语最多 100 个字').default('') }).strict(),
    output: z.object({ pledge: pledgeView }),
  },
  /** Fulfilled items I may rate now (colleagues of my branch or enterprise), and whether the window is open. */
  'rate.list': {
    input: z.object({}).strict(),
    output: z.object({ open: z.boolean(), window: z.string(), leftToday: z.number().int(), items: z.array(pledgeView) }),
  },
} as const;
