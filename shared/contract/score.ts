// The `score` function: points (积分), branch leaderboards (争先创优) and the 流动红旗. Points are only
// ever awarded by the features that own the events (study, meetings, volunteering, pledges) through
// awardPoints in the functions; nothing here lets a client award itself points.
import { MEASURES, POINT_ITEMS } from '../points';
import { PERIOD_KINDS, PERIOD_PATTERNS } from '../periods';
import { id, page, shortText } from './common';
import { z } from './zod';

export const pointItem = z.enum(POINT_ITEMS);
export const measure = z.enum(MEASURES);
export const periodKind = z.enum(PERIOD_KINDS);

export const pointRule = z
  .object({
    points: z.number().min(0, '分值不能为负').max(1000, '分值最多 1000'),
    dailyCap: z.number().min(0).max(100_000).nullable(),
    monthlyCap: z.number().min(0).max(100_000).nullable(),
    yearlyCap: z.number().min(0).max(100_000).nullable(),
    enabled: z.boolean(),
  })
  .strict();

export const pointsTable = z.object(Object.fromEntries(POINT_ITEMS.map((k) => [k, pointRule])) as Record<(typeof POINT_ITEMS)[number], typeof pointRule>).strict();

export const ledgerEntry = z.object({
  id,
  item: pointItem,
  kind: z.enum(['award', 'reversal']),
  /** Signed: a reversal is negative. */
  points: z.number(),
  /** What the event asked for before caps (0 for reversals). */
  requested: z.number(),
  capped: z.boolean(),
  /** Which cap held it back (day / month / year; off: the item was switched off); null when none or not known (older entries). */
  cap: z.enum(['day', 'month', 'year', 'off']).nullable(),
  /** What the event was, for people: e.g. the topic's title. */
  note: z.string(),
  reason: z.string().nullable(),
  /** For a reversal, the entry it reverses; for an award, the reversal if there is one. */
  reverses: id.nullable(),
  reversedBy: id.nullable(),
  at: z.string(),
  day: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

/** A period: its kind and, optionally, which one (default: the current one in China time). */
const periodFields = { periodKind: periodKind.default('month'), period: z.string().max(7).optional() };
const periodMatchesKind = (v: { periodKind: keyof typeof PERIOD_PATTERNS; period?: string }) => v.period === undefined || PERIOD_PATTERNS[v.periodKind].test(v.period);
const PERIOD_MISMATCH = { message: '时间段格式不对，例如 2026-11、2026-Q4 或 2026', path: ['period'] };

const branchRow = z.object({
  rank: z.number().int().nullable(),
  branch: z.object({ id, name: z.string() }),
  members: z.number().int(),
  /** The measure's value: points or hours per member, or a rate 0–1; null = nothing to measure yet. */
  value: z.number().nullable(),
});

export const settings = z
  .object({
    /** Public individual rankings: off unless the park admin turns them on AND the member opts in (FACTS.md §4). */
    individualRanking: z.boolean(),
    /** Branches with fewer members are listed, not ranked. */
    minRankedMembers: z.number().int().min(1).max(50),
    /** What the monthly 流动红旗 goes by. */
    flagMeasure: measure,
  })
  .strict();

/** How many branches board.get lists (the top of the board). */
export const BOARD_TOP = 20;

export const flag = z.object({ month: z.string(), branch: z.object({ id, name: z.string() }), measure, value: z.number(), awardedAt: z.string() });

export const scoreContract = {
  /** My points: this year, quarter, month; my rank inside my branch; whether I opted in. */
  'me.summary': {
    input: z.object({}).strict(),
    output: z.object({
      year: z.number(),
      quarter: z.number(),
      month: z.number(),
      periods: z.object({ month: z.string(), quarter: z.string(), year: z.string() }),
      /** My place among my branch's members this month (members with no points share the last place). */
      branchRank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(),
      optIn: z.boolean(),
      individualRankingEnabled: z.boolean(),
    }),
  },
  'me.history': { input: page.extend({ year: z.string().regex(PERIOD_PATTERNS.year).optional() }).strict(), output: z.object({ entries: z.array(ledgerEntry), total: z.number().int() }) },
  'me.setOptIn': { input: z.object({ optIn: z.boolean() }).strict(), output: z.object({ optIn: z.boolean() }) },
  /** Branches ranked by a measure for a period, small branches listed apart, the current 流动红旗 holder. */
  leaderboard: {
    input: z.object({ measure: measure.default('pointsPerMember'), ...periodFields }).strict().refine(periodMatchesKind, PERIOD_MISMATCH),
    output: z.object({
      measure,
      periodKind,
      period: z.string(),
      ranked: z.array(branchRow),
      /** Below the minimum size: listed with their value, never ranked. */
      unranked: z.array(branchRow),
      myBranchId: id,
      /** Branches with fewer members than this are in `unranked`. */
      minRankedMembers: z.number().int(),
      flag: flag.nullable(),
      /** Only when the park admin enabled it; only members who opted in appear. */
      individuals: z.array(z.object({ rank: z.number().int(), name: z.string(), branchName: z.string(), points: z.number() })).nullable(),
    }),
  },
  'flags.list': { input: z.object({}).strict(), output: z.object({ flags: z.array(flag) }) },
  /**
   * "My rank + top 20" in one call (issue 21): my points and my place in my branch for the chosen period,
   * the top BOARD_TOP ranked branches by the measure, my branch's row wherever it stands, the small branches
   * (listed, never ranked; at most BOARD_TOP), the current 流动红旗 and, only when the park admin enabled it,
   * the members who opted in. The whole list of branches stays `leaderboard`'s.
   */
  'board.get': {
    input: z.object({ measure: measure.default('pointsPerMember'), ...periodFields }).strict().refine(periodMatchesKind, PERIOD_MISMATCH),
    output: z.object({
      measure,
      periodKind,
      period: z.string(),
      /** My own points in the period and my place among my branch's members (only I see it). */
      me: z.object({ points: z.number(), branchRank: z.object({ rank: z.number().int(), of: z.number().int() }), optIn: z.boolean() }),
      /** The first BOARD_TOP ranked branches (ties past the cut are left out). */
      top: z.array(branchRow),
      /** How many branches are ranked (with or without a value). */
      rankedCount: z.number().int(),
      /** My branch's row (ranked or not); null when it is not on the board (e.g. a branch made this minute). */
      myBranch: branchRow.extend({ ranked: z.boolean() }).nullable(),
      myBranchId: id,
      unranked: z.array(branchRow),
      unrankedCount: z.number().int(),
      minRankedMembers: z.number().int(),
      flag: flag.nullable(),
      individualRankingEnabled: z.boolean(),
      individuals: z.array(z.object({ rank: z.number().int(), name: z.string(), branchName: z.string(), points: z.number() })).nullable(),
    }),
  },
  'table.get': {
    input: z.object({}).strict(),
    output: z.object({ version: z.number().int(), table: pointsTable, updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  },
  /** A new version of the table (the old ones are kept); `version` must be the one the editor loaded. */
  'table.update': {
    input: z.object({ version: z.number().int().min(0), table: pointsTable }).strict(),
    output: z.object({ version: z.number().int(), table: pointsTable, updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  },
  'settings.get': { input: z.object({}).strict(), output: settings },
  'settings.update': { input: settings.partial().strict(), output: settings },
  /** A member's ledger, for their secretary or a park admin (to find what to correct). */
  'ledger.list': { input: page.extend({ personId: id }).strict(), output: z.object({ entries: z.array(ledgerEntry), total: z.number().int() }) },
  /** Correct an award by a reversing entry (the ledger is never edited). */
  'ledger.reverse': { input: z.object({ entryId: id, reason: shortText(100, '更正原因') }).strict(), output: z.object({ entry: ledgerEntry }) },
} as const;
