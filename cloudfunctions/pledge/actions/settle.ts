// Branch counters and points that follow an item's status, and the pledge timer.
//
// 履诺率 = fulfilled ÷ due. An item is due once its due date has passed (China time) or once it is decided
// (fulfilled or not); a withdrawn item is out of the rate. The leaderboard's 承诺践诺率 reads the branch totals'
// pledgesDue / pledgesFulfilled, recorded here exactly once per item through the points engine's
// recordBranchCounters (deterministic source ids), in the periods of the item's due date so the counters and
// the rates computed from the items agree; a withdrawal after the item counted as due records the opposite.
// A member's fulfilled item earns `pledgeFulfilled` once (awardPoints, source `pledge:<id>`).
//
// A handler that changes the status marks the item unsettled in the same write and settles it at once; the
// timer (hourly) settles any left over, marks items overdue the day after their due date and tells the member
// through the inbox, in one transaction per item, so firing it twice changes nothing the second time.
import { chinaDayStart } from '../../../shared/periods';
import { awardPoints, counterEventId, recordBranchCounters } from '../../_lib/points';
import { C, _, db, getDoc, runTransaction, txGet } from '../../_lib/db';
import { PLEDGE_PAGE, raiseReminderInTx } from '../../_lib/reminders';
import { REMINDER_FIELDS } from '../../../shared/reminders';
import type { PledgeDoc } from '../types';
import { isDue, pledgeMessage, shortWhat, today } from './helpers';

/** The instant the branch counters of an item count at: noon of its due date in China. */
const dueInstant = (p: PledgeDoc) => new Date(chinaDayStart(p.dueOn).getTime() + 12 * 3_600_000);
const src = (kind: 'due' | 'fulfilled' | 'due-undo', p: PledgeDoc) => `pledge-${kind}:${p._id}`;

/** Bring counters and points in line with the item's status. Returns the points words when points were awarded now. */
export async function settle(p: PledgeDoc, now: Date, by = 'system'): Promise<string | null> {
  const day = today(now);
  const at = dueInstant(p);
  const base = { parkId: p.parkId, branchId: p.branchId, at };
  const dueNow = isDue(p, day);
  let points: string | null = null;
  if (dueNow) {
    await recordBranchCounters({ ...base, sourceId: src('due', p), counters: { pledgesDue: 1 } });
    // `p` may be stale (the timer read it a moment ago): a withdrawal approved meanwhile has settled already and,
    // finding no 'due' recorded yet, undid nothing. Re-read after recording: if it is withdrawn now (final), undo
    // here. Either that settle sees this 'due' or this re-read sees the withdrawal; the undo's id makes it once.
    if (p.status !== 'withdrawn') {
      const cur = await getDoc<PledgeDoc>(C.pledges, p._id);
      if (cur?.status === 'withdrawn') await recordBranchCounters({ ...base, sourceId: src('due-undo', p), counters: { pledgesDue: -1 } });
    }
  }
  if (p.status === 'fulfilled') {
    await recordBranchCounters({ ...base, sourceId: src('fulfilled', p), counters: { pledgesFulfilled: 1 } });
    if (p.scope === 'member') {
      const r = await awardPoints({ parkId: p.parkId, personId: p.personId, branchId: p.branchId, item: 'pledgeFulfilled', sourceId: `pledge:${p._id}`, note: shortWhat(p), by });
      points = r.text;
    }
  }
  let dueCounted = dueNow;
  if (p.status === 'withdrawn') {
    const counted = await getDoc(C.counterEvents, counterEventId(p.parkId, p.branchId, src('due', p)));
    if (counted) await recordBranchCounters({ ...base, sourceId: src('due-undo', p), counters: { pledgesDue: -1 } });
    dueCounted = false;
  }
  // Only if nothing changed the status meanwhile (else that change settles it).
  await db.collection(C.pledges).where({ _id: p._id, status: p.status }).update({ settled: true, dueCounted });
  return points;
}

const MAX_ROUNDS = 50;

/** Mark overdue items (approved, due date passed, not claimed) and tell their people; settle what is left over. */
export async function pledgeTimer(now: Date): Promise<{ overdue: number; settled: number }> {
  const day = today(now);
  let overdue = 0;
  let settled = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { data } = await db.collection(C.pledges).where({ status: 'approved', overdue: false, dueOn: _.lt(day) }).limit(100).get();
    if (!data.length) break;
    for (const found of data as PledgeDoc[]) {
      const marked = await runTransaction(async (tx) => {
        const p = await txGet<PledgeDoc>(tx, C.pledges, found._id);
        if (!p || p.status !== 'approved' || p.overdue || !(p.dueOn < day)) return false;
        await tx.collection(C.pledges).doc(p._id).update({ overdue: true, overdueAt: now, settled: false, updatedAt: now });
        const msg = pledgeMessage(p, 'overdue', 'pledgeOverdue', '承诺已到期', `你的承诺“${shortWhat(p)}”已过践诺期限（${p.dueOn}），请尽快提交践诺情况，或向支部说明。`, now);
        const { _id, ...rest } = msg;
        await tx.collection(C.inbox).doc(_id).set(rest);
        // The WeChat reminder, with the marking: only the run that marks it raises it (a second firing finds it overdue).
        await raiseReminderInTx(tx, { parkId: p.parkId, personId: p.personId, kind: 'pledgeOverdue', occasion: `${p._id}|${p.dueOn}`, page: PLEDGE_PAGE, fields: REMINDER_FIELDS.pledgeOverdue(p), inbox: { existing: _id } }, now);
        return true;
      });
      if (marked) overdue++;
    }
    if (data.length < 100) break;
  }
  // Items whose due date passed while claimed or waiting for a withdrawal decision count as due too.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { data } = await db.collection(C.pledges).where(_.or([{ settled: false }, { dueCounted: false, status: _.in(['approved', 'claimed', 'withdrawing']), dueOn: _.lt(day) }])).limit(100).get();
    if (!data.length) break;
    for (const p of data as PledgeDoc[]) {
      await settle(p, now);
      settled++;
    }
    if (data.length < 100) break;
  }
  return { overdue, settled };
}
