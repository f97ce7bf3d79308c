// Invite codes: one-time, expiring codes a secretary hands to a person so they can bind their WeChat
// to their roster entry (the `user` function's bind action redeems them; see InviteDoc).
//
// A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn with
// crypto.randomInt: 31^8 ≈ 8.5e11 codes, and only a handful are open at a time, so guessing is
// hopeless (bind is also rate-limited by needing a WeChat identity). The `invites` collection has a
// unique index on code; a collision fails the transaction and we draw again.
import { randomInt } from 'node:crypto';
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { C, _, db, isDuplicateWrite, runTransaction, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { InviteDoc, PersonDoc } from '../../_lib/types';
import { MAX_READ, branchOfPark, requireManages, txGet } from './helpers';

type H = Handlers<typeof orgContract>;

export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function newInviteCode(): string {
  let s = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) s += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return s;
}

const names = (people: PersonDoc[]) => people.map((p) => p.name).join('、');

/** Revoke open invites of these people (also expired-but-unused ones, so nothing stale stays redeemable). */
export async function revokeOpenInvites(tx: Tx, personIds: string[], now: Date): Promise<number> {
  // Read outside the transaction's snapshot on purpose: on a conflict retry we must see invites committed meanwhile.
  const { data } = await db.collection(C.invites).where({ personId: _.in(personIds), usedAt: null, revokedAt: null }).limit(MAX_READ).get();
  for (const inv of data as InviteDoc[]) await tx.collection(C.invites).doc(inv._id).update({ revokedAt: now });
  return data.length;
}

async function createInvites(me: PersonDoc, personIds: string[], now: Date): Promise<Array<{ person: PersonDoc; code: string }>> {
  return runTransaction(async (tx) => {
    // Every check runs inside the transaction, so a retry after a conflict checks again.
    const people: PersonDoc[] = [];
    const missing: string[] = [];
    for (const id of personIds) {
      const p = await txGet<PersonDoc>(tx, C.people, id);
      if (!p || p.parkId !== me.parkId) missing.push(id);
      else people.push(p);
    }
    if (missing.length) throw new ActionError('NOT_FOUND', { message: `有 ${missing.length} 人不在名册中，可能已被删除`, detail: { personIds: missing } });
    const others = people.filter((p) => !me.parkAdmin && !me.secretaryOf.includes(p.branchId));
    if (others.length) throw new ActionError('FORBIDDEN', { message: `只能给本支部的人员生成邀请码：${names(others)}不在您的支部` });
    const bound = people.filter((p) => p.openid);
    if (bound.length) {
      throw new ActionError('INVALID_INPUT', {
        message: `${names(bound)}已经绑定微信，不需要邀请码`,
        fields: { personIds: bound.map((p) => `${p.name}已绑定`) },
        detail: { personIds: bound.map((p) => p._id) },
      });
    }
    await revokeOpenInvites(tx, personIds, now);
    const codes = new Set<string>();
    const out: Array<{ person: PersonDoc; code: string }> = [];
    for (const p of people) {
      let code = newInviteCode();
      while (codes.has(code)) code = newInviteCode();
      codes.add(code);
      const doc: Omit<InviteDoc, '_id'> = {
        code, personId: p._id, parkId: p.parkId, branchId: p.branchId, createdBy: me._id,
        createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS), usedAt: null, revokedAt: null,
      };
      await tx.collection(C.invites).add(doc);
      // Writing the person makes a concurrent invite, bind or transfer of the same person conflict, so
      // one of them re-runs its checks: at most one open code per person, never a code for a bound one.
      await tx.collection(C.people).doc(p._id).update({ updatedAt: now });
      out.push({ person: p, code });
    }
    const branchIds = [...new Set(people.map((p) => p.branchId))];
    // Never the codes: the audit log is readable by admins who must not be able to bind as someone else.
    await audit(me, 'invites.create', branchIds.join(','), { count: people.length, personIds }, now, tx);
    return out;
  });
}

export const invitesCreate: H['invites.create'] = {
  access: ['secretary', 'parkAdmin'],
  async handler(input, { person: me, now }) {
    const personIds = [...new Set(input.personIds)];
    let made: Array<{ person: PersonDoc; code: string }> | undefined;
    // A code that collides with an existing one (unique index) fails the whole transaction: draw again.
    for (let attempt = 0; !made; attempt++) {
      try {
        made = await createInvites(me, personIds, now);
      } catch (e) {
        if (!isDuplicateWrite(e) || attempt >= 2) throw e;
      }
    }
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS).toISOString();
    return { invites: made.map(({ person, code }) => ({ personId: person._id, name: person.name, code, expiresAt })) };
  },
};

export const invitesList: H['invites.list'] = {
  access: ['secretary', 'parkAdmin'],
  async handler(input, { person: me, now }) {
    const branch = await branchOfPark(me, input.branchId);
    requireManages(me, branch._id, '只能查看本支部的邀请码');
    const { data } = await db
      .collection(C.invites)
      .where({ branchId: branch._id, expiresAt: _.gt(now), usedAt: null, revokedAt: null })
      .orderBy('expiresAt', 'desc')
      .limit(MAX_READ)
      .get();
    const invites = data as InviteDoc[];
    const ids = [...new Set(invites.map((i) => i.personId))];
    const people = new Map<string, PersonDoc>();
    for (let i = 0; i < ids.length; i += 500) {
      const { data: ps } = await db.collection(C.people).where({ _id: _.in(ids.slice(i, i + 500)) }).limit(MAX_READ).get();
      for (const p of ps as PersonDoc[]) people.set(p._id, p);
    }
    return {
      invites: invites
        // A person who bound or moved since is not waiting for this code any more.
        .filter((i) => { const p = people.get(i.personId); return p && !p.openid && p.branchId === branch._id; })
        .map((i) => ({ personId: i.personId, name: people.get(i.personId)!.name, code: i.code, expiresAt: new Date(i.expiresAt).toISOString() })),
    };
  },
};
