// A member's ledger for their branch's secretary or a park admin, and corrections by reversing entry
// (with a reason, audited; the ledger is never edited).
import type { scoreContract } from '../../../shared/contract/score';
import { C, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { reversePoints } from '../../_lib/points';
import type { LedgerDoc, PersonDoc } from '../../_lib/types';
import { ledgerPage, toEntry } from './entries';

type H = Handlers<typeof scoreContract>;

/** The person, if the caller may see and correct their points: their branch's secretary or a park admin, same park. */
async function managedPerson(me: PersonDoc, personId: string): Promise<PersonDoc> {
  const p = await getDoc<PersonDoc>(C.people, personId);
  if (!p || p.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个人员' });
  if (!me.parkAdmin && !me.secretaryOf.includes(p.branchId)) throw new ActionError('FORBIDDEN', { message: '只能查看和更正本支部人员的积分' });
  return p;
}

export const ledgerHandlers: Pick<H, 'ledger.list' | 'ledger.reverse'> = {
  'ledger.list': {
    access: ['secretary', 'parkAdmin'],
    handler: async ({ personId, ...page }, { person: me }) => {
      await managedPerson(me, personId);
      return ledgerPage(personId, page);
    },
  },
  'ledger.reverse': {
    access: ['secretary', 'parkAdmin'],
    handler: async ({ entryId, reason }, { person: me, now }) => {
      const entry = await getDoc<LedgerDoc>(C.pointsLedger, entryId);
      if (!entry || entry.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这条积分记录' });
      await managedPerson(me, entry.personId);
      const rev = await reversePoints(entryId, reason, me, now);
      return { entry: toEntry(rev, null) };
    },
  },
};
