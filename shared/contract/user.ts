// The `user` function: what a person does for themself — who am I, bind my WeChat, my card.
import { dateString, id, memberType, post, shortText } from './common';
import { z } from './zod';
import { ROLES } from './roles';

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

export const userContract = {
  me: { input: z.object({}).strict(), output: z.object({ bound: z.boolean(), person: personSelf.nullable() }) },
  bind: { input: z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}$/, '邀请码是 8 位字母或数字') }).strict(), output: z.object({ person: personSelf }) },
  card: { input: z.object({}).strict(), output: card },
  /** A signed payload for the QR code; it expires, so the client refreshes it before `refreshAt`. */
  cardCode: { input: z.object({}).strict(), output: z.object({ code: z.string(), expiresAt: z.string(), refreshAt: z.string() }) },
  /** What a scanner sees: public fields only. */
  verifyCard: { input: z.object({ code: shortText(512, '身份码') }).strict(), output: z.object({ card: card.omit({ joinedPartyOn: true }), verifiedAt: z.string() }) },
} as const;
