// The audit log: role changes, imports, transfers and exports. Append-only; written in the same
// transaction as the change it records when there is one.
import { C, db } from './db';
import type { AuditDoc, PersonDoc } from './types';

type Writer = Pick<ReturnType<typeof db.collection>, 'add'>;

export async function audit(
  actor: PersonDoc,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  now: Date,
  into: { collection(name: string): Writer } = db,
): Promise<void> {
  const entry: AuditDoc = { parkId: actor.parkId, at: now, actor: { id: actor._id, name: actor.name }, action, target, detail };
  await into.collection(C.audit).add(entry);
}
