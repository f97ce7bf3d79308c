// The `ledger` function (issue 19: 台账): 三会一课 compliance for a branch or the whole park, and the xlsx exports a
// branch hands in (the record book, attendance, study, volunteer hours, the points ledger, the roster), written
// to cloud storage and answered with a temporary link. Secretaries for their branch, park admins for any branch
// or the whole park.
import { PERIOD_PATTERNS } from '../periods';
import { id } from './common';
import { displayContract } from './display';
import { z } from './zod';

/**
 * The sheets an export can hold, in the workbook's order. A sheet registry: the ledger function builds each from
 * its entry in cloudfunctions/ledger/actions/sheets.ts.
 * 承诺践诺 ('pledges', from the `pledge` function's collections) and 三评议 ('reviews', the branch's decision per
 * member and the completion, from the `review` function's; never who rated) come last.
 */
export const LEDGER_SHEETS = ['compliance', 'meetings', 'attendance', 'study', 'volunteer', 'points', 'roster', 'pledges', 'reviews'] as const;
export type LedgerSheet = (typeof LEDGER_SHEETS)[number];
export const LEDGER_SHEET_LABELS: Record<LedgerSheet, string> = {
  compliance: '三会一课达标情况', meetings: '三会一课记录本', attendance: '会议考勤', study: '学习记录', volunteer: '志愿服务时长', points: '积分台账', roster: '党员花名册',
  pledges: '承诺践诺', reviews: '三评议结果',
};

/** A month '2026-11', a quarter '2026-Q4' or a year '2026'. */
export const period = z.string().refine((s) => PERIOD_PATTERNS.month.test(s) || PERIOD_PATTERNS.quarter.test(s) || PERIOD_PATTERNS.year.test(s), '期间应为月份（2026-11）、季度（2026-Q4）或年份（2026）');
export const year = z.string().regex(PERIOD_PATTERNS.year, '年份格式应为 2026');

const colour = z.enum(['green', 'yellow', 'red']);
export const complianceItem = z.object({
  key: z.string(), label: z.string(), rule: z.string(), colour, due: z.number().int(), held: z.number().int(), missed: z.number().int(),
  missedPeriods: z.array(z.string()), text: z.string(),
});
export const branchCompliance = z.object({ branchId: id, name: z.string(), year: z.string(), colour, items: z.array(complianceItem) });
export type BranchCompliance = z.infer<typeof branchCompliance>;

/** A park of more branches than this is exported in steps (`export.continue`), this many branches a step. */
export const LEDGER_STEP_BRANCHES = 20;

/** A dashboard (`dashboard.get`): a branch's or the park's year at a glance; every chart's numbers are here too. */
export const dashboard = z.object({
  scope: z.enum(['branch', 'park']),
  name: z.string(),
  year: z.string(),
  /** Park: 企业党组织覆盖率 (enterprises with a branch); a branch: its enterprises. */
  coverage: z.object({ covered: z.number().int(), total: z.number().int(), rate: z.number().nullable() }),
  /** People using the app (bound) of those on the roster. */
  bound: z.object({ bound: z.number().int(), people: z.number().int() }),
  /** 一月一专题 per month of the year so far: topics finished of those due (members × topics). */
  study: z.array(z.object({ month: z.string(), done: z.number().int(), due: z.number().int() })),
  /** 三会一课: the branch's items, or the park's branches counted by colour. */
  compliance: z.object({
    colour,
    items: z.array(z.object({ label: z.string(), colour, text: z.string() })),
    branches: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  }),
  /** Confirmed volunteer hours per month. */
  hours: z.array(z.object({ month: z.string(), hours: z.number() })),
  /** 履诺率: items fulfilled of those due (the pledge function's rule). */
  pledges: z.object({ fulfilled: z.number().int(), due: z.number().int(), rate: z.number().nullable() }),
  /** Branch: each Party member's points this year; park: each branch's points per Party member. */
  points: z.array(z.object({ name: z.string(), points: z.number() })),
  /** Park: branches falling behind, worst first, each with why (a branch: empty). */
  behind: z.array(z.object({ branchId: id, name: z.string(), colour, reasons: z.array(z.string()) })),
  /** When the figures were counted (ISO): the park's board is a snapshot, counted again at most every few minutes. */
  countedAt: z.string().optional(),
});
export type Dashboard = z.infer<typeof dashboard>;

const exportResult = z.object({
  files: z.array(z.object({ name: z.string(), url: z.string(), fileId: z.string(), expiresAt: z.string(), branches: z.number().int(), bytes: z.number().int() })),
  /** What the workbook holds, for the page to say ("3 个支部 · 6 张表"). */
  sheets: z.array(z.string()),
  /** Not finished yet: steps done of all (the page shows 正在生成 done/total and calls `export.continue`). */
  job: z.object({ id: z.string(), done: z.number().int(), total: z.number().int() }).nullable(),
});

export const ledgerContract = {
  /** A branch's 三会一课 compliance for a year (its secretary, a park admin). */
  'compliance.branch': { input: z.object({ branchId: id, year }).strict(), output: branchCompliance },
  /** Every branch of the park, worst first (park admins). */
  'compliance.park': { input: z.object({ year }).strict(), output: z.object({ branches: z.array(branchCompliance) }) },
  /**
   * Export the 台账 of a branch (`branchId`) or of the whole park (no branchId: park admins) for a period, as xlsx:
   * one workbook (a park's: every branch in each sheet) or, for the park, one file per branch (`split`). Phones in
   * the 花名册 are masked unless `fullPhones` (and then only those the caller's screens show in full). Audited.
   */
  'export.create': {
    input: z
      .object({
        branchId: id.optional(),
        period,
        sheets: z.array(z.enum(LEDGER_SHEETS)).min(1, '请至少选择一项').max(LEDGER_SHEETS.length).optional(),
        split: z.enum(['one', 'perBranch']).default('one'),
        fullPhones: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.split === 'one' || v.branchId === undefined, { message: '按支部分别导出只用于全园区', path: ['split'] }),
    output: exportResult,
  },
  /**
   * The next step of a park's export built in steps (more than LEDGER_STEP_BRANCHES branches): `export.create`
   * answered with a `job`; call this with its id until `job` is null and `files` holds the result. Only the park
   * admin who started it.
   */
  /** The year at a glance: a branch (`branchId`: its secretary, a park admin) or the park (park admins). */
  'dashboard.get': { input: z.object({ branchId: id.optional(), year }).strict(), output: dashboard },
  'export.continue': { input: z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/, '导出任务不存在') }).strict(), output: exportResult },
  /** The park's display screen and its keys (issue 19; shared/contract/display.ts). */
  ...displayContract,
} as const;
