// Bind the caller's WeChat to a roster entry with a one-time, expiring invite code, only with the
// person's agreement to the current privacy notice (shared/privacy.ts): without it nothing is read or
// written. One transaction marks the invite used and sets the openid with the agreement (version and
// time), so a code can never bind twice; the unique openid index stops one WeChat account binding two people.
import type { userContract } from '../../../shared/contract/user';
import { PRIVACY_VERSION } from '../../../shared/privacy';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { C, db, runTransaction } from '../../_lib/db';
import type { InviteDoc, PersonDoc } from '../../_lib/types';
import { personSelf } from './self';

export const bind: Handlers<typeof userContract>['bind'] = {
  access: 'public',
  rate: 'bind', // per WeChat user: slows guessing invite codes
  handler: async ({ code, consent }, { caller, now }) => {
    if (caller.person) throw new ActionError('ALREADY_BOUND');
    if (consent.version !== PRIVACY_VERSION) {
      // The page showed an older notice (an old version of the app): they must read the current one.
      const why = '个人信息保护说明已更新，请重新阅读并同意后再绑定';
      throw new ActionError('INVALID_INPUT', { message: why, fields: { consent: [why] } });
    }
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
        const privacyConsent = { version: consent.version, at: now };
        await tx.collection(C.people).doc(p._id).update({ openid: caller.openid, boundAt: now, privacyConsent, updatedAt: now });
        return { ...p, openid: caller.openid, privacyConsent };
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
