// The `user` function: what a person does for themself — who am I, bind my WeChat, my card.
import { PRIVACY_DATA_KEYS } from '../privacy';
import { dateString, id, memberType, post, shortText } from './common';
import { z } from './zod';
import { ROLES } from './roles';
import { homeParts } from './home';

export const personSelf = z.object({
  id,
  name: z.string(),
  memberType,
  roles: z.array(z.enum(ROLES)),
  branch: z.object({ id, name: z.string() }),
  park: z.object({ id, name: z.string() }),
  /** Branch ids this person is secretary of. */
  secretaryOf: z.array(id),
});
export type PersonSelf = z.infer<typeof personSelf>;

export const card = z.object({
  name: z.string(),
  memberType,
  parkName: z.string(),
  branchName: z.string(),
  joinedPartyOn: dateString.nullable(),
  /**
   * 党龄: whole years since becoming a full member (转正日期), in China time; when the roster has no
   * 转正日期, since 入党日期 plus the normal one-year probation. Null for probationary members and masses.
   */
  partyYears: z.number().int().nullable(),
  posts: z.array(post),
  responsibilityArea: z.string().nullable(),
  /** The current public pledge; null until pledges exist or none is public. */
  pledge: z.object({ content: z.string(), dueOn: dateString.nullable() }).nullable(),
  /** Volunteer star level 0–5 (the park's thresholds); null for someone with no volunteer hours yet. */
  volunteerStars: z.number().int().min(0).max(5).nullable(),
});
export type Card = z.infer<typeof card>;

/**
 * 我的信息: everything kept about the caller, as sections of label/value lines that the page shows and
 * the export writes as they are (a new kind of record is a new section loader in the function, not a
 * new page). Section titles and their "nothing kept" text come from the privacy notice (shared/privacy.ts).
 */
export const myDataField = z.object({ label: z.string(), value: z.string() });
export const myDataItem = z.object({ title: z.string(), fields: z.array(myDataField) });
export const myDataSection = z.object({
  key: z.enum(PRIVACY_DATA_KEYS),
  title: z.string(),
  /** Who sees it and how long it is kept, from the notice. */
  note: z.string(),
  items: z.array(myDataItem),
  /** Shown when there are no items. */
  none: z.string(),
});
export type MyData = z.infer<typeof myData>;
export type MyDataSection = z.infer<typeof myDataSection>;
export const myData = z.object({
  name: z.string(),
  /** ISO time of the reply (the export's date). */
  generatedAt: z.string(),
  sections: z.array(myDataSection),
});

/** 首页's to-do list (shared/contract/home.ts), with who I am. */
export const home = homeParts.extend({ person: personSelf.nullable() });
export type Home = z.infer<typeof home>;

/** Agreement to the privacy notice at binding: the version the person read (shared/privacy.ts). */
export const consent = z.object({ version: z.string({ error: '请先阅读并同意个人信息保护说明' }).max(20) }, { error: '请先阅读并同意个人信息保护说明' }).strict();

export const userContract = {
  me: { input: z.object({}).strict(), output: z.object({ bound: z.boolean(), person: personSelf.nullable() }) },
  /** Bind this WeChat to a roster entry; only with agreement to the current privacy notice (nothing is stored otherwise). */
  bind: {
    input: z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}$/, '邀请码是 8 位字母或数字'), consent }).strict(),
    output: z.object({ person: personSelf }),
  },
  card: { input: z.object({}).strict(), output: card },
  /** A signed payload for the QR code; it expires, so the client refreshes it before `refreshAt`. */
  cardCode: { input: z.object({}).strict(), output: z.object({ code: z.string(), expiresAt: z.string(), refreshAt: z.string() }) },
  /** What a scanner sees: public fields only. */
  verifyCard: { input: z.object({ code: shortText(512, '身份码') }).strict(), output: z.object({ card: card.omit({ joinedPartyOn: true }), verifiedAt: z.string() }) },
  /** 我的信息: everything kept about me, for the page and its export. */
  myData: { input: z.object({}).strict(), output: myData },
  /** 首页: who I am and what I have to do next, per role, in one call (./home.ts). Anyone with WeChat: unbound → person null. */
  home: { input: z.object({}).strict(), output: home },
} as const;
