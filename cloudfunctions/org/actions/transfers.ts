// 组织关系转接: moving a person to another branch of the same park, or out of the park (to a Party
// organisation elsewhere: the person then leaves the park, leave.ts), with an append-only history.
// The person's move, the history entry, the revocation of their open invite codes and the audit entry
// are one transaction: either the transfer happened completely or not at all.
import type { orgContract } from '../../../shared/contract/org';
import { chinaDateString, iso } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, db, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc, TransferDoc } from '../../_lib/types';
import { revokeOpenInvites } from './invites';
import { addMembers, branchNames, branchOfPark, countsAsMember, personOfPark, requireManages, txGet } from './helpers';
import { clearAfterLeaving, leaveInTransaction, leavingPerson } from './leave';

type H = Handlers<typeof orgContract>;

/** How many transfers a list returns (newest first); a branch sees far fewer in practice. */
const LIST_LIMIT = 200;

function view(t: TransferDoc, names: Map<string, string>) {
  return {
    id: t._id,
    personId: t.personId,
    personName: t.personName,
    fromBranch: { id: t.fromBranchId, name: names.get(t.fromBranchId)! },
    toBranch: t.toBranchId ? { id: t.toBranchId, name: names.get(t.toBranchId)! } : null,
    toOrganization: t.toOrganization ?? null,
    reason: t.reason,
    at: iso(t.at),
    by: t.by,
  };
}

/** Out of the park: the history entry, then the person leaves (leave.ts), all in one transaction. */
async function transferOut(me: PersonDoc, input: { personId: string; toOrganization: string; reason: string }, now: Date) {
  const person = await leavingPerson(me, input.personId, '只有本人所在支部的书记或园区党委可以办理转接');
  const from = person.branchId;
  const doc: Omit<TransferDoc, '_id'> = {
    parkId: me.parkId, personId: person._id, personName: person.name, fromBranchId: from, toBranchId: null, toOrganization: input.toOrganization,
    reason: input.reason, by: { id: me._id, name: me.name }, at: now,
  };
  const id = await runTransaction(async (tx) => {
    const how = { kind: 'transferredOut' as const, on: chinaDateString(now), reason: input.reason, to: input.toOrganization, at: now, by: doc.by };
    const { revokedInvites } = await leaveInTransaction(tx, person, how, now);
    const added = await tx.collection(C.transfers).add(doc);
    await audit(me, 'transfers.create', person._id, {
      personName: person.name, fromBranchId: from, toBranchId: null, toOrganization: input.toOrganization, reason: input.reason, leftPark: true,
      ...(revokedInvites ? { revokedInvites } : {}),
    }, now, tx);
    return added.id as string;
  });
  await clearAfterLeaving(person);
  return { transfer: view({ _id: id, ...doc }, await branchNames(me.parkId, [from])) };
}

export const transfersCreate: H['transfers.create'] = {
  access: ['secretary', 'parkAdmin'],
  async handler(input, { person: me, now }) {
    if ((input.toBranchId === undefined) === (input.toOrganization === undefined)) {
      const why = '请选择转入的支部，或填写园区外转入的组织（只选一个）';
      throw new ActionError('INVALID_INPUT', { message: `填写有误：${why}`, fields: { toBranchId: [why], toOrganization: [why] } });
    }
    if (input.toOrganization !== undefined) return transferOut(me, { personId: input.personId, toOrganization: input.toOrganization, reason: input.reason }, now);
    const person = await personOfPark(me, input.personId);
    requireManages(me, person.branchId, '只有本人所在支部的书记或园区党委可以办理转接');
    const to = await branchOfPark(me, input.toBranchId!, '没有找到要转入的支部');
    if (to._id === person.branchId) {
      throw new ActionError('INVALID_INPUT', { message: `${person.name}已在${to.name}，不需要转接`, fields: { toBranchId: ['已在这个支部'] } });
    }
    const from = person.branchId;
    const doc: Omit<TransferDoc, '_id'> = {
      parkId: me.parkId, personId: person._id, personName: person.name, fromBranchId: from, toBranchId: to._id,
      reason: input.reason, by: { id: me._id, name: me.name }, at: now,
    };
    const id = await runTransaction(async (tx) => {
      // Someone may have moved the person since we looked; then the caller's authority is stale.
      const current = await txGet<PersonDoc>(tx, C.people, person._id);
      if (!current || current.branchId !== from) throw new ActionError('CONFLICT', { message: `${person.name}的组织关系刚被他人调整，请刷新后再试` });
      const droppedSecretaryOf = current.secretaryOf.includes(from);
      await tx.collection(C.people).doc(person._id).update({
        branchId: to._id,
        // Party groups belong to the old branch, and so does being its secretary (and the enterprise, one of its own).
        groupId: null,
        enterpriseId: null,
        secretaryOf: current.secretaryOf.filter((b) => b !== from),
        updatedAt: now,
      });
      const member = countsAsMember(current.memberType);
      await addMembers(tx, from, -member);
      await addMembers(tx, to._id, member);
      // A code handed out by the old branch shouldn't bind someone the new branch hasn't met.
      const revoked = await revokeOpenInvites(tx, [person._id], now);
      const added = await tx.collection(C.transfers).add(doc);
      await audit(me, 'transfers.create', person._id, {
        personName: person.name, fromBranchId: from, toBranchId: to._id, reason: input.reason,
        ...(droppedSecretaryOf ? { droppedSecretaryOf: from } : {}), ...(revoked ? { revokedInvites: revoked } : {}),
      }, now, tx);
      return added.id as string;
    });
    const names = await branchNames(me.parkId, [from, to._id]);
    return { transfer: view({ _id: id, ...doc }, names) };
  },
};

export const transfersList: H['transfers.list'] = {
  access: ['secretary', 'parkAdmin'],
  async handler(input, { person: me }) {
    if ((input.personId === undefined) === (input.branchId === undefined)) {
      const why = '请指定要查看的人员或支部（只选一个）';
      throw new ActionError('INVALID_INPUT', { message: `填写有误：${why}`, fields: { personId: [why], branchId: [why] } });
    }
    let list: TransferDoc[];
    if (input.personId) {
      const person = await personOfPark(me, input.personId);
      const { data } = await db.collection(C.transfers).where({ personId: person._id }).orderBy('at', 'desc').limit(LIST_LIMIT).get();
      list = data as TransferDoc[];
      // The person's secretary now, or of any branch they were in before.
      const branches = new Set([person.branchId, ...list.flatMap((t) => [t.fromBranchId, t.toBranchId])].filter((b): b is string => b !== null));
      if (!me.parkAdmin && !me.secretaryOf.some((b) => branches.has(b))) {
        throw new ActionError('FORBIDDEN', { message: '只能查看本支部人员的转接记录' });
      }
    } else {
      const branch = await branchOfPark(me, input.branchId!);
      requireManages(me, branch._id, '只能查看本支部的转接记录');
      const q = (field: 'fromBranchId' | 'toBranchId') =>
        db.collection(C.transfers).where({ [field]: branch._id }).orderBy('at', 'desc').limit(LIST_LIMIT).get();
      const [out, into] = await Promise.all([q('fromBranchId'), q('toBranchId')]);
      list = [...(out.data as TransferDoc[]), ...(into.data as TransferDoc[])]
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || (a._id < b._id ? 1 : -1))
        .slice(0, LIST_LIMIT);
    }
    const names = await branchNames(me.parkId, list.flatMap((t) => [t.fromBranchId, ...(t.toBranchId ? [t.toBranchId] : [])]));
    return { transfers: list.map((t) => view(t, names)) };
  },
};
