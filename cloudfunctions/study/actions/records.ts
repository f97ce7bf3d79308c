// 会议记录 (issue 19: 台账): what a secretary writes down about a meeting that took place — chair, recorder,
// agenda, minutes, decisions, who was marked present by hand and who was absent and why (请假 or not) —
// and a meeting that took place but was never scheduled here, entered afterwards (补记). The record is
// stored on the meeting itself (MeetingDoc.record); attendance marked in it is an attendance document like
// any other (fromRecord: true), giving no points (points come from 签到 and 补记签到 alone). The first
// entry's time is the server's and is kept: a record entered after the meeting's day says 补记 and when.
import type { MeetingRecord, studyContract } from '../../../shared/contract/study';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, db, runTransaction, txGet, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { withAttendees } from '../../_lib/meeting-tally';
import type { AttendanceDoc, BranchDoc, MeetingDoc, MeetingRecordDoc, PersonDoc } from '../../_lib/types';
import { MAX_READ, branchMembers, branchOfPark, byOf, invalid, managedMeeting, meetingView as view, newId, requireManages, requireNotCancelled } from './helpers';
import { requireFree } from './meetings';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;
const attendanceId = (meetingId: string, personId: string) => `${meetingId}|${personId}`;

interface RecordInput {
  chair: string;
  recorder: string;
  agenda: string;
  minutes: string;
  decisions: string;
  present: string[];
  absences: Array<{ personId: string; leave: boolean; reason: string }>;
}

export const recordView = (r: MeetingRecordDoc): MeetingRecord => ({
  chair: r.chair, recorder: r.recorder, agenda: r.agenda, minutes: r.minutes, decisions: r.decisions, absences: r.absences,
  enteredAt: new Date(r.enteredAt).toISOString(), enteredBy: r.enteredBy.name, late: r.late, updatedAt: new Date(r.updatedAt).toISOString(),
});

/** Party members of the branch (a 党小组会: of its group first, then the rest). */
async function expected(m: Pick<MeetingDoc, 'branchId' | 'groupId'>): Promise<PersonDoc[]> {
  const all = await branchMembers(m.branchId);
  if (!m.groupId) return all;
  return [...all.filter((p) => p.groupId === m.groupId), ...all.filter((p) => p.groupId !== m.groupId)];
}

/** Everyone named in the record must be a Party member of the branch; someone who checked in cannot be absent. */
function checkPeople(input: RecordInput, members: Map<string, PersonDoc>, came: Set<string>): void {
  for (const id of input.present) if (!members.has(id)) throw invalid('present', '出席名单里有不是本支部党员的人');
  for (const a of input.absences) {
    if (!members.has(a.personId)) throw invalid('absences', '缺席名单里有不是本支部党员的人');
    if (came.has(a.personId)) throw invalid('absences', `${members.get(a.personId)!.name}已签到，不能记为缺席`);
  }
}

/** Write the record and the attendance it marks, through the caller's transaction; returns the stored record. */
async function writeRecord(tx: Tx, me: PersonDoc, m: MeetingDoc, input: RecordInput, members: Map<string, PersonDoc>, now: Date): Promise<{ record: MeetingRecordDoc; added: number }> {
  let added = 0;
  for (const personId of input.present) {
    const id = attendanceId(m._id, personId);
    if (await txGet<AttendanceDoc>(tx, C.attendance, id)) continue;
    const a: AttendanceDoc = {
      _id: id, meetingId: m._id, parkId: m.parkId, branchId: m.branchId, personId, name: members.get(personId)!.name,
      at: now, byHand: { by: byOf(me), reason: '会议记录' }, fromRecord: true,
    };
    await tx.collection(C.attendance).add(a);
    added++;
  }
  const prev = m.record;
  const record: MeetingRecordDoc = {
    chair: input.chair, recorder: input.recorder, agenda: input.agenda, minutes: input.minutes, decisions: input.decisions,
    absences: input.absences.map((a) => ({ personId: a.personId, name: members.get(a.personId)!.name, leave: a.leave, reason: a.reason })),
    // The first entry's time and author stay; 补记 when that was after the meeting's day.
    enteredAt: prev?.enteredAt ?? now, enteredBy: prev?.enteredBy ?? byOf(me), late: prev ? prev.late : chinaDateString(now) > m.date,
    updatedAt: now, updatedBy: byOf(me),
  };
  return { record, added };
}

export const recordHandlers: Pick<H, 'meetings.record' | 'meetings.backfill' | 'meetings.recordGet'> = {
  'meetings.record': {
    access: MANAGERS,
    handler: async ({ meetingId, ...input }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
      if (m.date > chinaDateString(now)) throw new ActionError('CONFLICT', { message: `会议在 ${m.date}，开完会后再填写会议记录` });
      const [people, present] = await Promise.all([
        branchMembers(m.branchId),
        db.collection(C.attendance).where({ meetingId: m._id }).limit(MAX_READ).get(),
      ]);
      const members = new Map(people.map((p) => [p._id, p]));
      const came = new Set((present.data as AttendanceDoc[]).map((a) => a.personId));
      checkPeople(input, members, came);
      const r = await runTransaction(async (tx) => {
        const cur = await txGet<MeetingDoc>(tx, C.meetings, m._id);
        if (!cur) throw new ActionError('NOT_FOUND', { message: '没有找到这次活动' });
        requireNotCancelled(cur);
        const meeting: MeetingDoc = { ...cur, _id: m._id };
        const { record, added } = await writeRecord(tx, me, meeting, input, members, now);
        const next: MeetingDoc = { ...meeting, record, attendees: meeting.attendees + added };
        const { _id, ...rest } = next;
        await tx.collection(C.meetings).doc(_id).set(rest);
        await audit(me, 'meetings.record', m._id, { kind: m.kind, title: m.title, date: m.date, late: record.late, edit: !!cur.record, present: input.present.length, absent: input.absences.length }, now, tx);
        return { next, record };
      });
      // The count as shown: check-ins after the first are in the meeting's shards (_lib/meeting-tally.ts).
      const [counted] = await withAttendees([r.next]);
      return { meeting: view(counted!, false), record: recordView(r.record) };
    },
  },

  'meetings.backfill': {
    access: MANAGERS,
    handler: async ({ branchId, kind, groupId, title, date, startTime, endTime, place, ...input }, { person: me, now }) => {
      const b: BranchDoc = await branchOfPark(me, branchId);
      requireManages(me, b._id, '只能为本支部补记会议');
      const today = chinaDateString(now);
      if (date > today) throw invalid('date', '还没开的会请用“安排会议”');
      const earliest = `${Number(today.slice(0, 4)) - 1}-01-01`;
      if (date < earliest) throw invalid('date', `只能补记 ${earliest} 以后的会议`);
      if (groupId !== undefined && !b.groups.some((g) => g.id === groupId)) throw invalid('groupId', '本支部没有这个党小组');
      await requireFree(b._id, kind, [date], undefined, groupId);
      const members = new Map((await branchMembers(b._id)).map((p) => [p._id, p]));
      checkPeople(input, members, new Set());
      const m: MeetingDoc = {
        _id: newId(), parkId: me.parkId, branchId: b._id, kind, title, date, startTime: startTime ?? null, endTime: endTime ?? null, place, attendees: 0,
        seriesId: null, repeat: 'once', cancelled: false, cancelReason: null, cancelledBy: null, createdBy: byOf(me), createdAt: now, editedAt: null,
        backfilled: true, ...(groupId !== undefined ? { groupId } : {}),
      };
      return runTransaction(async (tx) => {
        const { record, added } = await writeRecord(tx, me, m, input, members, now);
        const next: MeetingDoc = { ...m, record, attendees: added };
        const { _id, ...rest } = next;
        await tx.collection(C.meetings).doc(_id).set(rest);
        await audit(me, 'meetings.backfill', m._id, { kind, title, date, place, present: added, absent: input.absences.length }, now, tx);
        return { meeting: view(next, false), record: recordView(record) };
      });
    },
  },

  'meetings.recordGet': {
    access: MANAGERS,
    handler: async ({ meetingId }, { person: me }) => {
      const m = await managedMeeting(me, meetingId);
      const [people, present] = await Promise.all([
        expected(m),
        db.collection(C.attendance).where({ meetingId: m._id }).orderBy('at', 'asc').limit(MAX_READ).get(),
      ]);
      const rows = present.data as AttendanceDoc[];
      const came = new Set(rows.map((a) => a.personId));
      const [counted] = await withAttendees([m]);
      const why = new Map((m.record?.absences ?? []).map((a) => [a.personId, a]));
      // The absent: the record's absences (even someone who left the branch since), then members not accounted for.
      const absent = [
        ...(m.record?.absences ?? []).map((a) => ({ personId: a.personId, name: a.name, leave: a.leave, reason: a.reason })),
        ...people.filter((p) => !came.has(p._id) && !why.has(p._id) && (!m.groupId || p.groupId === m.groupId)).map((p) => ({ personId: p._id, name: p.name, leave: null, reason: null })),
      ];
      return {
        meeting: view(counted!, came.has(me._id)),
        record: m.record ? recordView(m.record) : null,
        present: rows.map((a) => ({ personId: a.personId, name: a.name, how: a.fromRecord ? ('record' as const) : a.byHand ? ('hand' as const) : ('code' as const) })),
        absent,
        members: people.map((p) => ({ personId: p._id, name: p.name })),
      };
    },
  },
};
