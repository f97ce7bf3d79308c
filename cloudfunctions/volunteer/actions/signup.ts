// Signing up and cancelling. Never count-then-insert (it overbooks): a seat is claimed with ONE guarded
// update of the shift — `taken < capacity`, nobody waiting (no jumping the line), this registration not
// already holding one — which the database applies atomically, so a storm of sign-ups can never pass the
// capacity and each costs a flat handful of requests, no transaction to conflict. Who fails the claim
// joins the waitlist by a guarded push (arrival order). The registration's id is `<shift>|<person>`,
// so any number of taps give one registration; it is written after the seat is settled, so a call that
// dies in between is finished by the next tap (the shift already names it). Cancelling hands the seat to
// the first waiter in one transaction, and tells them.
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { C, _, db, getDoc, txGet, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { withConflictRetry } from '../../_lib/points';
import type { PersonDoc } from '../../_lib/types';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../types';
import { activityMessage, tell } from './activities';
import { myRegistrationView, notOpenReason, personOfRegistration, registrationId, shiftLabel, shiftOfPark, stageOf } from './helpers';
import { raiseReminderInTx } from '../../_lib/reminders';
import { REMINDER_FIELDS } from '../../../shared/reminders';

type H = Handlers<typeof volunteerContract>;
const HOUR_MS = 3_600_000;

function newRegistration(me: Pick<PersonDoc, '_id' | 'name' | 'branchId' | 'parkId'>, s: ShiftDoc, status: RegistrationDoc['status'], now: Date): RegistrationDoc {
  return {
    _id: registrationId(s._id, me._id), activityId: s.activityId, shiftId: s._id, parkId: s.parkId, branchId: me.branchId, personId: me._id, name: me.name,
    shiftStart: s.start, shiftEnd: s.end, status, signedInAt: null, signedOutAt: null, signOutBy: null, signedInOpen: false, manualReason: null,
    confirmedHours: null, correctionReason: null, createdAt: now, updatedAt: now,
  };
}

/** Claim a seat for `regId`: the shift after, or null when none is free to it. One request. */
async function claimSeat(shiftId: string, capacity: number, regId: string): Promise<ShiftDoc | null> {
  const r = await db
    .collection(C.volunteerShifts)
    .where({ _id: shiftId, taken: _.lt(capacity), waiters: _.size(0), holders: _.neq(regId) })
    .updateAndReturn({ taken: _.inc(1), holders: _.push([regId]) });
  return (r.doc as ShiftDoc | null) ?? null;
}

/**
 * Settle where `regId` stands: a seat, or a place in line (joining it if needed), and the shift as it
 * is then. `seen` is the shift as read before: when it was already full or had a line, the claim
 * would fail, so it is not tried (a flat cost for everyone after the seats are gone).
 */
async function settleSeat(seen: ShiftDoc, regId: string): Promise<{ status: 'registered' | 'waitlist'; shift: ShiftDoc }> {
  if (seen.taken < seen.capacity && !seen.waiters.length) {
    const claimed = await claimSeat(seen._id, seen.capacity, regId);
    if (claimed) return { status: 'registered', shift: claimed };
  }
  const joined = await db
    .collection(C.volunteerShifts)
    .where({ _id: seen._id, holders: _.neq(regId), waiters: _.neq(regId) })
    .updateAndReturn({ waiters: _.push([regId]) });
  let cur = (joined.doc as ShiftDoc | null) ?? (await getDoc<ShiftDoc>(C.volunteerShifts, seen._id))!;
  if (cur.holders.includes(regId)) return { status: 'registered', shift: cur };
  // A seat came free before we joined the line (a cancellation with nobody waiting, or the shift we
  // read was stale): hand free seats to the first in line, who may be us.
  if (cur.taken < cur.capacity && cur.waiters.length) cur = (await promoteWaiting(cur._id, new Date())).shift;
  return { status: cur.holders.includes(regId) ? 'registered' : 'waitlist', shift: cur };
}

/**
 * While a seat is free and someone waits, give it to the first in line (their registration becomes
 * registered and they are told), in one transaction. Returns the shift as it is after.
 */
export async function promoteWaiting(shiftId: string, now: Date): Promise<{ shift: ShiftDoc; promoted: string[] }> {
  return withConflictRetry(async (tx) => {
    const s = await txGet<ShiftDoc>(tx, C.volunteerShifts, shiftId);
    if (!s) throw new ActionError('NOT_FOUND', { message: '没有找到这个班次' });
    const shift = { ...s, _id: shiftId };
    const promoted: string[] = [];
    while (shift.taken < shift.capacity && shift.waiters.length) {
      const regId = shift.waiters.shift()!;
      shift.holders = [...shift.holders, regId];
      shift.taken += 1;
      promoted.push(regId);
    }
    if (!promoted.length) return { shift, promoted };
    await tx.collection(C.volunteerShifts).doc(shiftId).update({ taken: shift.taken, holders: shift.holders, waiters: shift.waiters });
    const a = await txGet<ActivityDoc>(tx, C.volunteerActivities, shift.activityId);
    for (const regId of promoted) await markPromoted(tx, shift, a, regId, now);
    return { shift, promoted };
  });
}

async function markPromoted(tx: Tx, s: ShiftDoc, a: ActivityDoc | null, regId: string, now: Date): Promise<void> {
  const personId = personOfRegistration(regId);
  const reg = await txGet<RegistrationDoc>(tx, C.volunteerRegistrations, regId);
  if (reg) await tx.collection(C.volunteerRegistrations).doc(regId).update({ status: 'registered', updatedAt: now });
  else {
    // Its sign-up call died before writing it: write it now from the roster.
    const p = await txGet<PersonDoc>(tx, C.people, personId);
    if (p) {
      const { _id, ...rest } = newRegistration({ ...p, _id: personId }, s, 'registered', now);
      await tx.collection(C.volunteerRegistrations).doc(_id).set(rest);
    }
  }
  if (a) {
    const msg = activityMessage({ ...a, _id: s.activityId }, personId, 'volunteerPromoted', `promoted-${s._id}`, `候补成功：${a.title}`, `有人取消了报名，您已从候补转为正式报名：${shiftLabel(s)}，地点：${a.place}。`, now);
    await tell(msg, tx);
    await raiseReminderInTx(tx, {
      parkId: a.parkId, personId, kind: 'waitlistPromoted', occasion: msg._id, page: `packages/volunteer/pages/activity/index?activityId=${encodeURIComponent(s.activityId)}`,
      fields: REMINDER_FIELDS.waitlistPromoted({ title: a.title, start: new Date(s.start), place: a.place }), inbox: { existing: msg._id },
    }, now);
  }
}

/** A seat for someone the organizer registers on site (only if one is free): their registration, or null. */
export async function claimSeatFor(p: PersonDoc, shift: ShiftDoc, now: Date): Promise<RegistrationDoc | null> {
  const regId = registrationId(shift._id, p._id);
  if (!shift.holders.includes(regId) && !(await claimSeat(shift._id, shift.capacity, regId))) {
    const cur = await getDoc<ShiftDoc>(C.volunteerShifts, shift._id);
    if (!cur?.holders.includes(regId)) return null;
  }
  const reg = newRegistration(p, shift, 'registered', now);
  const { _id, ...rest } = reg;
  await db.collection(C.volunteerRegistrations).doc(_id).set(rest);
  return reg;
}

export const signUpHandlers: Pick<H, 'signUp' | 'cancel'> = {
  signUp: {
    access: 'bound',
    handler: async ({ shiftId }, { person: me, now }) => {
      const { shift, activity: a } = await shiftOfPark(me, shiftId);
      const why = notOpenReason(a, me);
      if (why) throw new ActionError('FORBIDDEN', { message: why });
      const regId = registrationId(shift._id, me._id);
      // A seat or a place in line already: a second tap, or a call that died after taking it.
      const unfinished = shift.holders.includes(regId) || shift.waiters.includes(regId);
      const existing = unfinished ? await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId) : null;
      if (existing && existing.status !== 'cancelled') {
        return { registration: myRegistrationView(existing, shift, a, now), message: existing.status === 'registered' ? '您已报名这个班次' : '您已在候补名单中' };
      }
      const stage = stageOf(a, now);
      if (stage !== 'recruiting' && !unfinished) throw new ActionError('NOT_RECRUITING', { message: stage === 'announced' ? '招募还没有开始' : stage === 'cancelled' ? '活动已取消' : '招募已经结束' });
      const { status, shift: cur } = await settleSeat(shift, regId);
      // Written whole (a cancelled registration of this person and shift is replaced).
      const reg = { ...newRegistration(me, shift, status, now), ...(existing ? { createdAt: existing.createdAt } : {}), status };
      const { _id, ...rest } = reg;
      await db.collection(C.volunteerRegistrations).doc(_id).set(rest);
      const view = myRegistrationView(reg, cur, a, now);
      return { registration: view, message: status === 'registered' ? '报名成功' : `名额已满，您在候补第 ${view.waitPosition} 位，有人取消时按顺序递补` };
    },
  },

  cancel: {
    access: 'bound',
    handler: async ({ shiftId }, { person: me, now }) => {
      const { shift, activity: a } = await shiftOfPark(me, shiftId);
      const regId = registrationId(shift._id, me._id);
      const before = await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId);
      if (!before || before.status === 'cancelled') throw new ActionError('NOT_REGISTERED');
      if (before.signedInAt) throw new ActionError('CANCEL_CLOSED', { message: '已经签到，不能取消报名' });
      const deadline = new Date(shift.start).getTime() - a.cancelBeforeHours * HOUR_MS;
      if (now.getTime() >= deadline) throw new ActionError('CANCEL_CLOSED', { message: `开始前 ${a.cancelBeforeHours} 小时内不能取消，如不能参加请联系 ${a.contact.name}` });
      const { shift: after, promoted } = await withConflictRetry(async (tx) => {
        const s = await txGet<ShiftDoc>(tx, C.volunteerShifts, shift._id);
        const r = await txGet<RegistrationDoc>(tx, C.volunteerRegistrations, regId);
        if (!s || !r || r.status === 'cancelled') throw new ActionError('NOT_REGISTERED');
        const next = { ...s, _id: shift._id, holders: s.holders.filter((x) => x !== regId), waiters: s.waiters.filter((x) => x !== regId) };
        next.taken = next.holders.length;
        // The freed seat goes to the first in line, in this same step.
        const promoted: string[] = [];
        while (next.taken < next.capacity && next.waiters.length) {
          const w = next.waiters.shift()!;
          next.holders.push(w);
          next.taken += 1;
          promoted.push(w);
        }
        await tx.collection(C.volunteerShifts).doc(shift._id).update({ taken: next.taken, holders: next.holders, waiters: next.waiters });
        await tx.collection(C.volunteerRegistrations).doc(regId).update({ status: 'cancelled', updatedAt: now });
        for (const w of promoted) await markPromoted(tx, next, a, w, now);
        return { shift: next, promoted };
      });
      const reg = { ...before, status: 'cancelled' as const, updatedAt: now };
      return { registration: myRegistrationView(reg, after, a, now), promoted: promoted.length > 0 };
    },
  },
};
