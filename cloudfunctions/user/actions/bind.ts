// Bind the caller's WeChat to a roster entry with a one-time, expiring invite code. One transaction
// marks the invite used and sets the openid, so a code can never bind twice; the unique openid
// index stops one WeChat account binding two people.
import type { userContract } from '../../../shared/contract/user';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { C, db, runTransaction } from '../../_lib/db';
import type { InviteDoc, PersonDoc } from '../../_lib/types';
import { personSelf } from './self';

export const bind: Handlers<typeof userContract>['bind'] = {
  access: 'public',
  rate: 'bind', // per WeChat user: slows guessing invite codes
  handler: async ({ code }, { caller, now }) => {
    if (caller.person) throw new ActionError('ALREADY_BOUND');
    const { data } = await db.collection(C.invites).where({ code }).limit(1).get();
    const found = data[0] as InviteDoc | undefined;
    if (!found || found.revokedAt) throw new ActionError('INVITE_INVALID');
    if (found.usedAt) throw new ActionError('INVITE_USED');
    if (new Date(found.expiresAt).getTime() <= now.getTime()) throw new ActionError('INVITE_EXPIRED');
    let person: PersonDoc;
    try {
      person = await runTransaction(async (tx) => {
        const invite = (await tx.collection(C.invites).doc(found._id).get()).data as InviteDoc | null;
        const p = (await tx.collection(C.people).doc(found.personId).get()).data as PersonDoc | null;
        if (!invite || invite.usedAt || invite.revokedAt) throw new ActionError('INVITE_USED');
        if (!p) throw new ActionError('INVITE_INVALID', { message: '邀请码对应的人员已不在名册中，请联系支部书记' });
        if (p.openid) throw new ActionError('INVITE_USED', { message: '这个身份已经绑定了其他微信，请联系支部书记' });
        await tx.collection(C.invites).doc(found._id).update({ usedAt: now });
        await tx.collection(C.people).doc(p._id).update({ openid: caller.openid, boundAt: now, updatedAt: now });
        return { ...p, openid: caller.openid };
      });
    } catch (e) {
      if (e instanceof ActionError) throw e;
      if ((e as { code?: string }).code === 'DATABASE_DUPLICATE_WRITE') throw new ActionError('ALREADY_BOUND');
      if ((e as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT') throw new ActionError('CONFLICT');
      throw e;
    }
    return { person: await personSelf(person) };
  },
};
