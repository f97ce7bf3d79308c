// The audit log: role changes, imports, transfers and exports. Append-only; written in the same
// transaction as the change it records when there is one.
import { C, db } from './db';
import type { AuditDoc, PersonDoc } from './types';

/** The database or a transaction (both can add a document). */
type Writer = { collection(name: string): { add(data: object): Promise<unknown> } };

export async function audit(
  actor: PersonDoc,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  now: Date,
  into: Writer = db,
): Promise<void> {
  const entry: AuditDoc = { parkId: actor.parkId, at: now, actor: { id: actor._id, name: actor.name }, action, target, detail };
  await into.collection(C.audit).add(entry);
}
