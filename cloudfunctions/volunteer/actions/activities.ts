// Publishing activities (the federation's for the whole park, a branch's for its people), changing
// them (people signed up are told), cancelling them with a reason (everyone signed up is told), and
// the lists: open to me, mine, the ones I organize.
import { raiseReminder } from '../../_lib/reminders';
import { REMINDER_FIELDS } from '../../../shared/reminders';
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { chinaPeriods } from '../../../shared/periods';
import { chinaDateTime } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, runTransaction, txGet, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { InboxDoc, PersonDoc } from '../../_lib/types';
import { branchNames, branchOfPark } from '../../org/actions/helpers';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../types';
import {
  MAX_READ, activityOfPark, activityView, byOf, invalid, managesActivity, myRegistrationView, newId, notOpenReason, registrationsOf,
  requireManagesActivity, shiftLabel, shiftsOf, shiftView, stageOf,
} from './helpers';

type H = Handlers<typeof volunteerContract>;
const PUBLISHERS = ['organizer', 'secretary', 'parkAdmin'] as const;

/** One inbox message to a person about an activity (deterministic id: a retry writes it once). */
export function activityMessage(a: ActivityDoc, personId: string, kind: InboxDoc['kind'], key: string, title: string, body: string, now: Date): InboxDoc {
  return { _id: `${a._id}|${key}|${personId}`, parkId: a.parkId, personId, kind, title, body, topicId: null, meetingId: null, activityId: a._id, at: now, read: false };
}

/** Write a message unless it is there (a retried run). */
export async function tell(msg: InboxDoc, into: Tx | null = null): Promise<void> {
  const { _id, ...rest } = msg;
  if (into) await into.collection(C.inbox).doc(_id).set(rest);
  else await db.collection(C.inbox).doc(_id).set(rest);
}

type ShiftIn = { start: string; end: string; capacity: number; role: string | null; id?: string };

function toShiftDocs(a: Pick<ActivityDoc, '_id' | 'parkId'>, shifts: ShiftIn[]): ShiftDoc[] {
  return shifts.map((s) => ({
    _id: s.id ?? newId(), activityId: a._id, parkId: a.parkId, start: chinaDateTime(s.start), end: chinaDateTime(s.end), capacity: s.capacity, role: s.role,
    taken: 0, holders: [], waiters: [], confirmedAt: null, confirmedBy: null,
  }));
}

const span = (shifts: ShiftDoc[]) => ({
  startsAt: new Date(Math.min(...shifts.map((s) => s.start.getTime()))),
  endsAt: new Date(Math.max(...shifts.map((s) => s.end.getTime()))),
});

/** Registrations still holding a seat or a place in line for an activity's shifts. */
async function liveRegistrations(shiftIds: string[]): Promise<RegistrationDoc[]> {
  if (!shiftIds.length) return [];
  const { data } = await db.collection(C.volunteerRegistrations).where({ shiftId: _.in(shiftIds), status: _.in(['registered', 'waitlist']) }).limit(MAX_READ).get();
  return data as RegistrationDoc[];
}

/**
 * Tell everyone signed up, mark their registrations cancelled and empty the shifts; idempotent, so the
 * timer can finish a cancellation that died half-way (the activity is `cancelPending` until the end).
 */
export async function finishCancellation(a: ActivityDoc, now: Date): Promise<number> {
  const shifts = await shiftsOf(a);
  const regs = await liveRegistrations(shifts.map((s) => s._id));
  for (const r of regs) {
    const msg = activityMessage(a, r.personId, 'volunteerCancelled', 'cancel', `活动取消：${a.title}`, `您报名的「${a.title}」已取消，原因：${a.cancelReason ?? ''}。给您带来不便，敬请谅解。`, now);
    await tell(msg);
    // Only those holding a seat lose one; it may break quiet hours when the shift is within a day.
    if (r.status === 'registered') {
      const start = new Date(r.shiftStart);
      await raiseReminder({
        parkId: a.parkId, personId: r.personId, kind: 'seatLost', occasion: msg._id, page: `packages/volunteer/pages/activity/index?activityId=${encodeURIComponent(a._id)}`,
        fields: REMINDER_FIELDS.seatLost({ title: a.title, start, place: a.place }), inbox: { existing: msg._id }, urgent: start.getTime() - now.getTime() < 86_400_000,
      }, now);
    }
    await db.collection(C.volunteerRegistrations).doc(r._id).update({ status: 'cancelled', updatedAt: now });
  }
  for (const s of shifts) await db.collection(C.volunteerShifts).doc(s._id).update({ taken: 0, holders: [], waiters: [] });
  await db.collection(C.volunteerActivities).doc(a._id).update({ cancelPending: false });
  return regs.length;
}

export const activityHandlers: Pick<H, 'activities.create' | 'activities.update' | 'activities.publish' | 'activities.cancel' | 'activities.list' | 'activities.get'> = {
  'activities.create': {
    access: PUBLISHERS,
    handler: async (input, { person: me, now }) => {
      const branchId = input.scope === 'branch' ? (await branchOfPark(me, input.branchId!))._id : null;
      const probe = { parkId: me.parkId, scope: input.scope, branchId };
      if (!managesActivity(me, probe)) {
        throw new ActionError('FORBIDDEN', { message: input.scope === 'park' ? '全园区活动由志愿服务组织者发布' : '只能为本支部发布活动' });
      }
      const firstStart = Math.min(...input.shifts.map((s) => chinaDateTime(s.start).getTime()));
      if (firstStart <= now.getTime()) throw invalid('shifts', '班次开始时间要晚于现在');
      const _id = newId();
      const shifts = toShiftDocs({ _id, parkId: me.parkId }, input.shifts);
      const a: ActivityDoc = {
        _id, parkId: me.parkId, scope: input.scope, branchId, title: input.title, content: input.content, category: input.category, place: input.place,
        audience: input.audience, recruitFrom: chinaDateTime(input.recruitFrom), recruitUntil: chinaDateTime(input.recruitUntil), cancelBeforeHours: input.cancelBeforeHours,
        contact: input.contact, riskNotice: input.riskNotice, insured: input.insured, hoursRule: input.hoursRule, shiftIds: shifts.map((s) => s._id), ...span(shifts),
        status: input.publish ? 'published' : 'draft', cancelReason: null, createdBy: byOf(me), createdAt: now, editedAt: null,
      };
      await runTransaction(async (tx) => {
        const { _id: aid, ...rest } = a;
        await tx.collection(C.volunteerActivities).doc(aid).set(rest);
        for (const { _id: sid, ...s } of shifts) await tx.collection(C.volunteerShifts).doc(sid).set(s);
        await audit(me, 'volunteer.activities.create', _id, { title: a.title, scope: a.scope, branchId, shifts: shifts.length, published: input.publish }, now, tx);
      });
      return { activity: await activityView(a, shifts, me, now) };
    },
  },

  'activities.update': {
    access: PUBLISHERS,
    handler: async (input, { person: me, now }) => {
      const a = await activityOfPark(me, input.activityId);
      requireManagesActivity(me, a);
      if (a.status === 'cancelled') throw new ActionError('CONFLICT', { message: '活动已取消，不能再修改' });
      const current = await shiftsOf(a);
      const byId = new Map(current.map((s) => [s._id, s]));
      for (const s of input.shifts) if (s.id && !byId.has(s.id)) throw invalid('shifts', '班次已不存在，请刷新后再改');
      const kept = new Set(input.shifts.flatMap((s) => (s.id ? [s.id] : [])));
      const removed = current.filter((s) => !kept.has(s._id));
      if (removed.some((s) => s.taken + s.waiters.length > 0)) throw invalid('shifts', '已有人报名的班次不能删除，可以取消整个活动');
      const next = toShiftDocs(a, input.shifts).map((s) => {
        const old = byId.get(s._id);
        return old ? { ...old, start: s.start, end: s.end, capacity: s.capacity, role: s.role } : s;
      });
      for (const s of next) {
        const old = byId.get(s._id);
        if (old && s.capacity < old.taken) throw invalid('shifts', `${shiftLabel(old)} 已有 ${old.taken} 人报名，人数不能少于 ${old.taken}`);
        if (old?.confirmedAt && (s.start.getTime() !== new Date(old.start).getTime() || s.end.getTime() !== new Date(old.end).getTime())) throw invalid('shifts', '已确认时长的班次不能改时间');
        if (!old && s.start.getTime() <= now.getTime()) throw invalid('shifts', '新班次的开始时间要晚于现在');
      }
      const changedTimes = next.filter((s) => {
        const old = byId.get(s._id);
        return old && (s.start.getTime() !== new Date(old.start).getTime() || s.end.getTime() !== new Date(old.end).getTime());
      });
      const updated: ActivityDoc = {
        ...a, title: input.title, content: input.content, category: input.category, place: input.place, audience: input.audience,
        recruitFrom: chinaDateTime(input.recruitFrom), recruitUntil: chinaDateTime(input.recruitUntil), cancelBeforeHours: input.cancelBeforeHours,
        contact: input.contact, riskNotice: input.riskNotice, insured: input.insured, hoursRule: input.hoursRule,
        shiftIds: next.map((s) => s._id), ...span(next), editedAt: now,
      };
      const regs = await liveRegistrations(current.map((s) => s._id));
      const tellAll = a.status === 'published' && (a.place !== updated.place || a.title !== updated.title || changedTimes.length > 0);
      await runTransaction(async (tx) => {
        // Seats may have changed since the read: write each kept shift's own fields only.
        for (const s of next) {
          const old = byId.get(s._id);
          if (old) {
            const cur = await txGet<ShiftDoc>(tx, C.volunteerShifts, s._id);
            if (cur && s.capacity < cur.taken) throw invalid('shifts', `${shiftLabel(cur)} 已有 ${cur.taken} 人报名，人数不能少于 ${cur.taken}`);
            await tx.collection(C.volunteerShifts).doc(s._id).update({ start: s.start, end: s.end, capacity: s.capacity, role: s.role });
          } else {
            const { _id: sid, ...rest } = s;
            await tx.collection(C.volunteerShifts).doc(sid).set(rest);
          }
        }
        for (const s of removed) await tx.collection(C.volunteerShifts).doc(s._id).remove();
        const { _id, ...rest } = updated;
        await tx.collection(C.volunteerActivities).doc(_id).set(rest);
        await audit(me, 'volunteer.activities.update', a._id, { title: updated.title, shiftsChanged: changedTimes.length, removed: removed.length }, now, tx);
      });
      // Registrations keep the shift's times for "my sign-ups" and the sign-out timer.
      for (const s of changedTimes) {
        for (const r of regs.filter((x) => x.shiftId === s._id)) await db.collection(C.volunteerRegistrations).doc(r._id).update({ shiftStart: s.start, shiftEnd: s.end, updatedAt: now });
      }
      let told = 0;
      if (tellAll) {
        const people = [...new Set(regs.map((r) => r.personId))];
        const what = changedTimes.length ? `时间调整为 ${changedTimes.map(shiftLabel).join('、')}` : `地点：${updated.place}`;
        for (const personId of people) {
          await tell(activityMessage(updated, personId, 'volunteerChanged', `edit-${now.getTime()}`, `活动变更：${updated.title}`, `您报名的活动有变更，${what}。请留意。`, now));
        }
        told = people.length;
      }
      return { activity: await activityView(updated, await shiftsOf(updated), me, now), told };
    },
  },

  'activities.publish': {
    access: PUBLISHERS,
    handler: async ({ activityId }, { person: me, now }) => {
      const a = await activityOfPark(me, activityId);
      requireManagesActivity(me, a);
      if (a.status !== 'draft') throw new ActionError('CONFLICT', { message: a.status === 'cancelled' ? '活动已取消' : '活动已经发布' });
      if (new Date(a.startsAt).getTime() <= now.getTime()) throw invalid('activityId', '活动时间已过，请先修改班次时间');
      await db.collection(C.volunteerActivities).where({ _id: a._id, status: 'draft' }).update({ status: 'published', editedAt: now });
      await audit(me, 'volunteer.activities.publish', a._id, { title: a.title }, now);
      const published = { ...a, status: 'published' as const, editedAt: now };
      return { activity: await activityView(published, await shiftsOf(a), me, now) };
    },
  },

  'activities.cancel': {
    access: PUBLISHERS,
    handler: async ({ activityId, reason }, { person: me, now }) => {
      const a = await activityOfPark(me, activityId);
      requireManagesActivity(me, a);
      if (a.status === 'cancelled') throw new ActionError('CONFLICT', { message: '活动已经取消' });
      if (stageOf(a, now) === 'finished') throw new ActionError('CONFLICT', { message: '活动已经结束，不能取消' });
      const shifts = await shiftsOf(a);
      if (shifts.some((s) => s.confirmedAt)) throw new ActionError('CONFLICT', { message: '已有班次确认了时长，不能取消整个活动' });
      // First the activity (no more sign-ups, and the timer finishes the rest if this call dies), then the people.
      await runTransaction(async (tx) => {
        const cur = await txGet<ActivityDoc>(tx, C.volunteerActivities, a._id);
        if (!cur || cur.status === 'cancelled') throw new ActionError('CONFLICT', { message: '活动已经取消' });
        await tx.collection(C.volunteerActivities).doc(a._id).update({ status: 'cancelled', cancelReason: reason, cancelPending: true, editedAt: now });
        await audit(me, 'volunteer.activities.cancel', a._id, { title: a.title, reason }, now, tx);
      });
      const cancelled: ActivityDoc = { ...a, status: 'cancelled', cancelReason: reason, cancelPending: true, editedAt: now };
      const told = await finishCancellation(cancelled, now);
      return { activity: await activityView(cancelled, await shiftsOf(a), me, now), told };
    },
  },

  'activities.list': {
    access: 'bound',
    handler: async ({ view, offset, limit }, { person: me, now }) => {
      const year = chinaPeriods(now).year;
      const hoursThisYear = await confirmedHoursInYear(me, year);
      let docs: ActivityDoc[];
      if (view === 'mine') {
        const { data } = await db.collection(C.volunteerRegistrations).where({ personId: me._id }).orderBy('shiftStart', 'desc').limit(MAX_READ).get();
        const ids = [...new Set((data as RegistrationDoc[]).map((r) => r.activityId))];
        docs = ids.length ? ((await db.collection(C.volunteerActivities).where({ _id: _.in(ids) }).limit(MAX_READ).get()).data as ActivityDoc[]) : [];
        docs.sort((x, y) => new Date(y.startsAt).getTime() - new Date(x.startsAt).getTime());
      } else if (view === 'manage') {
        const { data } = await db.collection(C.volunteerActivities).where({ parkId: me.parkId, status: _.in(['draft', 'published', 'cancelled']) }).orderBy('startsAt', 'desc').limit(MAX_READ).get();
        docs = (data as ActivityDoc[]).filter((a) => managesActivity(me, a));
      } else {
        // Open: published, not over, and for me. Soonest first.
        const { data } = await db.collection(C.volunteerActivities).where({ parkId: me.parkId, status: 'published', startsAt: _.gt(new Date(now.getTime() - 30 * 86_400_000)) }).orderBy('startsAt', 'desc').limit(MAX_READ).get();
        docs = (data as ActivityDoc[]).filter((a) => notOpenReason(a, me) === null && stageOf(a, now) !== 'finished').reverse();
      }
      const pageDocs = docs.slice(offset, offset + limit);
      const names = await branchNames(me.parkId, [...new Set(pageDocs.flatMap((a) => (a.branchId ? [a.branchId] : [])))]);
      const activities = [];
      for (const a of pageDocs) {
        const shifts = await shiftsOf(a);
        const mine = await registrationsOf(me._id, shifts.map((s) => s._id));
        const byShift = new Map(shifts.map((s) => [s._id, s]));
        activities.push({
          id: a._id, title: a.title, category: a.category, place: a.place, stage: stageOf(a, now), scope: a.scope, audience: a.audience,
          branch: a.branchId ? { id: a.branchId, name: names.get(a.branchId) ?? '' } : null, recruitUntil: new Date(a.recruitUntil).toISOString(), shifts: shifts.map(shiftView),
          mine: mine.map((r) => myRegistrationView(r, byShift.get(r.shiftId)!, a, now)),
        });
      }
      return { activities, hoursThisYear, total: docs.length };
    },
  },

  'activities.get': {
    access: 'public',
    handler: async ({ activityId }, { caller, now }) => {
      const me = caller.person;
      const a = await activityOfPark(me, activityId);
      return { activity: await activityView(a, await shiftsOf(a), me, now) };
    },
  },
};

/** Confirmed hours of a person in a China year (their registrations, one query). */
export async function confirmedHoursInYear(me: PersonDoc, year: string): Promise<number> {
  const from = chinaDateTime(`${year}-01-01 00:00`);
  const to = chinaDateTime(`${Number(year) + 1}-01-01 00:00`);
  const { data } = await db.collection(C.volunteerRegistrations).where({ personId: me._id, shiftStart: _.gte(from).and(_.lt(to)) }).field({ confirmedHours: true }).limit(MAX_READ).get();
  return (data as Array<Pick<RegistrationDoc, 'confirmedHours'>>).reduce((n, r) => n + (r.confirmedHours ?? 0), 0);
}

export { byOf };
