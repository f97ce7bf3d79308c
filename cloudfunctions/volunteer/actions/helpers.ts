// Shared pieces of the volunteer actions: loading an activity or shift of the caller's park, who
// manages an activity and who may join it, the stage, and the views people see.
import type { ActivityStage } from '../../../shared/contract/volunteer';
import { dateTimeLabel, iso } from '../../../shared/time';
import { volunteerHours } from '../../../shared/volunteer';
import { C, db, _, getDoc } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { managesBranch } from '../../org/actions/helpers';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../types';

export { newId, invalid } from '../../org/actions/helpers';

export const MAX_READ = 1000;
const HOUR_MS = 3_600_000;
/** Sign-in opens this long before a shift starts; a forgotten sign-out is closed this long after it ends. */
export const SIGN_IN_OPENS_MIN = 30;
export const SIGN_OUT_GRACE_MIN = 30;
/** A second scan within this time of signing in does not sign out (a double scan, not leaving). */
export const MIN_STAY_BEFORE_SIGN_OUT_MIN = 10;

export const registrationId = (shiftId: string, personId: string) => `${shiftId}|${personId}`;
export const personOfRegistration = (regId: string) => regId.slice(regId.indexOf('|') + 1);
export const byOf = (p: PersonDoc) => ({ id: p._id, name: p.name });

/** Park-wide activities: the federation's organizers and park admins; a branch's: its secretary and park admins. */
export function managesActivity(me: PersonDoc, a: Pick<ActivityDoc, 'parkId' | 'scope' | 'branchId'>): boolean {
  if (a.parkId !== me.parkId) return false;
  if (me.parkAdmin) return true;
  return a.scope === 'park' ? me.organizer : managesBranch(me, a.branchId!);
}

export function requireManagesActivity(me: PersonDoc, a: ActivityDoc): void {
  if (!managesActivity(me, a)) throw new ActionError('FORBIDDEN', { message: a.scope === 'park' ? '只有志愿服务组织者可以管理全园区活动' : '只能管理本支部的活动' });
}

/** Why this person may not join the activity (null: they may). */
export function notOpenReason(a: ActivityDoc, me: PersonDoc | null): string | null {
  if (!me) return '请先绑定身份，再报名参加';
  if (a.scope === 'branch' && me.branchId !== a.branchId) return '这是其他支部的活动，只有本支部的同志可以报名';
  if (a.audience === 'members' && me.memberType === 'none') return '本活动仅限党员参加';
  return null;
}

export function stageOf(a: ActivityDoc, now: Date): ActivityStage {
  if (a.status === 'draft') return 'draft';
  if (a.status === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t >= new Date(a.endsAt).getTime()) return 'finished';
  if (t >= new Date(a.startsAt).getTime()) return 'inProgress';
  if (t < new Date(a.recruitFrom).getTime()) return 'announced';
  if (t < new Date(a.recruitUntil).getTime()) return 'recruiting';
  return 'closed';
}

/** An activity of the caller's park (drafts only for those who manage it); another park's is NOT_FOUND. */
export async function activityOfPark(me: PersonDoc | null, activityId: string): Promise<ActivityDoc> {
  const a = await getDoc<ActivityDoc>(C.volunteerActivities, activityId);
  if (!a || (me && a.parkId !== me.parkId) || (a.status === 'draft' && (!me || !managesActivity(me, a)))) {
    throw new ActionError('NOT_FOUND', { message: '没有找到这个活动' });
  }
  return a;
}

export async function shiftOfPark(me: PersonDoc, shiftId: string): Promise<{ shift: ShiftDoc; activity: ActivityDoc }> {
  const shift = await getDoc<ShiftDoc>(C.volunteerShifts, shiftId);
  if (!shift || shift.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个班次' });
  return { shift, activity: await activityOfPark(me, shift.activityId) };
}

export async function managedShift(me: PersonDoc, shiftId: string): Promise<{ shift: ShiftDoc; activity: ActivityDoc }> {
  const found = await shiftOfPark(me, shiftId);
  requireManagesActivity(me, found.activity);
  return found;
}

export async function shiftsOf(a: Pick<ActivityDoc, '_id'>): Promise<ShiftDoc[]> {
  const { data } = await db.collection(C.volunteerShifts).where({ activityId: a._id }).orderBy('start', 'asc').limit(100).get();
  return data as ShiftDoc[];
}

/** A person's registrations for some shifts (one query). */
export async function registrationsOf(personId: string, shiftIds: string[]): Promise<RegistrationDoc[]> {
  if (!shiftIds.length) return [];
  const { data } = await db.collection(C.volunteerRegistrations).where({ _id: _.in(shiftIds.map((s) => registrationId(s, personId))) }).limit(MAX_READ).get();
  return data as RegistrationDoc[];
}

// ---- views ----

export const shiftView = (s: ShiftDoc) => ({
  id: s._id, start: iso(s.start), end: iso(s.end), capacity: s.capacity, role: s.role, taken: s.taken, waiting: s.waiters.length, confirmed: s.confirmedAt !== null,
});

/** Hours as the rule counts them, and why; the organizer's confirmed figure once there is one. */
export function hoursOf(r: RegistrationDoc, s: ShiftDoc, a: ActivityDoc): { hours: number | null; hoursNote: string | null } {
  const h = volunteerHours({ shiftStart: new Date(s.start), shiftEnd: new Date(s.end), signedInAt: r.signedInAt && new Date(r.signedInAt), signedOutAt: r.signedOutAt && new Date(r.signedOutAt), rule: a.hoursRule });
  return { hours: h.hours, hoursNote: h.note };
}

export function myRegistrationView(r: RegistrationDoc, s: ShiftDoc, a: ActivityDoc, now: Date) {
  const status = r.status;
  const cancelBy = new Date(new Date(s.start).getTime() - a.cancelBeforeHours * HOUR_MS);
  const pos = status === 'waitlist' ? s.waiters.indexOf(r._id) + 1 : 0;
  return {
    shiftId: s._id,
    status,
    waitPosition: pos > 0 ? pos : null,
    signedInAt: iso(r.signedInAt),
    signedOutAt: iso(r.signedOutAt),
    ...hoursOf(r, s, a),
    confirmedHours: r.confirmedHours,
    cancellableUntil: status !== 'cancelled' && !r.signedInAt && now < cancelBy ? cancelBy.toISOString() : null,
  } as const;
}

export async function branchRef(a: ActivityDoc): Promise<{ id: string; name: string } | null> {
  if (!a.branchId) return null;
  const b = await getDoc<BranchDoc>(C.branches, a.branchId);
  return { id: a.branchId, name: b?.name ?? '' };
}

export async function activityView(a: ActivityDoc, shifts: ShiftDoc[], me: PersonDoc | null, now: Date) {
  const mine = me ? await registrationsOf(me._id, shifts.map((s) => s._id)) : [];
  const byShift = new Map(shifts.map((s) => [s._id, s]));
  const reason = notOpenReason(a, me);
  return {
    id: a._id, scope: a.scope, branch: await branchRef(a), title: a.title, content: a.content, category: a.category, place: a.place, audience: a.audience,
    recruitFrom: iso(a.recruitFrom), recruitUntil: iso(a.recruitUntil), cancelBeforeHours: a.cancelBeforeHours, contact: a.contact, riskNotice: a.riskNotice,
    insured: a.insured, hoursRule: a.hoursRule, stage: stageOf(a, now), cancelReason: a.cancelReason, shifts: shifts.map(shiftView),
    open: reason === null, notOpenReason: reason,
    mine: mine.filter((r) => byShift.has(r.shiftId)).map((r) => myRegistrationView(r, byShift.get(r.shiftId)!, a, now)),
    manages: me ? managesActivity(me, a) : false,
    editedAt: iso(a.editedAt),
  };
}

/** "12月5日 9:00–11:00" for messages. */
export function shiftLabel(s: Pick<ShiftDoc, 'start' | 'end'>): string {
  const end = dateTimeLabel(new Date(s.end));
  return `${dateTimeLabel(new Date(s.start))}–${end.slice(end.indexOf(' ') + 1)}`;
}
