// 亮身份: the member's card, its rotating signed QR code, and verifying a scanned code (public fields only).
import { type Card, type PersonSelf } from '../../../shared/contract';
import type { userContract } from '../../../shared/contract/user';
import { CHINA_UTC_OFFSET_MS } from '../../../shared/time';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { C, db } from '../../_lib/db';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';
import { checkCardCode, issueCardCode } from './card-token';

type H = Handlers<typeof userContract>;
const MEMBERS: PersonSelf['roles'] = ['member'];

/** 党龄: whole years from the roster's 入党日期 to today, both as calendar days in China. */
export function partyYears(joinedOn: string | null, now: Date): number | null {
  if (!joinedOn) return null;
  const today = new Date(now.getTime() + CHINA_UTC_OFFSET_MS);
  const [y, m, d] = joinedOn.split('-').map(Number) as [number, number, number];
  let years = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) years--;
  return Math.max(0, years);
}

async function cardOf(p: PersonDoc, now: Date): Promise<Card> {
  const [branch, park] = await Promise.all([db.collection(C.branches).doc(p.branchId).get(), db.collection(C.parks).doc(p.parkId).get()]);
  return {
    name: p.name,
    memberType: p.memberType,
    parkName: (park.data[0] as ParkDoc | undefined)?.name ?? '',
    branchName: (branch.data[0] as BranchDoc | undefined)?.name ?? '',
    joinedPartyOn: p.joinedPartyOn,
    partyYears: p.memberType === 'full' ? partyYears(p.joinedPartyOn, now) : null,
    posts: p.posts,
    responsibilityArea: p.responsibilityArea,
    pledge: null, // filled once pledges (承诺践诺) exist
    volunteerStars: null, // filled once volunteer hours exist
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
