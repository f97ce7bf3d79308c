// Shared pieces of the org actions: ids, field errors, loading a branch / person / enterprise of the
// caller's park, who manages a branch, the person row (with phone masking) and the branch view
// (enterprises, secretaries, counts) built in a fixed number of queries.
// Transactions and the duplicate-write check live in _lib/db (the user function needs them too).
import { randomBytes } from 'node:crypto';
import type { Branch, Enterprise, PersonRow } from '../../../shared/contract/org';
import { rolesOf } from '../../_lib/caller';
import type { MemberType } from '../../../shared/contract';
import { C, _, db, getDoc, type Tx } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { BranchDoc, EnterpriseDoc, PersonDoc } from '../../_lib/types';

/** Enough for every list we read (a park has tens of branches, at most a few hundred enterprises). */
export const MAX_READ = 1000;

/** A 32-hex id like CloudBase's own, chosen up front so a transaction can refer to the new document. */
export const newId = (): string => randomBytes(16).toString('hex');

export function invalid(field: string, message: string): ActionError {
  return new ActionError('INVALID_INPUT', { message: `填写有误：${message}`, fields: { [field]: [message] } });
}

/**
 * An enterprise may carry `coveredBy` (the branch that claimed it). Branch writes set it inside their
 * transaction so two concurrent claims on one enterprise conflict; the truth for reading coverage is
 * still the branches' `enterpriseIds` (seeded data has no `coveredBy`).
 */
export type EnterpriseWithClaim = EnterpriseDoc & { coveredBy?: string | null };

// ---- loading documents of the caller's park ----

export { getDoc, txGet } from '../../_lib/db';

/** A branch of the caller's park. Another park's branch is "not found": we don't confirm it exists. */
export async function branchOfPark(me: PersonDoc, branchId: string, message = '没有找到这个支部'): Promise<BranchDoc> {
  const b = await getDoc<BranchDoc>(C.branches, branchId);
  if (!b || b.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message });
  return b;
}

export async function personOfPark(me: PersonDoc, personId: string): Promise<PersonDoc> {
  const p = await getDoc<PersonDoc>(C.people, personId);
  if (!p || p.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个人员' });
  return p;
}

export async function enterpriseOfPark(me: PersonDoc, enterpriseId: string): Promise<EnterpriseWithClaim> {
  const e = await getDoc<EnterpriseWithClaim>(C.enterprises, enterpriseId);
  if (!e || e.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这家企业' });
  return e;
}

// ---- member counts ----

/** Full and probationary members count towards a branch's memberCount; masses do not. */
export const countsAsMember = (t: MemberType): number => (t === 'none' ? 0 : 1);

/**
 * Inside the transaction that adds, moves or re-types people: keep the branch's stored memberCount
 * (read by the leaderboards, which never scan the roster) in step. updatedAt is left alone, so a
 * concurrent branch edit is not told the branch changed under it.
 */
export async function addMembers(tx: Tx, branchId: string, delta: number): Promise<void> {
  if (delta) await tx.collection(C.branches).doc(branchId).update({ memberCount: _.inc(delta) });
}

// ---- who manages what ----

/** The branch's own secretary, or a park admin (always of the same park: callers load branches through branchOfPark). */
export function managesBranch(me: PersonDoc, branchId: string): boolean {
  return me.parkAdmin || me.secretaryOf.includes(branchId);
}

export function requireManages(me: PersonDoc, branchId: string, message = '只能管理本支部的人员'): void {
  if (!managesBranch(me, branchId)) throw new ActionError('FORBIDDEN', { message });
}

// ---- views ----

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Full phone only for the person themself, the secretary of their branch, or a park admin (same park). */
export function canSeePhone(viewer: PersonDoc, p: PersonDoc): boolean {
  if (viewer.parkId !== p.parkId) return false;
  return viewer._id === p._id || viewer.parkAdmin || viewer.secretaryOf.includes(p.branchId);
}

/** Enterprise names by id (of the park), for person rows; one query, none without ids. */
export async function enterpriseNames(parkId: string, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (!unique.length) return new Map();
  const { data } = await db.collection(C.enterprises).where({ _id: _.in(unique), parkId }).field({ name: true }).limit(MAX_READ).get();
  return new Map((data as Array<{ _id: string; name: string }>).map((e) => [e._id, e.name]));
}

/** `enterprises`: names of the enterprises the rows refer to (enterpriseNames); a row whose enterprise is unknown shows none. */
export function toPersonRow(p: PersonDoc, viewer: PersonDoc, enterprises: Map<string, string> = new Map()): PersonRow {
  const full = canSeePhone(viewer, p);
  const ent = p.enterpriseId ? enterprises.get(p.enterpriseId) : undefined;
  return {
    id: p._id,
    name: p.name,
    memberType: p.memberType,
    branchId: p.branchId,
    groupId: p.groupId ?? null,
    phone: full ? p.phone : maskPhone(p.phone),
    phoneMasked: !full,
    joinedPartyOn: p.joinedPartyOn ?? null,
    fullMemberOn: p.fullMemberOn ?? null,
    posts: p.posts ?? [],
    responsibilityArea: p.responsibilityArea ?? null,
    roles: [...rolesOf(p)],
    bound: Boolean(p.openid),
    enterprise: p.enterpriseId && ent ? { id: p.enterpriseId, name: ent } : null,
  };
}

/** One enterprise as listed, with the branch covering it (read from the branches' own lists, the source of truth). */
export async function enterpriseView(e: EnterpriseDoc): Promise<Enterprise> {
  const { data } = await db.collection(C.branches).where({ enterpriseIds: e._id }).field({ name: true, parkId: true }).limit(MAX_READ).get();
  const b = (data as Array<{ _id: string; name: string; parkId: string }>).find((x) => x.parkId === e.parkId);
  return { id: e._id, name: e.name, industry: e.industry ?? null, employees: e.employees ?? null, branch: b ? { id: b._id, name: b.name } : null };
}

/** Branch names by id, for replies (ids not found map to a placeholder). */
export async function branchNames(parkId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  if (unique.length) {
    const { data } = await db.collection(C.branches).where({ _id: _.in(unique) }).limit(MAX_READ).get();
    for (const b of data as BranchDoc[]) if (b.parkId === parkId) out.set(b._id, b.name);
  }
  for (const id of unique) if (!out.has(id)) out.set(id, '（已撤销的支部）');
  return out;
}

/**
 * The public view of branches of one park: 3 queries however many branches (enterprise names by id,
 * secretaries through the parkId+secretaryOf index, one aggregate for the head counts).
 */
export async function branchViews(parkId: string, branches: BranchDoc[]): Promise<Branch[]> {
  if (!branches.length) return [];
  const branchIds = branches.map((b) => b._id);
  const entIds = [...new Set(branches.flatMap((b) => b.enterpriseIds))];
  const [ents, secs, counts] = await Promise.all([
    entIds.length
      ? db.collection(C.enterprises).where({ _id: _.in(entIds), parkId }).field({ name: true }).limit(MAX_READ).get()
      : Promise.resolve({ data: [] as unknown[] }),
    db.collection(C.people).where({ parkId, secretaryOf: _.in(branchIds) }).field({ name: true, secretaryOf: true }).limit(MAX_READ).get(),
    db.collection(C.people).aggregate()
      .match({ parkId, branchId: _.in(branchIds) })
      .group({ _id: { b: '$branchId', t: '$memberType' }, n: { $sum: 1 } })
      .limit(MAX_READ)
      .end(),
  ]);
  const entName = new Map((ents.data as Array<{ _id: string; name: string }>).map((e) => [e._id, e.name]));
  const people = new Map<string, number>();
  const members = new Map<string, number>();
  for (const row of (counts as { data: Array<{ _id: { b: string; t: string }; n: number }> }).data) {
    people.set(row._id.b, (people.get(row._id.b) ?? 0) + row.n);
    if (row._id.t !== 'none') members.set(row._id.b, (members.get(row._id.b) ?? 0) + row.n);
  }
  const secList = (secs.data as Array<{ _id: string; name: string; secretaryOf: string[] }>).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return branches.map((b) => ({
    id: b._id,
    name: b.name,
    kind: b.kind,
    enterprises: b.enterpriseIds.filter((id) => entName.has(id)).map((id) => ({ id, name: entName.get(id)! })),
    groups: b.groups ?? [],
    secretaries: secList.filter((s) => s.secretaryOf.includes(b._id)).map((s) => ({ id: s._id, name: s.name })),
    memberCount: members.get(b._id) ?? 0,
    peopleCount: people.get(b._id) ?? 0,
  }));
}
