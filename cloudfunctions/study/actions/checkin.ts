// On the day of a 主题党日 or 大党课: the rotating signed check-in code the secretary shows (within the
// meeting's check-in window: from 30 minutes before its start to an hour after its end, or its whole
// day when it has no times — shared/schedule.ts checkInWindow), members of the branch checking in once
// (points through the engine, the reply saying in words what they gave), a secretary marking someone
// present by hand (a reason, audited, the same points), and the attendance list. Nothing else is
// checked in, and no time is measured (FACTS.md §4).
import type { studyContract } from '../../../shared/contract/study';
import { checkInWindow, markPresentUntil } from '../../../shared/schedule';
import { chinaDateString, clockLabel } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc, isDuplicateWrite, readAll, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { type MeetingTallyDoc, countCheckIn, countOnShard, personShard, shardKey, withAttendees } from '../../_lib/meeting-tally';
import { awardPoints, entriesInTotals, ledgerId, withConflictRetry } from '../../_lib/points';
import { codeSigner } from '../../_lib/signed-code';
import type { AttendanceDoc, LedgerDoc, MeetingDoc, PersonDoc } from '../../_lib/types';
import { MAX_READ, branchMembers, byOf, managedMeeting, meetingOfPark, meetingView as view, requireNotCancelled } from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

const checkin = codeSigner({ prefix: 'RM1', secretEnv: 'REDPARK_CHECKIN_SECRET', ttlS: 60, refreshS: 45 });
const attendanceId = (meetingId: string, personId: string) => `${meetingId}|${personId}`;

/** The check-in window is open: the meeting's day, and with times from 30 minutes before its start to an hour after its end. */
function requireOpenWindow(m: MeetingDoc, now: Date): void {
  if (chinaDateString(now) !== m.date) throw new ActionError('MEETING_NOT_TODAY', { message: `只能在活动当天（${m.date}）签到` });
  const w = checkInWindow(m);
  if (now < w.opensAt) throw new ActionError('SIGN_IN_NOT_OPEN', { message: `签到 ${clockLabel(w.opensAt)} 开始（活动开始前半小时）` });
  if (now >= w.closesAt) throw new ActionError('SIGN_IN_CLOSED', { message: `这次活动的签到已在 ${clockLabel(w.closesAt)} 结束` });
}

/** The points a meeting gives (the same event for a check-in and a mark by hand: counted once). */
const meetingAward = (m: MeetingDoc, p: Pick<PersonDoc, '_id' | 'parkId' | 'branchId'>, at: Date, by: string) => ({
  parkId: p.parkId, personId: p._id, branchId: p.branchId, item: m.kind === 'partyDay' ? ('partyDayAttended' as const) : ('partyLectureAttended' as const),
  sourceId: `meeting:${m._id}`, note: m.title, at, by,
});
/** Only 主题党日 and 大党课 give points; the other meetings of 三会一课 (issue 19) are attendance alone. */
const POINTED = new Set<MeetingDoc['kind']>(['partyDay', 'partyLecture']);
async function meetingPoints(m: MeetingDoc, p: Pick<PersonDoc, '_id' | 'parkId' | 'branchId'>, at: Date, by: string) {
  if (!POINTED.has(m.kind)) return null;
  const a = meetingAward(m, p, at, by);
  const award = await awardPoints(a);
  return { item: a.item, points: award.points, text: award.text };
}

/** The meeting as a member's check-in reply shows it: checked in, no attendance count (the page shows none; counting costs a request). */
function checkedInView(m: MeetingDoc) {
  const { attendees: _uncounted, ...shown } = view(m, true);
  return shown;
}

/**
 * The rest of a check-in already stored (a second tap, or a retry after the first call died between its writes):
 * its shard count if it was counted on one (guarded: twice adds once) and its points (the engine's exactly once).
 * When its ledger entry is there and in the totals, the first call got past both (it counts before it awards): two
 * reads, and a third (the person's year total) while the entry is not yet confirmed by the daily timer.
 */
async function finishCheckIn(m: MeetingDoc, p: Pick<PersonDoc, '_id' | 'parkId' | 'branchId'>): Promise<void> {
  const [att, entry] = await Promise.all([
    getDoc<AttendanceDoc>(C.attendance, attendanceId(m._id, p._id)),
    POINTED.has(m.kind) ? getDoc<LedgerDoc>(C.pointsLedger, ledgerId(p.parkId, meetingAward(m, p, new Date(), 'system').item, p._id, `meeting:${m._id}`)) : null,
  ]);
  if (!att || (entry && (await entriesInTotals([entry])).has(entry._id))) return;
  if (att.tally) await countOnShard(m, p._id);
  if (POINTED.has(m.kind) && !att.fromRecord) await meetingPoints(m, p, new Date(att.at), att.byHand?.by.id ?? 'system');
}

/**
 * The study timer's part: finish every check-in to a meeting of today or yesterday stored between `lookbackMs`
 * and `settleMs` ago whose call died half-way (or ran out of time) and that nobody tapped again: its shard count
 * (guarded) and, for a 主题党日 or 大党课, its points (the engine counts each event once, so a concurrent award
 * adds nothing). Returns how many it finished.
 */
export async function finishCheckIns(now: Date, lookbackMs = 3 * 3600_000, settleMs = 60_000): Promise<number> {
  const days = [chinaDateString(new Date(now.getTime() - 86_400_000)), chinaDateString(now)];
  const { data } = await db.collection(C.meetings).where({ date: _.in(days), attendees: _.gt(0) }).field({ _id: true, parkId: true, branchId: true, kind: true, title: true }).limit(MAX_READ).get();
  let finished = 0;
  for (const m of data as MeetingDoc[]) {
    const rows = await readAll<AttendanceDoc>(C.attendance, { meetingId: m._id, at: _.gte(new Date(now.getTime() - lookbackMs)).and(_.lt(new Date(now.getTime() - settleMs))) }, { personId: true, branchId: true, at: true, byHand: true, fromRecord: true, tally: true });
    if (!rows.length) continue;
    const shards = await readAll<MeetingTallyDoc>(C.meetingTally, { meetingId: m._id }, { p: true });
    const counted = (a: AttendanceDoc) => shards.some((t) => t._id === personShard(m._id, a.personId) && t.p?.[shardKey(a.personId)]);
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const who = (a: AttendanceDoc) => ({ _id: a.personId, parkId: m.parkId, branchId: a.branchId });
      const ids = chunk.map((a) => ledgerId(m.parkId, meetingAward(m, who(a), a.at, 'system').item, a.personId, `meeting:${m._id}`));
      const { data: found } = POINTED.has(m.kind) ? await db.collection(C.pointsLedger).where({ _id: _.in(ids) }).field({ personId: true, year: true, seq: true, pending: true }).limit(ids.length).get() : { data: [] };
      const awarded = await entriesInTotals(found as LedgerDoc[]);
      for (const [k, a] of chunk.entries()) {
        const tally = !!a.tally && !counted(a);
        const points = POINTED.has(m.kind) && !a.fromRecord && !awarded.has(ids[k]!);
        if (!tally && !points) continue;
        if (tally) await countOnShard(m, a.personId);
        if (points) await meetingPoints(m, who(a), new Date(a.at), a.byHand?.by.id ?? 'system');
        finished++;
      }
    }
  }
  return finished;
}

export const checkInHandlers: Pick<H, 'meetings.code' | 'meetings.checkIn' | 'meetings.attendance' | 'meetings.markPresent'> = {
  'meetings.code': {
    access: MANAGERS,
    handler: async ({ meetingId }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
      requireOpenWindow(m, now);
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
      requireOpenWindow(m, now);
      const id = attendanceId(m._id, me._id);
      const a: AttendanceDoc = { _id: id, meetingId: m._id, parkId: m.parkId, branchId: m.branchId, personId: me._id, name: me.name, at: now };
      let meeting = m;
      let first: boolean | null = null; // null: not written by this call (already there, or counted on a shard below)
      if (m.attendees === 0) {
        // The first check-ins: the attendance and the meeting document (0 → 1) in one transaction, which a concurrent
        // cancel conflicts with. Someone else's may have landed meanwhile: then this one counts on a shard.
        ({ first, meeting } = await withConflictRetry(async (tx) => {
          const [cur, found] = await Promise.all([txGet<MeetingDoc>(tx, C.meetings, m._id), txGet<AttendanceDoc>(tx, C.attendance, id)]);
          const meeting = { ...(cur ?? m), _id: m._id };
          if (found || meeting.attendees > 0) return { first: found ? false : null, meeting };
          requireNotCancelled(meeting); // cancelled since the code was shown
          await tx.collection(C.attendance).add(a);
          await countCheckIn(tx, meeting, { id: '', doc: null }); // attendees is 0 here: the meeting document
          return { first: true, meeting: { ...meeting, attendees: 1 } };
        }));
      }
      let already = first === false;
      if (first === null) {
        // Every later check-in: no transaction (nobody may cancel or move a meeting someone attended). The
        // attendance (its _id makes it once), then the person's shard, guarded (twice adds once), then the points.
        try {
          await db.collection(C.attendance).add({ ...a, tally: true });
          await countOnShard(meeting, me._id);
        } catch (e) {
          if (!isDuplicateWrite(e)) throw e;
          already = true;
        }
      }
      if (already) {
        // A second tap, or a retry after a call that died half-way: finish what the first one may not have.
        await finishCheckIn(meeting, me);
        return { meeting: checkedInView(meeting), alreadyCheckedIn: true, points: null };
      }
      // Exactly once per meeting and person (a replay after a crash still lands it once; the study timer awards a
      // check-in whose call died before its award: finishCheckIns).
      const points = await meetingPoints(m, me, now, 'system');
      return { meeting: checkedInView(meeting), alreadyCheckedIn: false, points };
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
      const [counted] = await withAttendees([m]);
      return {
        meeting: view(counted!, came.has(me._id)),
        present: rows.map((a) => ({
          personId: a.personId, name: a.name, at: new Date(a.at).toISOString(), byHand: a.byHand ? { by: a.byHand.by.name, reason: a.byHand.reason } : null,
        })),
        absent: members.filter((p) => !came.has(p._id)).map((p) => ({ personId: p._id, name: p.name })),
      };
    },
  },

  'meetings.markPresent': {
    access: MANAGERS,
    handler: async ({ meetingId, personId, reason }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
      const w = checkInWindow(m);
      if (now < w.opensAt) {
        const from = chinaDateString(now) === m.date ? `今天 ${clockLabel(w.opensAt)}` : `活动当天（${m.date}）`;
        throw new ActionError('SIGN_IN_NOT_OPEN', { message: `活动还没开始，${from}起才能补记签到` });
      }
      if (now >= markPresentUntil(m)) throw new ActionError('SIGN_IN_CLOSED', { message: '活动已过去 7 天以上，不能再补记签到' });
      const p = await getDoc<PersonDoc>(C.people, personId);
      if (!p || p.parkId !== me.parkId || p.branchId !== m.branchId || p.memberType === 'none') {
        throw new ActionError('NOT_FOUND', { message: '本支部没有这名党员' });
      }
      const person = { ...p, _id: personId };
      // The instant it counts at: now on the meeting's day; afterwards the meeting's start (or noon), so the
      // points fall in the meeting's month, as a check-in's do.
      const at = now < w.closesAt ? now : new Date(Math.min(w.opensAt.getTime() + 30 * 60_000, w.closesAt.getTime() - 1));
      const id = attendanceId(m._id, personId);
      const { already, meeting } = await withConflictRetry(async (tx) => {
        const [cur, found] = await Promise.all([txGet<MeetingDoc>(tx, C.meetings, m._id), txGet<AttendanceDoc>(tx, C.attendance, id)]);
        const meeting = { ...(cur ?? m), _id: m._id };
        if (found) return { already: true, meeting };
        requireNotCancelled(meeting);
        const a: AttendanceDoc = {
          _id: id, meetingId: m._id, parkId: m.parkId, branchId: m.branchId, personId, name: person.name, at, byHand: { by: byOf(me), reason },
        };
        await tx.collection(C.attendance).add(a);
        await tx.collection(C.meetings).doc(m._id).update({ attendees: _.inc(1) });
        await audit(me, 'meetings.markPresent', m._id, { personId, name: person.name, title: m.title, date: m.date, reason }, now, tx);
        return { already: false, meeting: { ...meeting, attendees: meeting.attendees + 1 } };
      });
      // Exactly as a check-in: the same event (a later scan by the member, or a replay, adds nothing).
      const [points, [counted]] = await Promise.all([meetingPoints(m, person, at, me._id), withAttendees([meeting])]);
      return { meeting: view(counted!, false), name: person.name, alreadyPresent: already, points: already ? null : points };
    },
  },
};
