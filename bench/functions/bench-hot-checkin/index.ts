// Bench-only function (npm run bench:checkin): a meeting check-in as Redpark did it before the surge work,
// the baseline the sharded count is compared with: every check-in's transaction adds the attendance AND
// increments the one meeting document's `attendees` (a hot document: concurrent check-ins conflict on it and
// retry), then the points through the real engine. No code or window checks (the bench's meeting is open).
//   { meetingId, points }   as the calling member (WX_OPENID)
import tcb from '@cloudbase/node-sdk';
import { C, _, db, txGet } from '../../../cloudfunctions/_lib/db';
import { awardPoints, withConflictRetry } from '../../../cloudfunctions/_lib/points';
import type { AttendanceDoc, MeetingDoc, PersonDoc } from '../../../cloudfunctions/_lib/types';

export async function main(event: { meetingId: string; points?: boolean }, context: unknown) {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const { data } = await db.collection(C.people).where({ openid: ctx.WX_OPENID }).limit(1).get();
  const me = data[0] as PersonDoc | undefined;
  if (!me) return { ok: false, error: { code: 'NOT_BOUND' } };
  const m = (await db.collection(C.meetings).doc(event.meetingId).get()).data[0] as MeetingDoc;
  const id = `${event.meetingId}|${me._id}`;
  const already = await withConflictRetry(async (tx) => {
    const [, found] = await Promise.all([txGet<MeetingDoc>(tx, C.meetings, event.meetingId), txGet<AttendanceDoc>(tx, C.attendance, id)]);
    if (found) return true;
    const a: AttendanceDoc = { _id: id, meetingId: event.meetingId, parkId: m.parkId, branchId: m.branchId, personId: me._id, name: me.name, at: new Date() };
    await tx.collection(C.attendance).add(a);
    await tx.collection(C.meetings).doc(event.meetingId).update({ attendees: _.inc(1) });
    return false;
  });
  if (event.points !== false) await awardPoints({ parkId: me.parkId, personId: me._id, branchId: me.branchId, item: 'partyLectureAttended', sourceId: `meeting:${event.meetingId}`, note: m.title, at: new Date(), by: 'system' });
  return { ok: true, data: { alreadyCheckedIn: already } };
}
