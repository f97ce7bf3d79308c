// On site: the organizer's rotating signed code (it names its shift, so one scan never touches another
// activity or shift), scanning it to sign in and again to sign out, the organizer scanning a
// volunteer's 亮码 instead, marking someone by hand with a reason, and the timer that closes forgotten
// sign-outs at the shift's end for the organizer to check. Times are the server's, never the phone's.
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { chinaDateTime, clockLabel, iso } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { checkCardCode } from '../../_lib/card-code';
import { C, _, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { codeSigner } from '../../_lib/signed-code';
import type { PersonDoc } from '../../_lib/types';
import { personOfPark } from '../../org/actions/helpers';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../types';
import { claimSeatFor } from './signup';
import {
  MAX_READ, MIN_STAY_BEFORE_SIGN_OUT_MIN, SIGN_IN_OPENS_MIN, SIGN_OUT_GRACE_MIN, hoursOf, managedShift, myRegistrationView, notOpenReason,
  registrationId, shiftOfPark,
} from './helpers';
import { rosterRowOf } from './roster';

type H = Handlers<typeof volunteerContract>;
const MIN_MS = 60_000;

const signer = codeSigner({ prefix: 'RV1', secretEnv: 'REDPARK_VOLUNTEER_SECRET', ttlS: 60, refreshS: 45 });

const opensAt = (s: ShiftDoc) => new Date(new Date(s.start).getTime() - SIGN_IN_OPENS_MIN * MIN_MS);
/** Signing out by scan is possible until the timer would close it. */
const closesAt = (s: ShiftDoc) => new Date(new Date(s.end).getTime() + SIGN_OUT_GRACE_MIN * MIN_MS);

type Step = 'signedIn' | 'signedOut' | 'alreadyDone';

/** The next step for a registered person at this shift: sign in, sign out, or nothing (and why). */
async function signStep(shift: ShiftDoc, a: ActivityDoc, person: Pick<PersonDoc, '_id'>, now: Date, by: 'self' | 'organizer') {
  const regId = registrationId(shift._id, person._id);
  const reg = await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId);
  if (!reg || reg.status === 'cancelled') throw new ActionError('NOT_REGISTERED');
  if (reg.status === 'waitlist') throw new ActionError('NOT_REGISTERED', { message: '您在候补名单中，还没有名额，请联系活动负责人' });
  const t = now.getTime();
  let step: Step = 'alreadyDone';
  let message: string;
  let next = reg;
  if (!reg.signedInAt) {
    if (t < opensAt(shift).getTime()) throw new ActionError('SIGN_IN_NOT_OPEN', { message: `还没到签到时间，${clockLabel(opensAt(shift))} 开始签到` });
    if (t >= new Date(shift.end).getTime()) throw new ActionError('SIGN_IN_CLOSED');
    const r = await db.collection(C.volunteerRegistrations).where({ _id: regId, signedInAt: null }).update({ signedInAt: now, signedInOpen: true, updatedAt: now });
    next = r.updated === 1 ? { ...reg, signedInAt: now, signedInOpen: true } : (await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId))!;
    step = r.updated === 1 ? 'signedIn' : 'alreadyDone';
    message = `签到成功 ${clockLabel(new Date(next.signedInAt!))}`;
  } else if (!reg.signedOutAt) {
    const stayed = t - new Date(reg.signedInAt).getTime();
    if (stayed < MIN_STAY_BEFORE_SIGN_OUT_MIN * MIN_MS) {
      message = `已于 ${clockLabel(new Date(reg.signedInAt))} 签到，服务结束时再扫码签退`;
    } else if (t >= closesAt(shift).getTime()) {
      message = '班次已结束，签退时间将由活动负责人确认';
    } else {
      const r = await db.collection(C.volunteerRegistrations).where({ _id: regId, signedOutAt: null }).update({ signedOutAt: now, signOutBy: by, signedInOpen: false, updatedAt: now });
      next = r.updated === 1 ? { ...reg, signedOutAt: now, signOutBy: by, signedInOpen: false } : (await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId))!;
      step = r.updated === 1 ? 'signedOut' : 'alreadyDone';
      const h = hoursOf(next, shift, a);
      message = h.hours === 0 ? `签退成功。${h.hoursNote}` : `签退成功，计 ${h.hours} 小时（待负责人确认）`;
    }
  } else {
    const h = hoursOf(reg, shift, a);
    message = `已完成签到和签退：${h.hoursNote}`;
  }
  return {
    activity: { id: a._id, title: a.title },
    shift: { id: shift._id, start: iso(shift.start), end: iso(shift.end), role: shift.role },
    step,
    registration: myRegistrationView(next, shift, a, now),
    message,
  };
}

export const onsiteHandlers: Pick<H, 'shifts.code' | 'scan' | 'shifts.scanCard' | 'shifts.markPresent'> = {
  'shifts.code': {
    access: ['organizer', 'secretary', 'parkAdmin'],
    handler: async ({ shiftId }, { person: me, now }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      if (a.status !== 'published') throw new ActionError('CONFLICT', { message: a.status === 'cancelled' ? '活动已取消' : '活动还没有发布' });
      if (now.getTime() < opensAt(shift).getTime()) throw new ActionError('SIGN_IN_NOT_OPEN', { message: `签到码在 ${clockLabel(opensAt(shift))} 开放` });
      if (now.getTime() >= closesAt(shift).getTime()) throw new ActionError('SIGN_IN_CLOSED');
      const c = signer.issue(shift._id, now.getTime());
      return { code: c.code, expiresAt: c.expiresAt.toISOString(), refreshAt: c.refreshAt.toISOString(), opensAt: opensAt(shift).toISOString(), closesAt: closesAt(shift).toISOString() };
    },
  },

  scan: {
    access: 'bound',
    handler: async ({ code }, { person: me, now }) => {
      const check = signer.check(code, now.getTime());
      if (!check.ok) throw new ActionError(check.reason === 'expired' ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_INVALID');
      const { shift, activity: a } = await shiftOfPark(me, check.subject);
      if (a.status === 'cancelled') throw new ActionError('CONFLICT', { message: '活动已取消' });
      return signStep(shift, a, me, now, 'self');
    },
  },

  'shifts.scanCard': {
    access: ['organizer', 'secretary', 'parkAdmin'],
    handler: async ({ shiftId, cardCode }, { person: me, now }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      const check = checkCardCode(cardCode, now.getTime());
      if (!check.ok) throw new ActionError(check.reason === 'expired' ? 'CARD_CODE_EXPIRED' : 'CARD_CODE_INVALID');
      const person = await personOfPark(me, check.personId);
      const r = await signStep(shift, a, person, now, 'organizer');
      return { ...r, name: person.name };
    },
  },

  'shifts.markPresent': {
    access: ['organizer', 'secretary', 'parkAdmin'],
    handler: async ({ shiftId, personId, signedInAt, signedOutAt, reason }, { person: me, now }) => {
      const { shift, activity: a } = await managedShift(me, shiftId);
      if (shift.confirmedAt) throw new ActionError('CONFLICT', { message: '这个班次的时长已确认' });
      const person = await personOfPark(me, personId);
      const why = notOpenReason(a, person);
      if (why) throw new ActionError('FORBIDDEN', { message: why });
      const inAt = chinaDateTime(signedInAt);
      const outAt = signedOutAt === null ? null : chinaDateTime(signedOutAt);
      if (inAt.getTime() > now.getTime() || (outAt && outAt.getTime() > now.getTime())) throw new ActionError('INVALID_INPUT', { message: '不能登记还没到的时间', fields: { signedInAt: ['不能晚于现在'] } });
      const regId = registrationId(shift._id, person._id);
      let reg = await getDoc<RegistrationDoc>(C.volunteerRegistrations, regId);
      if (!reg || reg.status !== 'registered') {
        // Someone who came without a seat (no phone to sign up with): only while a seat is free.
        reg = await claimSeatFor(person, shift, now);
        if (!reg) throw new ActionError('CONFLICT', { message: '这个班次已满，不能再登记新的人' });
      }
      const patch = { signedInAt: inAt, signedOutAt: outAt, signOutBy: outAt ? ('organizer' as const) : null, signedInOpen: outAt === null, manualReason: reason, updatedAt: now };
      await db.collection(C.volunteerRegistrations).doc(regId).update(patch);
      await audit(me, 'volunteer.shifts.markPresent', regId, { activity: a.title, person: person.name, signedInAt, signedOutAt, reason }, now);
      return { row: rosterRowOf({ ...reg, ...patch }, shift, a, person) };
    },
  },
};

/**
 * The timer: sign-ins still open SIGN_OUT_GRACE_MIN after their shift ended are closed at the shift's
 * end and marked for the organizer to check (signOutBy 'timer'). Idempotent and bounded per run.
 */
export async function closeForgottenSignOuts(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SIGN_OUT_GRACE_MIN * MIN_MS);
  const { data } = await db.collection(C.volunteerRegistrations).where({ signedInOpen: true, shiftEnd: _.lt(cutoff) }).limit(MAX_READ).get();
  let closed = 0;
  for (const r of data as RegistrationDoc[]) {
    const res = await db.collection(C.volunteerRegistrations).where({ _id: r._id, signedInOpen: true, signedOutAt: null }).update({ signedOutAt: r.shiftEnd, signOutBy: 'timer', signedInOpen: false, updatedAt: now });
    closed += res.updated;
  }
  return closed;
}
