// 亮身份: the member's card, its rotating signed QR code, and verifying a scanned code (public fields only).
import type { Card, PersonSelf } from '../../../shared/contract/user';
import type { userContract } from '../../../shared/contract/user';
import { chinaDateString } from '../../../shared/time';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { C, db } from '../../_lib/db';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';
import { checkCardCode, issueCardCode } from '../../_lib/card-code';
import { volunteerStarsOf } from '../../volunteer/actions/record';
import { currentPledgeOf } from '../../pledge/actions/card';

type H = Handlers<typeof userContract>;
const MEMBERS: PersonSelf['roles'] = ['member'];

/** Whole years from `since` to today, both as calendar days in China; null without a date. */
function yearsSince(since: string | null, now: Date): number | null {
  if (!since) return null;
  const today = chinaDateString(now);
  // One year more on each anniversary: today's 'MM-DD' reaching the start's (a 02-29 start counts on 03-01).
  const years = Number(today.slice(0, 4)) - Number(since.slice(0, 4)) - (today.slice(5) < since.slice(5) ? 1 : 0);
  return Math.max(0, years);
}

/**
 * 党龄 counts from 转正 (the day a probationary member became a full member), not from 入党日期;
 * probationary members and masses have none. Rosters kept before 转正日期 was recorded lack it: then
 * 转正 is taken to be one year after 入党日期, the normal probation (an extended probation cannot be
 * known, so such a 党龄 may be a year too high until the 转正日期 is filled in).
 */
export function partyYears(p: Pick<PersonDoc, 'memberType' | 'joinedPartyOn' | 'fullMemberOn'>, now: Date): number | null {
  if (p.memberType !== 'full') return null;
  if (p.fullMemberOn) return yearsSince(p.fullMemberOn, now);
  const sinceJoining = yearsSince(p.joinedPartyOn, now);
  return sinceJoining === null ? null : Math.max(0, sinceJoining - 1); // whole years since 入党日期 + 1 year
}

async function cardOf(p: PersonDoc, now: Date): Promise<Card> {
  const [branch, park, volunteerStars, pledge] = await Promise.all([
    db.collection(C.branches).doc(p.branchId).get(), db.collection(C.parks).doc(p.parkId).get(), volunteerStarsOf(p), currentPledgeOf(p, now),
  ]);
  return {
    name: p.name,
    memberType: p.memberType,
    parkName: (park.data[0] as ParkDoc | undefined)?.name ?? '',
    branchName: (branch.data[0] as BranchDoc | undefined)?.name ?? '',
    joinedPartyOn: p.joinedPartyOn,
    partyYears: partyYears(p, now),
    posts: p.posts,
    responsibilityArea: p.responsibilityArea,
    pledge,
    volunteerStars,
  };
}

export const card: H['card'] = { access: MEMBERS, handler: async (_i, { person, now }) => cardOf(person, now) };

export const cardCode: H['cardCode'] = {
  access: MEMBERS,
  handler: async (_i, { person, now }) => {
    const c = issueCardCode(person._id, now.getTime());
    return { code: c.code, expiresAt: c.expiresAt.toISOString(), refreshAt: c.refreshAt.toISOString() };
  },
};

export const verifyCard: H['verifyCard'] = {
  // Anyone in the mini-program may verify a card they scan.
  access: 'public',
  handler: async ({ code }, { now }) => {
    const check = checkCardCode(code, now.getTime());
    if (!check.ok) throw new ActionError(check.reason === 'expired' ? 'CARD_CODE_EXPIRED' : 'CARD_CODE_INVALID');
    const { data } = await db.collection(C.people).doc(check.personId).get();
    const p = data[0] as PersonDoc | undefined;
    if (!p || p.memberType === 'none') throw new ActionError('CARD_CODE_INVALID', { message: '这张身份卡已失效' });
    const { joinedPartyOn: _private, ...publicCard } = await cardOf(p, now);
    return { card: publicCard, verifiedAt: now.toISOString() };
  },
};
