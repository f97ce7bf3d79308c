// Shared by roster import, invites and transfers: loading a branch or person of the caller's park,
// and who manages a branch (its secretary, or a park admin of the same park).
import { ActionError } from '../../_lib/dispatcher';
import { C, db } from '../../_lib/db';
import type { BranchDoc, PersonDoc } from '../../_lib/types';

export type Tx = Awaited<ReturnType<typeof db.startTransaction>>;

/** A document by id; null if missing. (Outside a transaction doc().get() answers a list.) */
export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const { data } = await db.collection(collection).doc(id).get();
  const d = Array.isArray(data) ? data[0] : data;
  return (d as T | undefined) ?? null;
}

/** Inside a transaction doc().get() answers one object or null. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  const { data } = await tx.collection(collection).doc(id).get();
  const d = Array.isArray(data) ? data[0] : data;
  return (d as T | undefined) ?? null;
}

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

/** The branch's own secretary, or a park admin (always of the same park: callers load branches through branchOfPark). */
export function managesBranch(me: PersonDoc, branchId: string): boolean {
  return me.parkAdmin || me.secretaryOf.includes(branchId);
}

export function requireManages(me: PersonDoc, branchId: string, message = '只能管理本支部的人员'): void {
  if (!managesBranch(me, branchId)) throw new ActionError('FORBIDDEN', { message });
}

/** Branch names by id, for replies (ids not found map to a placeholder). */
export async function branchNames(parkId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  if (unique.length) {
    const { data } = await db.collection(C.branches).where({ _id: db.command.in(unique) }).limit(1000).get();
    for (const b of data as BranchDoc[]) if (b.parkId === parkId) out.set(b._id, b.name);
  }
  for (const id of unique) if (!out.has(id)) out.set(id, '（已撤销的支部）');
  return out;
}

export function isDuplicateWrite(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE';
}
