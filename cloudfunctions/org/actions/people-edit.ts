// people.create (one roster row by hand) and people.update (corrections: posts and 责任区 shown on the
// card, 转正 and its date, phone, group). The branch's own secretary or a park admin; the same rules as the
// roster import (person-rules.ts); phones stay unique per park (the parkId+phone unique index).
import type { orgContract } from '../../../shared/contract/org';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, isDuplicateWrite, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { addMembers, branchOfPark, countsAsMember, enterpriseNames, getDoc, invalid, newId, personOfPark, requireManages, toPersonRow, txGet } from './helpers';
import { partyRules, phoneHolders, phoneTakenMessage } from './person-rules';

type H = Handlers<typeof orgContract>;
type Groups = BranchDoc['groups'];
type BranchFacts = Pick<BranchDoc, 'groups' | 'enterpriseIds'>;

const EDITABLE = ['name', 'phone', 'memberType', 'joinedPartyOn', 'fullMemberOn', 'groupId', 'posts', 'responsibilityArea', 'enterpriseId'] as const;
type Editable = Pick<PersonDoc, (typeof EDITABLE)[number]>;

/** The first rule the entry breaks, as a field error (the form shows it next to the field). */
function checkParty(p: Pick<Editable, 'memberType' | 'joinedPartyOn' | 'fullMemberOn' | 'posts'>, today: string): void {
  const facts = { memberType: p.memberType, joinedPartyOn: p.joinedPartyOn, fullMemberOn: p.fullMemberOn ?? null, hasPost: p.posts.length > 0 };
  const [problem] = partyRules(facts, today);
  if (problem) throw invalid(problem.field, problem.message);
}

function checkGroup(groupId: string | null, groups: Groups): void {
  if (groupId !== null && !groups.some((g) => g.id === groupId)) throw invalid('groupId', '本支部没有这个党小组，请重新选择');
}

/** 所在企业: one of the enterprises the branch covers (a person moved to another branch keeps none). */
function checkEnterprise(enterpriseId: string | null | undefined, enterpriseIds: string[]): void {
  if (enterpriseId && !enterpriseIds.includes(enterpriseId)) throw invalid('enterpriseId', '这家企业不在本支部覆盖的企业中，请重新选择');
}

/** The phone is free in the park, or held by `self`. Checked before writing so the message can say by whom. */
async function checkPhone(parkId: string, phone: string, branchId: string, self: string | null): Promise<void> {
  const holder = (await phoneHolders(parkId, [phone])).get(phone);
  if (holder && holder._id !== self) throw invalid('phone', phoneTakenMessage(holder, branchId, '添加'));
}

/** Two writers raced for one phone: the unique index let only one through. */
const phoneRace = () => invalid('phone', '这个手机号刚被登记到园区名册中，请核对');

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The 转正日期 a change of 类别 implies when the request gives none: 转正 (probationary → full) is
 * today; becoming probationary or masses clears it. Undefined when nothing is implied (masses made
 * full members directly is a correction of the roster, not a 转正: the date stays unknown).
 */
function impliedFullMemberOn(cur: PersonDoc, input: Partial<Editable>, today: string): string | null | undefined {
  if (input.fullMemberOn !== undefined || input.memberType === undefined || input.memberType === cur.memberType) return undefined;
  if (input.memberType !== 'full') return null;
  return cur.memberType === 'probationary' ? today : undefined;
}

/**
 * What an update changes, checked against the entry as it is: only fields that differ count; the
 * rules run only when a field they concern changes (an old entry that predates a rule stays editable).
 */
function changesOf(cur: PersonDoc, input: Partial<Editable>, branch: BranchFacts, today: string) {
  const implied = impliedFullMemberOn(cur, input, today);
  const wanted: Partial<Editable> = implied === undefined ? input : { ...input, fullMemberOn: implied };
  const before: Partial<Editable> = {};
  const after: Partial<Editable> = {};
  for (const k of EDITABLE) {
    if (wanted[k] === undefined) continue;
    const was = k === 'posts' ? cur.posts ?? [] : cur[k] ?? null;
    const now = k === 'responsibilityArea' ? wanted[k] || null : wanted[k];
    if (same(now, was)) continue;
    Object.assign(before, { [k]: was });
    Object.assign(after, { [k]: now });
  }
  const next = { ...cur, ...after };
  if ('memberType' in after) {
    // 转正 is one-way: a full member is never made probationary again (出党 etc. is not a correction).
    if (cur.memberType === 'full' && next.memberType === 'probationary') throw invalid('memberType', '正式党员不能改为预备党员');
    // 支部书记 must be a full Party member (as roles.set requires).
    if (cur.secretaryOf.length && next.memberType !== 'full') throw invalid('memberType', '支部书记须为正式党员，请先在角色设置中取消其书记职务');
  }
  if ('memberType' in after || 'joinedPartyOn' in after || 'fullMemberOn' in after || 'posts' in after) checkParty(next, today);
  if ('groupId' in after) checkGroup(next.groupId, branch.groups);
  if ('enterpriseId' in after) checkEnterprise(next.enterpriseId, branch.enterpriseIds);
  return { before, after };
}

export const peopleCreate: H['people.create'] = {
  access: ['secretary', 'parkAdmin'],
  async handler({ branchId, post, ...input }, { person: me, now }) {
    const branch = await branchOfPark(me, branchId);
    requireManages(me, branch._id, '只能为本支部添加人员');
    const posts = post ? [post] : [];
    checkParty({ memberType: input.memberType, joinedPartyOn: input.joinedPartyOn, fullMemberOn: input.fullMemberOn, posts }, chinaDateString(now));
    checkGroup(input.groupId, branch.groups);
    await checkPhone(me.parkId, input.phone, branch._id, null);
    const doc: PersonDoc = {
      _id: newId(), parkId: me.parkId, branchId: branch._id, groupId: input.groupId, name: input.name, phone: input.phone,
      memberType: input.memberType, joinedPartyOn: input.joinedPartyOn, fullMemberOn: input.fullMemberOn, posts, responsibilityArea: input.responsibilityArea || null,
      secretaryOf: [], organizer: false, parkAdmin: false, createdAt: now, updatedAt: now,
    };
    try {
      await runTransaction(async (tx) => {
        await tx.collection(C.people).add(doc);
        await addMembers(tx, branch._id, countsAsMember(doc.memberType));
        await audit(me, 'people.create', doc.name, { personId: doc._id, branchId: branch._id, branchName: branch.name, memberType: doc.memberType }, now, tx);
      });
    } catch (e) {
      if (isDuplicateWrite(e)) throw phoneRace();
      throw e;
    }
    return { person: toPersonRow(doc, me) };
  },
};

export const peopleUpdate: H['people.update'] = {
  access: ['secretary', 'parkAdmin'],
  async handler({ personId, ...input }, { person: me, now }) {
    const seen = await personOfPark(me, personId);
    requireManages(me, seen.branchId, '只能修改本支部人员的信息');
    const b = input.groupId || input.enterpriseId ? await getDoc<BranchDoc>(C.branches, seen.branchId) : null;
    const branch: BranchFacts = { groups: b?.groups ?? [], enterpriseIds: b?.enterpriseIds ?? [] };
    const today = chinaDateString(now);
    const row = async (p: PersonDoc) => toPersonRow(p, me, await enterpriseNames(me.parkId, [p.enterpriseId]));
    // Checked up front for a clear message (and no transaction when nothing changes)…
    const planned = changesOf(seen, input, branch, today);
    if (!Object.keys(planned.after).length) return { person: await row(seen) };
    if (planned.after.phone) await checkPhone(me.parkId, planned.after.phone, seen.branchId, seen._id);
    let updated: PersonDoc;
    try {
      updated = await runTransaction(async (tx) => {
        // …and again on the entry as committed: a transfer since means the caller's authority is stale.
        const cur = await txGet<PersonDoc>(tx, C.people, personId);
        if (!cur || cur.branchId !== seen.branchId) throw new ActionError('CONFLICT', { message: `${seen.name}的组织关系刚被他人调整，请刷新后再试` });
        const { before, after } = changesOf(cur, input, branch, today);
        if (!Object.keys(after).length) return cur;
        await tx.collection(C.people).doc(personId).update({ ...after, updatedAt: now });
        if (after.memberType) await addMembers(tx, cur.branchId, countsAsMember(after.memberType) - countsAsMember(cur.memberType));
        await audit(me, 'people.update', after.name ?? cur.name, { personId, before, after }, now, tx);
        return { ...cur, ...after, updatedAt: now };
      });
    } catch (e) {
      if (isDuplicateWrite(e)) throw phoneRace();
      throw e;
    }
    return { person: await row(updated) };
  },
};
