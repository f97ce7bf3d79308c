// The park's display screen (issue 19, 党建长廊 / 党员活动和先进人物模范典型宣传展示平台): a full-screen H5 page on a TV in
// the 党群服务中心, opened with a read-only display key the park admin creates and can revoke. Part of the `ledger`
// function (spread into ledgerContract). `display.get` needs no WeChat identity (access 'key'): the key in the input
// is the caller's only credential, and the reply holds display data only — no phone numbers, no person's ranking
// unless the park turned public individual rankings on and the person opted in.
import { MEASURES } from '../points';
import { MEETING_KINDS } from './labels';
import { id, shortText } from './common';
import { z } from './zod';

/** A key as the admin sees it: never the secret (shown once, at creation). */
export const displayKey = z.object({
  id,
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Last time a screen used it (to the nearest DISPLAY_TOUCH_MS); null: never. */
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type DisplayKey = z.infer<typeof displayKey>;

/** The most keys a park keeps that are not revoked. */
export const DISPLAY_KEYS_MAX = 20;
/** How often the screen asks for fresh figures. */
export const DISPLAY_REFRESH_SEC = 60;
/** How far ahead the screen lists meetings and volunteer activities (days, China time). */
export const DISPLAY_AHEAD_DAYS = 28;
/** The secret's shape: 32 random bytes in base64url (43 characters). */
export const DISPLAY_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const measure = z.enum(MEASURES);

export const displayScreen = z.object({
  parkName: z.string(),
  /** The key's label (党群服务中心大屏), shown small. */
  label: z.string(),
  /** The server's time (the page's clock follows it); this China month ('2026-11') and year. */
  now: z.string(),
  month: z.string(),
  year: z.string(),
  /** The newest 流动红旗 (last month's, held this month). */
  flag: z.object({ month: z.string(), branchName: z.string(), measure, value: z.number() }).nullable(),
  /** This month's branches by the park's 流动红旗 measure (ranked ones, best first; at most DISPLAY_RANKED). */
  ranking: z.object({ measure, rows: z.array(z.object({ rank: z.number().int().nullable(), name: z.string(), value: z.number().nullable() })) }),
  /** Only when the park turned public individual rankings on; only people who opted in (at most 10). */
  individuals: z.array(z.object({ rank: z.number().int(), name: z.string(), branchName: z.string(), points: z.number() })).nullable(),
  /** 主题党日, 大党课 and 党课 of the next DISPLAY_AHEAD_DAYS days (not cancelled), soonest first. */
  meetings: z.array(z.object({ kind: z.enum(MEETING_KINDS), title: z.string(), date: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable(), place: z.string(), branchName: z.string() })),
  /** Published volunteer activities not yet over that start within DISPLAY_AHEAD_DAYS days, soonest first. */
  activities: z.array(z.object({ title: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string(), organizer: z.string() })),
  /** 承诺践诺 kept this year: how many, and the latest few (what was pledged and the branch; no names). */
  pledges: z.object({ kept: z.number().int(), latest: z.array(z.object({ what: z.string(), branchName: z.string(), keptOn: z.string() })) }),
  /** Confirmed volunteer hours this year (the branches' counters): the park's total and per month so far. */
  hours: z.object({ total: z.number(), byMonth: z.array(z.object({ month: z.string(), hours: z.number() })) }),
  refreshSec: z.number().int(),
});
export type DisplayScreen = z.infer<typeof displayScreen>;

export const displayContract = {
  /** A new display key (park admins): the secret is in this reply only; it is stored as its sha256. Audited. */
  'displayKeys.create': {
    input: z.object({ label: shortText(30, '大屏名称') }).strict(),
    output: z.object({ key: displayKey, secret: z.string() }),
  },
  /** The park's display keys, newest first (park admins). */
  'displayKeys.list': { input: z.object({}).strict(), output: z.object({ keys: z.array(displayKey) }) },
  /** Revoke a key for good (park admins): screens using it show 此大屏链接已停用 at their next refresh. Audited. */
  'displayKeys.revoke': { input: z.object({ keyId: id }).strict(), output: z.object({ key: displayKey }) },
  /**
   * What the screen shows, for whoever holds a valid key (no WeChat identity needed). An unknown, malformed or revoked
   * key: NOT_FOUND (此大屏链接已停用，请联系园区管理员), the same for each so a guess learns nothing.
   */
  'display.get': { input: z.object({ key: z.string().max(200, '大屏链接不正确') }).strict(), output: displayScreen },
} as const;
