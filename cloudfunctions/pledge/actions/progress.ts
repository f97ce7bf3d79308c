// The member's side of an approved item: progress notes, the claim that it is kept, asking to withdraw it.
// Photos as evidence go through the `files` function (record kind 'pledge'). For a branch item, its
// responsible person (or the secretary) acts.
import type { pledgeContract } from '../../../shared/contract/pledge';
import { C, _, runTransaction, txGet } from '../../_lib/db';
import { type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import type { PledgeDoc } from '../types';
import { actsFor, checkTexts, notFound, pledgeFor, view, wrongState } from './helpers';
import { branchName } from './items';

type H = Handlers<typeof pledgeContract>;

async function mineToAct(me: PersonDoc, id: string): Promise<PledgeDoc> {
  const p = await pledgeFor(me, id);
  if (!actsFor(me, p)) throw notFound();
  return p;
}

async function change(id: string, from: PledgeDoc['status'][], message: string, fn: (p: PledgeDoc) => Record<string, unknown>): Promise<PledgeDoc> {
  return runTransaction(async (tx) => {
    const cur = await txGet<PledgeDoc>(tx, C.pledges, id);
    if (!cur || !from.includes(cur.status)) throw wrongState(message);
    const upd = fn(cur);
    await tx.collection(C.pledges).doc(id).update(upd);
    const after = await txGet<PledgeDoc>(tx, C.pledges, id);
    return after ?? cur;
  });
}

export const progressHandlers: Pick<H, 'progress.add' | 'claim' | 'withdraw.request'> = {
  'progress.add': {
    access: 'bound',
    rate: 'content',
    handler: async ({ pledgeId, text }, { person: me, caller, now }) => {
      await mineToAct(me, pledgeId);
      const { held } = await checkTexts(caller, [text], now);
      const p = await change(pledgeId, ['approved', 'claimed'], '只有践诺中的承诺可以记录进展', () => ({ progress: _.push({ at: now, text, by: me.name, held }), updatedAt: now }));
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },

  claim: {
    access: 'bound',
    rate: 'content',
    handler: async ({ pledgeId, note }, { person: me, caller, now }) => {
      await mineToAct(me, pledgeId);
      await checkTexts(caller, [note], now);
      const p = await change(pledgeId, ['approved'], '这项承诺现在不能申报践诺', () => ({ status: 'claimed', claimNote: note, updatedAt: now }));
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },

  'withdraw.request': {
    access: 'bound',
    rate: 'content',
    handler: async ({ pledgeId, reason }, { person: me, caller, now }) => {
      await mineToAct(me, pledgeId);
      await checkTexts(caller, [reason], now);
      const p = await change(pledgeId, ['submitted', 'returned', 'approved', 'claimed'], '这项承诺现在不能撤回', (cur) => ({ status: 'withdrawing', withdrawFrom: cur.status, withdrawReason: reason, updatedAt: now }));
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },
};
