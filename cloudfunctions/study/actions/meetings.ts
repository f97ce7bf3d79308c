// 主题党日 and 大党课: a secretary schedules one, shows a rotating signed check-in code on the day,
// members of the branch check in once (points through the engine), and the attendance list.
// Nothing else is checked in, and no time is measured (FACTS.md §4).
import type { studyContract } from '../../../shared/contract/study';
import { chinaDateString } from '../../../shared/time';
import { C, _, db, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { awardPoints, withConflictRetry } from '../../_lib/points';
import { codeSigner } from '../../_lib/signed-code';
import type { AttendanceDoc, MeetingDoc, PersonDoc } from '../../_lib/types';
import { MAX_READ, branchMembers, branchOfPark, byOf, meetingOfPark, newId, requireManages } from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

const checkin = codeSigner({ prefix: 'RM1', secretEnv: 'REDPARK_CHECKIN_SECRET', ttlS: 60, refreshS: 45 });
const attendanceId = (meetingId: string, personId: string) => `${meetingId}|${personId}`;

const view = (m: MeetingDoc, attended: boolean) => ({
  id: m._id, branchId: m.branchId, kind: m.kind, title: m.title, date: m.date, place: m.place, attendees: m.attendees, attended,
});

function requireToday(m: MeetingDoc, now: Date): void {
  if (chinaDateString(now) !== m.date) throw new ActionError('MEETING_NOT_TODAY', { message: `只能在活动当天（${m.date}）签到` });
}

async function managedMeeting(me: PersonDoc, meetingId: string): Promise<MeetingDoc> {
  const m = await meetingOfPark(me, meetingId);
  requireManages(me, m.branchId, '只能管理本支部的活动');
  return m;
}

export const meetingHandlers: Pick<H, 'meetings.create' | 'meetings.list' | 'meetings.code' | 'meetings.checkIn' | 'meetings.attendance'> = {
  'meetings.create': {
    access: MANAGERS,
    handler: async (input, { person: me, now }) => {
      const b = await branchOfPark(me, input.branchId);
      requireManages(me, b._id, '只能为本支部安排活动');
      const m: MeetingDoc = { _id: newId(), parkId: me.parkId, branchId: b._id, kind: input.kind, title: input.title, date: input.date, place: input.place, attendees: 0, createdBy: byOf(me), createdAt: now };
      await db.collection(C.meetings).add(m);
      return { meeting: view(m, false) };
    },
  },

  'meetings.list': {
    access: 'bound',
    handler: async ({ branchId }, { person: me }) => {
      let branch = me.branchId;
      if (branchId !== undefined && branchId !== me.branchId) {
        const b = await branchOfPark(me, branchId);
        requireManages(me, b._id, '只能查看本支部的活动');
        branch = b._id;
      }
      const { data } = await db.collection(C.meetings).where({ branchId: branch }).orderBy('date', 'desc').limit(100).get();
      const meetings = (data as MeetingDoc[]).filter((m) => m.parkId === me.parkId);
      const ids = meetings.map((m) => attendanceId(m._id, me._id));
      const mine = ids.length ? ((await db.collection(C.attendance).where({ _id: _.in(ids) }).limit(ids.length).get()).data as AttendanceDoc[]) : [];
      const attended = new Set(mine.map((a) => a.meetingId));
      return { meetings: meetings.map((m) => view(m, attended.has(m._id))) };
    },
  },

  'meetings.code': {
    access: MANAGERS,
    handler: async ({ meetingId }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireToday(m, now);
      const c = checkin.issue(m._id, now.getTime());
      return { code: c.code, expiresAt: c.expiresAt.toISOString(), refreshAt: c.refreshAt.toISOString() };
    },
  },

  'meetings.checkIn': {
    access: ['member'],
    handler: async ({ code }, { person: me, now }) => {
      const check = checkin.check(code, now.getTime());
      if (!check.ok) throw new ActionError(check.reason === 'expired' ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_INVALID');
      const m = await meetingOfPark(me, check.subject);
      if (m.branchId !== me.branchId) throw new ActionError('FORBIDDEN', { message: '这是其他支部的活动，只有本支部党员可以签到' });
      requireToday(m, now);
      const id = attendanceId(m._id, me._id);
      const { already, meeting } = await withConflictRetry(async (tx) => {
        const [cur, found] = await Promise.all([txGet<MeetingDoc>(tx, C.meetings, m._id), txGet<AttendanceDoc>(tx, C.attendance, id)]);
        const meeting = { ...(cur ?? m), _id: m._id };
        if (found) return { already: true, meeting };
        const a: AttendanceDoc = { _id: id, meetingId: m._id, parkId: m.parkId, branchId: m.branchId, personId: me._id, name: me.name, at: now };
        await tx.collection(C.attendance).add(a);
        await tx.collection(C.meetings).doc(m._id).update({ attendees: _.inc(1) });
        return { already: false, meeting: { ...meeting, attendees: meeting.attendees + 1 } };
      });
      // Exactly once per meeting and person (a replay after a crash still lands it once).
      await awardPoints({
        parkId: me.parkId, personId: me._id, branchId: me.branchId, item: m.kind === 'partyDay' ? 'partyDayAttended' : 'partyLectureAttended',
        sourceId: `meeting:${m._id}`, note: m.title,
      });
      return { meeting: view(meeting, true), alreadyCheckedIn: already };
    },
  },

  'meetings.attendance': {
    access: MANAGERS,
    handler: async ({ meetingId }, { person: me }) => {
      const m = await managedMeeting(me, meetingId);
      const [present, members] = await Promise.all([
        db.collection(C.attendance).where({ meetingId: m._id }).orderBy('at', 'asc').limit(MAX_READ).get(),
        branchMembers(m.branchId),
      ]);
      const rows = present.data as AttendanceDoc[];
      const came = new Set(rows.map((a) => a.personId));
      return {
        meeting: view(m, came.has(me._id)),
        present: rows.map((a) => ({ personId: a.personId, name: a.name, at: new Date(a.at).toISOString() })),
        absent: members.filter((p) => !came.has(p._id)).map((p) => ({ personId: p._id, name: p.name })),
      };
    },
  },
};
