// On the day of a 主题党日 or 大党课: the rotating signed check-in code the secretary shows, members
// of the branch checking in once (points through the engine), and the attendance list. Nothing
// else is checked in, and no time is measured (FACTS.md §4).
import type { studyContract } from '../../../shared/contract/study';
import { chinaDateString } from '../../../shared/time';
import { C, _, db, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { awardPoints, withConflictRetry } from '../../_lib/points';
import { codeSigner } from '../../_lib/signed-code';
import type { AttendanceDoc, MeetingDoc } from '../../_lib/types';
import { MAX_READ, branchMembers, managedMeeting, meetingOfPark, meetingView as view, requireNotCancelled } from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

const checkin = codeSigner({ prefix: 'RM1', secretEnv: 'REDPARK_CHECKIN_SECRET', ttlS: 60, refreshS: 45 });
const attendanceId = (meetingId: string, personId: string) => `${meetingId}|${personId}`;

function requireToday(m: MeetingDoc, now: Date): void {
  if (chinaDateString(now) !== m.date) throw new ActionError('MEETING_NOT_TODAY', { message: `只能在活动当天（${m.date}）签到` });
}

export const checkInHandlers: Pick<H, 'meetings.code' | 'meetings.checkIn' | 'meetings.attendance'> = {
  'meetings.code': {
    access: MANAGERS,
    handler: async ({ meetingId }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
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
      requireNotCancelled(m);
      requireToday(m, now);
      const id = attendanceId(m._id, me._id);
      const { already, meeting } = await withConflictRetry(async (tx) => {
        const [cur, found] = await Promise.all([txGet<MeetingDoc>(tx, C.meetings, m._id), txGet<AttendanceDoc>(tx, C.attendance, id)]);
        const meeting = { ...(cur ?? m), _id: m._id };
        if (found) return { already: true, meeting };
        requireNotCancelled(meeting); // cancelled since the code was shown
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
