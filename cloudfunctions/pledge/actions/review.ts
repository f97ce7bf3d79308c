// The secretary's side: the queue, approving or returning items, confirming claims (or marking an item not
// fulfilled with the member's reason), deciding withdrawals. Each decision and its audit entry (and the
// member's inbox message for a return) are one transaction; counters and points follow (settle.ts).
import type { pledgeContract } from '../../../shared/contract/pledge';
import { audit } from '../../_lib/audit';
import { C, _, runTransaction, txGet, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import { branchOfPark, managesBranch } from '../../org/actions/helpers';
import type { PledgeDoc } from '../types';
import { allOf, checkTexts, notFound, pledgeFor, pledgeMessage, shortWhat, view, who, wrongState } from './helpers';
import { MANAGERS, branchName } from './items';
import { settle } from './settle';
import { PLEDGE_PAGE, raiseReminderInTx } from '../../_lib/reminders';
import { REMINDER_FIELDS } from '../../../shared/reminders';

type H = Handlers<typeof pledgeContract>;

/** The item, if the caller manages its branch (FORBIDDEN for someone who may only see it). */
async function managed(me: PersonDoc, pledgeId: string): Promise<PledgeDoc> {
  const p = await pledgeFor(me, pledgeId);
  if (!managesBranch(me, p.branchId)) throw new ActionError('FORBIDDEN', { message: '只有本支部书记可以审核' });
  return p;
}

/** Change an item in a transaction, if it is still in one of `from`; with its audit entry and, optionally, a message. */
async function decide(
  me: PersonDoc, id: string, from: PledgeDoc['status'][], change: (p: PledgeDoc) => Partial<PledgeDoc>,
  record: (base: Record<string, unknown>, p: PledgeDoc, tx: Tx) => Promise<void>, now: Date, message?: (p: PledgeDoc) => ReturnType<typeof pledgeMessage>,
): Promise<PledgeDoc> {
  return runTransaction(async (tx) => {
    const cur = await txGet<PledgeDoc>(tx, C.pledges, id);
    if (!cur || cur.parkId !== me.parkId) throw notFound();
    if (!from.includes(cur.status)) throw wrongState('这项承诺的状态已经变了，请刷新后再看');
    const next = { ...change(cur), decidedBy: who(me), decidedAt: now, updatedAt: now };
    await tx.collection(C.pledges).doc(id).update({ ...next, decidedBy: _.set(next.decidedBy) });
    await record({ person: cur.personName, personId: cur.personId, what: shortWhat(cur) }, cur, tx);
    if (message) {
      const { _id, ...rest } = message(cur);
      await tx.collection(C.inbox).doc(_id).set(rest);
    }
    return { ...cur, ...next };
  });
}

export const reviewHandlers: Pick<H, 'review.list' | 'review.decide' | 'confirm' | 'withdraw.decide'> = {
  'review.list': {
    access: MANAGERS,
    handler: async ({ branchId }, { person: me }) => {
      const b = await branchOfPark(me, branchId);
      if (!managesBranch(me, b._id)) throw new ActionError('FORBIDDEN', { message: '只能查看本支部的承诺' });
      const open = await allOf<PledgeDoc>({ branchId: b._id, status: _.in(['submitted', 'claimed', 'withdrawing']) });
      const items = open.filter((p) => p.parkId === me.parkId).sort((x, y) => new Date(x.updatedAt).getTime() - new Date(y.updatedAt).getTime());
      const v = (s: PledgeDoc['status']) => items.filter((p) => p.status === s).map((p) => view(p, me, b.name));
      return { branch: { id: b._id, name: b.name }, toApprove: v('submitted'), toConfirm: v('claimed'), toWithdraw: v('withdrawing') };
    },
  },

  'review.decide': {
    access: MANAGERS,
    rate: 'content',
    handler: async ({ pledgeId, decision, comment }, { person: me, caller, now }) => {
      await managed(me, pledgeId);
      if (comment) await checkTexts(caller, [comment], now);
      const p = decision === 'approve'
        ? await decide(me, pledgeId, ['submitted'], () => ({ status: 'approved', comment: comment || null }), (d, _p, tx) => audit(me, 'pledge.approve', pledgeId, d, now, tx), now)
        : await decide(me, pledgeId, ['submitted'], () => ({ status: 'returned', comment }), async (d, cur, tx) => {
            await audit(me, 'pledge.return', pledgeId, { ...d, comment }, now, tx);
            // The WeChat reminder beside the inbox message below (same key: one per return).
            await raiseReminderInTx(tx, {
              parkId: cur.parkId, personId: cur.personId, kind: 'pledgeReturned', occasion: `${cur._id}|returned|${now.getTime()}`, page: PLEDGE_PAGE,
              fields: REMINDER_FIELDS.pledgeReturned({ what: cur.what, dueOn: cur.dueOn, comment }), inbox: { existing: `pledge|${cur._id}|returned|${now.getTime()}` },
            }, now);
          }, now, (cur) =>
            pledgeMessage(cur, `returned|${now.getTime()}`, 'pledgeReturned', '承诺被退回修改', `你的承诺“${shortWhat(cur)}”被退回修改：${comment}`, now));
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },

  confirm: {
    access: MANAGERS,
    rate: 'content',
    handler: async ({ pledgeId, fulfilled, reason }, { person: me, caller, now }) => {
      const before = await managed(me, pledgeId);
      // A secretary does not confirm their own item (someone else of the branch, or a park admin, does).
      if (before.personId === me._id && !me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '自己的承诺由园区党委确认' });
      if (!fulfilled) await checkTexts(caller, [reason], now);
      const p = await decide(
        me, pledgeId, fulfilled ? ['claimed'] : ['approved', 'claimed'],
        () => (fulfilled ? { status: 'fulfilled', overdue: false, settled: false } : { status: 'unfulfilled', unfulfilledReason: reason, settled: false }),
        (d, _p, tx) => audit(me, fulfilled ? 'pledge.fulfilled' : 'pledge.unfulfilled', pledgeId, fulfilled ? d : { ...d, reason }, now, tx), now,
      );
      const points = await settle(p, now, me._id);
      return { pledge: view({ ...p, settled: true }, me, await branchName(me.parkId, p.branchId)), points };
    },
  },

  'withdraw.decide': {
    access: MANAGERS,
    rate: 'content',
    handler: async ({ pledgeId, approve, comment }, { person: me, caller, now }) => {
      const before = await managed(me, pledgeId);
      if (before.personId === me._id && !me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '自己的承诺由园区党委审批' });
      if (comment) await checkTexts(caller, [comment], now);
      const p = await decide(
        me, pledgeId, ['withdrawing'],
        (cur) => (approve ? { status: 'withdrawn', settled: false, comment: comment || null } : { status: cur.withdrawFrom ?? 'approved', withdrawFrom: null, comment: comment || null }),
        (d, cur, tx) => audit(me, approve ? 'pledge.withdraw.approve' : 'pledge.withdraw.refuse', pledgeId, { ...d, reason: cur.withdrawReason, comment }, now, tx), now,
      );
      if (approve) await settle(p, now, me._id);
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },
};
