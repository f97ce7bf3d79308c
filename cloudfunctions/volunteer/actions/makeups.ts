// Make-up hours (补录时数): for a finished activity, an organizer enters hours for a person with a
// reason and evidence; a second person who manages the activity (never the one who entered them)
// approves or rejects. Never more than the activity's length, counting what the person already has
// for it. Approved hours reach the points engine exactly once; they count for stars and certificates as
// the park sets, never for the leaderboard's volunteer hours (those are the confirmed sign-ins).
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { awardPoints } from '../../_lib/points';
import { personOfPark } from '../../org/actions/helpers';
import type { MakeupDoc, RegistrationDoc } from '../types';
import { MAX_READ, activityOfPark, byOf, managesActivity, newId, notOpenReason, requireManagesActivity, stageOf } from './helpers';
import { makeupView } from './record';

type H = Handlers<typeof volunteerContract>;
const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;
const HOUR_MS = 3_600_000;

export const makeupSourceId = (makeupId: string) => `volunteer-makeup:${makeupId}`;

export const makeupHandlers: Pick<H, 'makeups.create' | 'makeups.decide'> = {
  'makeups.create': {
    access: MANAGERS,
    rate: 'content',
    handler: async ({ activityId, personId, hours, reason, evidence }, { person: me, now }) => {
      const a = await activityOfPark(me, activityId);
      requireManagesActivity(me, a);
      if (stageOf(a, now) !== 'finished') throw new ActionError('CONFLICT', { message: '活动结束后才能补录时长' });
      const person = await personOfPark(me, personId);
      const why = notOpenReason(a, person);
      if (why) throw new ActionError('FORBIDDEN', { message: `不能为这个人补录：${why}` });
      const length = (new Date(a.endsAt).getTime() - new Date(a.startsAt).getTime()) / HOUR_MS;
      const [regs, others] = await Promise.all([
        db.collection(C.volunteerRegistrations).where({ personId, activityId: a._id }).field({ confirmedHours: true }).limit(MAX_READ).get(),
        db.collection(C.volunteerMakeups).where({ personId, activityId: a._id, status: _.in(['pending', 'approved']) }).field({ hours: true, countedHours: true, status: true }).limit(MAX_READ).get(),
      ]);
      const already = (regs.data as RegistrationDoc[]).reduce((n, r) => n + (r.confirmedHours ?? 0), 0) + (others.data as MakeupDoc[]).reduce((n, m) => n + (m.status === 'approved' ? m.countedHours ?? 0 : m.hours), 0);
      if (already + hours > length + 1e-9) {
        throw new ActionError('INVALID_INPUT', { message: `这个活动共 ${length} 小时，此人已有 ${already} 小时，最多还能补录 ${Math.max(0, length - already)} 小时`, fields: { hours: [`最多 ${Math.max(0, length - already)} 小时`] } });
      }
      const m: MakeupDoc = {
        _id: newId(), parkId: me.parkId, activityId: a._id, title: a.title, scope: a.scope, branchId: a.branchId, personId: person._id, personBranchId: person.branchId,
        name: person.name, hours, date: chinaDateString(new Date(a.startsAt)), reason, evidence, status: 'pending', enteredBy: byOf(me), enteredAt: now,
        decidedBy: null, decidedAt: null, decisionNote: null, countedHours: null,
      };
      const { _id, ...rest } = m;
      await db.collection(C.volunteerMakeups).doc(_id).set(rest);
      await audit(me, 'volunteer.makeups.create', _id, { activity: a.title, person: person.name, hours, reason, evidence }, now);
      return { makeup: makeupView(m, me) };
    },
  },

  'makeups.decide': {
    access: MANAGERS,
    handler: async ({ makeupId, approve, note }, { person: me, now }) => {
      const m = await getDoc<MakeupDoc>(C.volunteerMakeups, makeupId);
      if (!m || m.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这条补录' });
      if (!managesActivity(me, m)) throw new ActionError('FORBIDDEN', { message: '只能审核自己管理的活动的补录' });
      // Four eyes: whoever entered the hours cannot approve them.
      if (m.enteredBy.id === me._id) throw new ActionError('FORBIDDEN', { message: '补录需要另一位负责人审核，不能审核自己录入的时长' });
      if (m.status !== 'pending') {
        // A repeated approval (a call that died before the points) finishes the points; anything else is a conflict.
        if (!(approve && m.status === 'approved')) throw new ActionError('CONFLICT', { message: '这条补录已经审核过了' });
      } else {
        const patch = { status: approve ? 'approved' : 'rejected', decidedBy: _.set(byOf(me)), decidedAt: now, decisionNote: note ?? null, countedHours: approve ? m.hours : null };
        const r = await db.collection(C.volunteerMakeups).where({ _id: m._id, status: 'pending' }).update(patch);
        if (r.updated !== 1) throw new ActionError('CONFLICT', { message: '这条补录刚被其他人审核了' });
        await audit(me, approve ? 'volunteer.makeups.approve' : 'volunteer.makeups.reject', m._id, { activity: m.title, person: m.name, hours: m.hours, note: note ?? null }, now);
        Object.assign(m, { status: approve ? 'approved' : 'rejected', decidedBy: byOf(me), decidedAt: now, decisionNote: note ?? null, countedHours: approve ? m.hours : null });
      }
      if (m.status === 'approved') {
        await awardPoints({ parkId: m.parkId, personId: m.personId, branchId: m.personBranchId, item: 'volunteerHours', sourceId: makeupSourceId(m._id), quantity: m.hours, note: `补录：${m.title}`, at: new Date(`${m.date}T12:00:00+08:00`), by: me._id });
      }
      return { makeup: makeupView(m, me) };
    },
  },
};
