// The rules every way onto the roster applies — the import, the one-person form and corrections —
// so a spreadsheet and a form can never disagree about what a valid entry is.
import type { MemberType } from '../../../shared/contract';
import { C, _, db } from '../../_lib/db';
import type { PersonDoc } from '../../_lib/types';
import { MAX_READ } from './helpers';

/** The earliest possible 入党日期 (the Party's founding); anything before is a typo. */
export const FOUNDING = '1921-07-01';

export interface RuleProblem {
  field: 'joinedPartyOn' | 'posts';
  message: string;
}

/**
 * 类别, 入党日期 and 岗位 together: masses have no 入党日期 and hold no 党员岗位; members have an 入党日期
 * that is neither in the future (China calendar day `today`) nor before the founding. An unknown
 * `memberType` (a bad spreadsheet cell) checks the date alone. At most one problem per field.
 */
export function partyRules(memberType: MemberType | undefined, joinedPartyOn: string | null, hasPost: boolean, today: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  const date = (message: string) => out.push({ field: 'joinedPartyOn', message });
  if (memberType === 'none' && joinedPartyOn) date('群众不填入党日期（如已入党，请把类别改为正式党员或预备党员）');
  else if (memberType && memberType !== 'none' && !joinedPartyOn) date('党员请填写入党日期');
  else if (joinedPartyOn && joinedPartyOn > today) date('入党日期不能晚于今天');
  else if (joinedPartyOn && joinedPartyOn < FOUNDING) date('入党日期早于建党日期，请核对');
  if (hasPost && memberType === 'none') out.push({ field: 'posts', message: '党员先锋岗、示范岗只能由党员担任' });
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
