// The rules every way onto the roster applies — the import, the one-person form and corrections —
// so a spreadsheet and a form can never disagree about what a valid entry is.
import type { MemberType } from '../../../shared/contract';
import { C, _, db } from '../../_lib/db';
import type { PersonDoc } from '../../_lib/types';
import { MAX_READ } from './helpers';

/** The earliest possible 入党日期 (the Party's founding); anything before is a typo. */
export const FOUNDING = '1921-07-01';

export interface RuleProblem {
  field: 'joinedPartyOn' | 'fullMemberOn' | 'posts';
  message: string;
}

/** What the Party rules look at in one roster entry. */
export interface PartyFacts {
  /** Undefined when a spreadsheet cell named no known 类别. */
  memberType: MemberType | undefined;
  joinedPartyOn: string | null;
  /** 转正日期. */
  fullMemberOn: string | null;
  hasPost: boolean;
}

/**
 * 类别, 入党日期, 转正日期 and 岗位 together: masses have no 入党日期 and hold no 党员岗位; members have an
 * 入党日期 that is neither in the future (China calendar day `today`) nor before the founding. Only a
 * full member has a 转正日期, not before their 入党日期 and not in the future; a full member without
 * one is fine (older rosters lack it). An unknown `memberType` (a bad spreadsheet cell) checks the
 * dates alone. At most one problem per field.
 */
export function partyRules(p: PartyFacts, today: string): RuleProblem[] {
  const { memberType, joinedPartyOn, fullMemberOn } = p;
  const out: RuleProblem[] = [];
  const date = (message: string) => out.push({ field: 'joinedPartyOn', message });
  if (memberType === 'none' && joinedPartyOn) date('群众不填入党日期（如已入党，请把类别改为正式党员或预备党员）');
  else if (memberType && memberType !== 'none' && !joinedPartyOn) date('党员请填写入党日期');
  else if (joinedPartyOn && joinedPartyOn > today) date('入党日期不能晚于今天');
  else if (joinedPartyOn && joinedPartyOn < FOUNDING) date('入党日期早于建党日期，请核对');
  const full = (message: string) => out.push({ field: 'fullMemberOn', message });
  if (fullMemberOn) {
    if (memberType === 'none') full('群众没有转正日期，请留空');
    else if (memberType === 'probationary') full('预备党员还没有转正，转正日期请留空（转正后把类别改为正式党员）');
    else if (fullMemberOn > today) full('转正日期不能晚于今天');
    else if (joinedPartyOn && fullMemberOn < joinedPartyOn) full('转正日期不能早于入党日期，请核对');
    else if (fullMemberOn < FOUNDING) full('转正日期早于建党日期，请核对');
  }
  if (p.hasPost && memberType === 'none') out.push({ field: 'posts', message: '党员先锋岗、示范岗只能由党员担任' });
  return out;
}

/** Who already has these phones in the park (the parkId+phone unique index), by phone. */
export async function phoneHolders(parkId: string, phones: string[]): Promise<Map<string, PersonDoc>> {
  if (!phones.length) return new Map();
  const { data } = await db.collection(C.people).where({ parkId, phone: _.in(phones) }).limit(MAX_READ).get();
  return new Map((data as PersonDoc[]).map((p) => [p.phone, p]));
}

/**
 * Why a phone can't be used: the holder is named only when they are in the branch being edited (the
 * secretary knows them); another branch's person stays anonymous.
 */
export function phoneTakenMessage(holder: Pick<PersonDoc, 'name' | 'branchId'>, branchId: string, adding: '导入' | '添加'): string {
  return holder.branchId === branchId
    ? `这个手机号已在本支部名册中（${holder.name}），不用重复${adding}`
    : '这个手机号已登记在园区其他支部；如是调入本支部，请办理组织关系转接';
}
