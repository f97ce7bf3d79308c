// Who is calling: the openid from the platform context (never from the event) and, if bound, their
// roster entry and roles.
import type { Role } from '../../shared/contract';
import { C, db, tcb } from './db';
import type { PersonDoc } from './types';

export interface Caller {
  openid: string;
  source: string;
  person: PersonDoc | null;
  roles: Set<Role>;
}

export function rolesOf(p: PersonDoc): Set<Role> {
  const roles = new Set<Role>([p.memberType === 'none' ? 'masses' : 'member']);
  if (p.secretaryOf.length) roles.add('secretary');
  if (p.organizer) roles.add('organizer');
  if (p.parkAdmin) roles.add('parkAdmin');
  return roles;
}

/** The caller's identity, or null when the platform gives no WeChat user (admin or timer calls). */
export async function loadCaller(context: unknown): Promise<Caller | null> {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const openid = ctx.WX_OPENID;
  if (!openid) return null;
  const { data } = await db.collection(C.people).where({ openid }).limit(1).get();
  const person = (data[0] as PersonDoc | undefined) ?? null;
  return { openid, source: ctx.TCB_SOURCE ?? '', person, roles: person ? rolesOf(person) : new Set() };
}
