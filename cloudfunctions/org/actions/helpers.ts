// Shared pieces of the org actions: ids, transactions, field errors, the person row (with phone
// masking) and the branch view (enterprises, secretaries, counts) built in a fixed number of queries.
import { randomBytes } from 'node:crypto';
import type { Branch, PersonRow } from '../../../shared/contract/org';
import { rolesOf } from '../../_lib/caller';
import { C, _, db } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { BranchDoc, EnterpriseDoc, PersonDoc } from '../../_lib/types';

/** Enough for every list we read (a park has tens of branches, at most a few hundred enterprises). */
export const MAX_READ = 1000;

/** A 32-hex id like CloudBase's own, chosen up front so a transaction can refer to the new document. */
export const newId = (): string => randomBytes(16).toString('hex');

type Collection = ReturnType<typeof db.collection>;
export interface Tx {
  collection(name: string): Collection;
}

/** All-or-nothing: the SDK retries on a write conflict and aborts on any thrown error. */
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.runTransaction(fn) as Promise<T>;
}

/** A unique index said no (at insert, or at commit for a transaction). */
export const isDuplicate = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE';

export function invalid(field: string, message: string): ActionError {
  return new ActionError('INVALID_INPUT', { message: `填写有误：${message}`, fields: { [field]: [message] } });
}

/**
 * An enterprise may carry `coveredBy` (the branch that claimed it). Branch writes set it inside their
 * transaction so two concurrent claims on one enterprise conflict; the truth for reading coverage is
 * still the branches' `enterpriseIds` (seeded data has no `coveredBy`).
 */
export type EnterpriseWithClaim = EnterpriseDoc & { coveredBy?: string | null };

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Full phone only for the person themself, the secretary of their branch, or a park admin (same park). */
export function canSeePhone(viewer: PersonDoc, p: PersonDoc): boolean {
  if (viewer.parkId !== p.parkId) return false;
  return viewer._id === p._id || viewer.parkAdmin || viewer.secretaryOf.includes(p.branchId);
}

export function toPersonRow(p: PersonDoc, viewer: PersonDoc): PersonRow {
  const full = canSeePhone(viewer, p);
  return {
    id: p._id,
    name: p.name,
    memberType: p.memberType,
    branchId: p.branchId,
    groupId: p.groupId ?? null,
    phone: full ? p.phone : maskPhone(p.phone),
    phoneMasked: !full,
    joinedPartyOn: p.joinedPartyOn ?? null,
    posts: p.posts ?? [],
    responsibilityArea: p.responsibilityArea ?? null,
    roles: [...rolesOf(p)],
    bound: Boolean(p.openid),
  };
}

/** A branch of the caller's park, or NOT_FOUND (another park's branch looks exactly like a missing one). */
export async function branchInPark(branchId: string, parkId: string): Promise<BranchDoc> {
  const { data } = await db.collection(C.branches).doc(branchId).get();
  const b = data[0] as BranchDoc | undefined;
  if (!b || b.parkId !== parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个支部' });
  return b;
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
