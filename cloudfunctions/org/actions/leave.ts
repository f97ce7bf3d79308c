// Leaving the park (离开园区): people.leave, and a transfer out of the park (transfers.ts) end the same way.
// In one transaction: the roster entry is removed from `people` (its WeChat binding, phone and consent
// with it) and a record without any contact data is kept in `people_left` under the same id, so the
// branch's records (ledger, study progress, attendance, transfers, audit) still name the person; the
// branch's memberCount drops; open invite codes are revoked; phones still written in older audit
// entries about the person are masked; the audit entry of the leaving is added. After it, their
// inbox (messages only they could read), their rate-limit counters and their phone as an activity's
// contact are deleted.
import type { orgContract } from '../../../shared/contract/org';
import { chinaDateString } from '../../../shared/time';
import { audit, auditEntriesAbout, maskPhones } from '../../_lib/audit';
import { C, _, db, runTransaction, type Tx } from '../../_lib/db';
import { RC } from '../../_lib/reminders';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { LeftPersonDoc, PersonDoc } from '../../_lib/types';
import { revokeOpenInvites } from './invites';
import { addMembers, branchOfPark, countsAsMember, invalid, personOfPark, requireManages, txGet } from './helpers';

type H = Handlers<typeof orgContract>;

export type Leaving = LeftPersonDoc['left'];

/** Paths (a.b.c) of the leaves that differ between an object and its masked copy. */
function changedPaths(before: unknown, after: unknown, at: string, out: Record<string, unknown>): void {
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !(before instanceof Date)) {
    for (const k of Object.keys(after)) changedPaths((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], `${at}.${k}`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out[at] = after;
  }
}

/** The person, if the caller may make them leave: their branch's secretary or a park admin, never oneself. */
export async function leavingPerson(me: PersonDoc, personId: string, message: string): Promise<PersonDoc> {
  const person = await personOfPark(me, personId);
  requireManages(me, person.branchId, message);
  if (person._id === me._id) throw new ActionError('FORBIDDEN', { message: '不能为自己办理离开园区，请另一位书记或园区党委办理' });
  return person;
}

/**
 * Inside the caller's transaction: `seen` (as the caller loaded it) leaves the park; a change to the
 * entry since is a CONFLICT. The caller adds its own audit entry (people.leave, or transfers.create) to
 * the same transaction. Returns the entry as committed and how many invite codes were revoked.
 */
export async function leaveInTransaction(tx: Tx, seen: PersonDoc, how: Leaving, now: Date): Promise<{ person: PersonDoc; revokedInvites: number }> {
  // Someone may have moved or removed the person since we looked; then the caller's authority is stale.
  const cur = await txGet<PersonDoc>(tx, C.people, seen._id);
  if (!cur || cur.branchId !== seen.branchId) throw new ActionError('CONFLICT', { message: `${seen.name}的组织关系刚被他人调整，请刷新后再试` });
  const left: Omit<LeftPersonDoc, '_id'> = { parkId: cur.parkId, branchId: cur.branchId, name: cur.name, memberType: cur.memberType, left: how };
  await tx.collection(C.peopleLeft).doc(cur._id).set(left);
  await tx.collection(C.people).doc(cur._id).remove();
  await addMembers(tx, cur.branchId, -countsAsMember(cur.memberType));
  const revokedInvites = await revokeOpenInvites(tx, [cur._id], now);
  // Entries written before phones were masked in the log (people.update before/after).
  for (const e of await auditEntriesAbout(cur.parkId, cur._id)) {
    const paths: Record<string, unknown> = {};
    changedPaths(e.detail, maskPhones(e.detail), 'detail', paths);
    if (Object.keys(paths).length) await tx.collection(C.audit).doc(e._id).update(paths);
  }
  return { person: cur, revokedInvites };
}

/**
 * After the transaction (a retry is harmless; nothing else depends on these): the person's inbox and WeChat
 * reminders (with their consents), their
 * rate-limit counters (keyed by their id, or by their openid from before binding), and their phone where
 * they were the contact of a volunteer activity (the name stays, the number goes).
 */
export async function clearAfterLeaving(person: Pick<PersonDoc, '_id' | 'parkId' | 'phone' | 'openid'>): Promise<void> {
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['inbox', () => db.collection(C.inbox).where({ personId: person._id }).remove()],
    ['WeChat reminders', () => db.collection(RC.outbox).where({ personId: person._id }).remove()],
    ['reminder consents', () => db.collection(RC.subscribers).doc(person._id).remove()],
    ['rate-limit counters', () => db.collection(C.rateLimits).where({ key: _.in([person._id, ...(person.openid ? [`wx:${person.openid}`] : [])]) }).remove()],
    ['activity contacts', () => db.collection(C.volunteerActivities).where({ parkId: person.parkId, 'contact.phone': person.phone }).update({ 'contact.phone': '' })],
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (e) {
      console.error(`${what} of ${person._id} not cleared after leaving:`, e);
    }
  }
}

export const peopleLeave: H['people.leave'] = {
  access: ['secretary', 'parkAdmin'],
  async handler({ personId, reason, leftOn }, { person: me, now }) {
    const person = await leavingPerson(me, personId, '只有本人所在支部的书记或园区党委可以办理离开园区');
    if (leftOn > chinaDateString(now)) throw invalid('leftOn', '离开日期不能晚于今天');
    const branch = await branchOfPark(me, person.branchId);
    const how: Leaving = { kind: 'left', on: leftOn, reason, to: null, at: now, by: { id: me._id, name: me.name } };
    const revokedInvites = await runTransaction(async (tx) => {
      const { revokedInvites } = await leaveInTransaction(tx, person, how, now);
      await audit(me, 'people.leave', person._id, {
        personName: person.name, branchId: branch._id, branchName: branch.name, leftOn, reason,
        ...(revokedInvites ? { revokedInvites } : {}),
      }, now, tx);
      return revokedInvites;
    });
    await clearAfterLeaving(person);
    return { personId: person._id, name: person.name, branch: { id: branch._id, name: branch.name }, leftOn, revokedInvites };
  },
};
