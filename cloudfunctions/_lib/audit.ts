// The audit log: role changes, imports, people edits, invites, transfers, people leaving the park and
// exports. Append-only; written in the same transaction as the change it records when there is one.
// A phone number is never written whole (the privacy notice says so): any value that is exactly a
// mobile number is masked (138****0001), whatever the action put it in.
import { C, db, readAll } from './db';
import type { AuditDoc, PersonDoc } from './types';

/** The database or a transaction (both can add a document). */
type Writer = { collection(name: string): { add(data: object): Promise<unknown> } };

const PHONE = /^1[3-9]\d{9}$/;

/** `value` with every string that is a whole mobile number masked, at any depth. */
export function maskPhones<T>(value: T): T {
  if (typeof value === 'string') return (PHONE.test(value) ? `${value.slice(0, 3)}****${value.slice(-4)}` : value) as T;
  if (Array.isArray(value)) return value.map(maskPhones) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPhones(v)])) as T;
  }
  return value;
}

export async function audit(
  actor: PersonDoc,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  now: Date,
  into: Writer = db,
): Promise<void> {
  const entry: AuditDoc = { parkId: actor.parkId, at: now, actor: { id: actor._id, name: actor.name }, action, target, detail: maskPhones(detail) };
  await into.collection(C.audit).add(entry);
}

/**
 * Every entry about one person of a park: the person as the target (transfers, point corrections,
 * leaving), in detail.personId (people edits, role changes, added by hand) or in detail.personIds
 * (invite codes). Three indexed reads, each complete.
 */
export async function auditEntriesAbout(parkId: string, personId: string): Promise<Array<AuditDoc & { _id: string }>> {
  const fields = { at: true, actor: true, action: true, target: true, detail: true, parkId: true };
  const found = await Promise.all(
    [{ target: personId }, { 'detail.personId': personId }, { 'detail.personIds': personId }].map((where) =>
      readAll<AuditDoc & { _id: string }>(C.audit, where, fields),
    ),
  );
  const out = new Map<string, AuditDoc & { _id: string }>();
  for (const e of found.flat()) if (e.parkId === parkId) out.set(e._id, e);
  return [...out.values()].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
}
