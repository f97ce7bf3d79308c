// Scheduling 主题党日 and 大党课: once, or on a fixed day every month / quarter (a series, written in
// one transaction); listing them; moving one or changing its place; cancelling one or the rest of its
// series. A meeting someone has checked in to keeps its date and cannot be cancelled. Members of the
// branch get an inbox message when a meeting they may have planned for moves or is cancelled.
import { MEETING_KIND_LABELS, type studyContract } from '../../../shared/contract/study';
import { checkInWindow, meetingDates, meetingTimeLabel } from '../../../shared/schedule';
import { chinaDateString, monthDayLabel as monthDay } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, runTransaction, txGet, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { attendeeCounts, withAttendees } from '../../_lib/meeting-tally';
import type { AttendanceDoc, InboxDoc, MeetingDoc, PersonDoc } from '../../_lib/types';
import {
  branchMembers, branchOfPark, byOf, invalid, managedMeeting, meetingView as view, newId, requireManages, requireNotCancelled,
} from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

/** Refuse a date that already has a meeting of this kind in the branch (a double tap, or a clash). */
export async function requireFree(branchId: string, kind: MeetingDoc['kind'], dates: string[], except?: string, groupId?: string | null): Promise<void> {
  const { data } = await db.collection(C.meetings).where({ branchId, date: _.in(dates) }).limit(100).get();
  // 党小组会: a clash only within the same 党小组.
  const clash = (data as MeetingDoc[]).find((m) => m.kind === kind && !m.cancelled && m._id !== except && (m.groupId ?? null) === (groupId ?? null));
  if (clash) throw invalid('date', `${clash.date} 已经安排了${MEETING_KIND_LABELS[kind]}“${clash.title}”`);
}

/** One inbox message to every member of the branch, written through the caller's transaction. */
async function tellBranch(tx: Tx, members: PersonDoc[], m: MeetingDoc, kind: InboxDoc['kind'], title: string, body: string, now: Date): Promise<number> {
  for (const p of members) {
    const msg: InboxDoc = { _id: `${m._id}|${p._id}|${newId()}`, parkId: m.parkId, personId: p._id, kind, title, body, topicId: null, meetingId: m._id, at: now, read: false };
    await tx.collection(C.inbox).add(msg);
  }
  return members.length;
}

export const meetingHandlers: Pick<H, 'meetings.create' | 'meetings.list' | 'meetings.update' | 'meetings.cancel'> = {
  'meetings.create': {
    access: MANAGERS,
    handler: async (input, { person: me, now }) => {
      const b = await branchOfPark(me, input.branchId);
      requireManages(me, b._id, '只能为本支部安排活动');
      if (input.date < chinaDateString(now)) throw invalid('date', '日期不能早于今天');
      // Today: the meeting may not be over already (its check-in window closed) — a slip of the time picker.
      if (input.endTime && input.date === chinaDateString(now) && checkInWindow({ date: input.date, startTime: input.startTime, endTime: input.endTime }).closesAt <= now) {
        throw invalid('endTime', '这个时间已经过去了，请选择今天稍后的时间或以后的日期');
      }
      if (input.groupId !== undefined && !b.groups.some((g) => g.id === input.groupId)) throw invalid('groupId', '本支部没有这个党小组');
      const dates = meetingDates(input.date, input.repeat, input.times);
      await requireFree(b._id, input.kind, dates, undefined, input.groupId);
      const seriesId = input.repeat === 'once' ? null : newId();
      const meetings: MeetingDoc[] = dates.map((date) => ({
        _id: newId(), parkId: me.parkId, branchId: b._id, kind: input.kind, title: input.title, date,
        startTime: input.startTime ?? null, endTime: input.endTime ?? null, place: input.place, attendees: 0,
        seriesId, repeat: input.repeat, cancelled: false, cancelReason: null, cancelledBy: null, createdBy: byOf(me), createdAt: now, editedAt: null,
        ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      }));
      await runTransaction(async (tx) => {
        for (const { _id, ...rest } of meetings) await tx.collection(C.meetings).doc(_id).set(rest);
        await audit(me, 'meetings.create', seriesId ?? meetings[0]!._id, { kind: input.kind, title: input.title, dates, time: meetingTimeLabel(input), place: input.place }, now, tx);
      });
      const views = meetings.map((m) => view(m, false));
      return { meeting: views[0]!, meetings: views };
    },
  },

  'meetings.list': {
    access: 'bound',
    handler: async ({ branchId }, { person: me, now }) => {
      let branch = me.branchId;
      if (branchId !== undefined && branchId !== me.branchId) {
        const b = await branchOfPark(me, branchId);
        requireManages(me, b._id, '只能查看本支部的活动');
        branch = b._id;
      }
      const { data } = await db.collection(C.meetings).where({ branchId: branch }).orderBy('date', 'desc').limit(100).get();
      const meetings = (data as MeetingDoc[]).filter((m) => m.parkId === me.parkId);
      // Coming ones first, soonest first; then past ones, latest first.
      const today = chinaDateString(now);
      const coming = meetings.filter((m) => m.date >= today).reverse();
      const past = meetings.filter((m) => m.date < today);
      const ids = meetings.map((m) => `${m._id}|${me._id}`);
      const mine = ids.length ? ((await db.collection(C.attendance).where({ _id: _.in(ids) }).limit(ids.length).get()).data as AttendanceDoc[]) : [];
      const attended = new Set(mine.map((a) => a.meetingId));
      const counted = await withAttendees([...coming, ...past]);
      return { meetings: counted.map((m) => view(m, attended.has(m._id))) };
    },
  },

  'meetings.update': {
    access: MANAGERS,
    handler: async ({ meetingId, title, date, place, ...times }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
      const startTime = times.startTime ?? null;
      const endTime = times.endTime ?? null;
      const dayMoved = date !== m.date;
      const moved = dayMoved || startTime !== (m.startTime ?? null) || endTime !== (m.endTime ?? null);
      const came = async (x: MeetingDoc) => (await attendeeCounts([x])).get(x._id) ?? x.attendees;
      if (moved && m.attendees > 0) throw new ActionError('CONFLICT', { message: `已有 ${await came(m)} 人签到，不能再改日期和时间` });
      if (dayMoved && date < chinaDateString(now)) throw invalid('date', '新的日期不能早于今天');
      if (moved && endTime && date === chinaDateString(now) && checkInWindow({ date, startTime, endTime }).closesAt <= now) {
        throw invalid('endTime', '这个时间已经过去了，请选择今天稍后的时间或以后的日期');
      }
      if (dayMoved) await requireFree(m.branchId, m.kind, [date], m._id, m.groupId);
      if (!moved && title === m.title && place === m.place) return { meeting: view({ ...m, attendees: await came(m) }, false), notified: 0 };
      const members = moved || place !== m.place ? await branchMembers(m.branchId) : [];
      const label = MEETING_KIND_LABELS[m.kind];
      const r = await runTransaction(async (tx) => {
        const cur = await txGet<MeetingDoc>(tx, C.meetings, m._id);
        if (!cur) throw new ActionError('NOT_FOUND', { message: '没有找到这次活动' });
        requireNotCancelled(cur);
        if (moved && cur.attendees > 0) throw new ActionError('CONFLICT', { message: '刚有人签到，不能再改日期和时间' });
        const next: MeetingDoc = { ...cur, _id: m._id, title, date, startTime, endTime, place, editedAt: now };
        await tx.collection(C.meetings).doc(m._id).update({ title, date, startTime, endTime, place, editedAt: now });
        // With times on either side, the times too ("12月5日 14:30–16:30"); an all-day meeting moved: its days.
        const timed = !!(startTime || m.startTime);
        const when = (d: string, t: { startTime?: string | null; endTime?: string | null }) => (timed ? `${monthDay(d)} ${meetingTimeLabel({ date: d, ...t })}` : monthDay(d));
        const what = moved ? `改到 ${when(date, next)}（原 ${when(m.date, m)}）` : '地点有变化';
        const notified = await tellBranch(tx, members, next, 'meetingChanged', `${label}${dayMoved ? '改期' : '变更'}：${title}`, `${what}，地点：${place}。`, now);
        const time = meetingTimeLabel(next);
        await audit(me, 'meetings.update', m._id, { title, date, time, place, was: { title: m.title, date: m.date, time: meetingTimeLabel(m), place: m.place } }, now, tx);
        return { next, notified };
      });
      // The count as shown (check-ins after the first are in the meeting's shards, _lib/meeting-tally.ts).
      return { meeting: view({ ...r.next, attendees: await came(r.next) }, false), notified: r.notified };
    },
  },

  'meetings.cancel': {
    access: MANAGERS,
    handler: async ({ meetingId, following, reason }, { person: me, now }) => {
      const m = await managedMeeting(me, meetingId);
      requireNotCancelled(m);
      if (m.attendees > 0) throw new ActionError('CONFLICT', { message: `已有 ${(await attendeeCounts([m])).get(m._id) ?? m.attendees} 人签到，这次活动不能取消` });
      let later: MeetingDoc[] = [];
      if (following && m.seriesId) {
        const { data } = await db.collection(C.meetings).where({ seriesId: m.seriesId, date: _.gt(m.date) }).orderBy('date', 'asc').limit(100).get();
        // One that already took place (someone checked in) stays.
        later = (data as MeetingDoc[]).filter((x) => !x.cancelled && x.attendees === 0 && x.parkId === me.parkId);
      }
      const today = chinaDateString(now);
      const targets = [m, ...later];
      const members = targets.some((x) => x.date >= today) ? await branchMembers(m.branchId) : [];
      return runTransaction(async (tx) => {
        const cancelled: MeetingDoc[] = [];
        for (const t of targets) {
          const cur = await txGet<MeetingDoc>(tx, C.meetings, t._id);
          if (!cur || cur.cancelled || cur.attendees > 0) {
            if (t._id === m._id) throw new ActionError('CONFLICT', { message: '这次活动刚有人签到或已被取消，请刷新后再试' });
            continue;
          }
          const next: MeetingDoc = { ...cur, _id: t._id, cancelled: true, cancelReason: reason, cancelledBy: byOf(me), editedAt: now };
          const { _id, ...rest } = next;
          // Written whole: update() would flatten cancelledBy into dot paths under a null.
          await tx.collection(C.meetings).doc(_id).set(rest);
          cancelled.push(next);
        }
        const label = MEETING_KIND_LABELS[m.kind];
        const dates = cancelled.filter((x) => x.date >= today).map((x) => monthDay(x.date));
        const notified = dates.length
          ? await tellBranch(tx, members, m, 'meetingCancelled', `${label}取消：${m.title}`, `${dates.join('、')}的${label}取消。原因：${reason}`, now)
          : 0;
        await audit(me, 'meetings.cancel', m._id, { title: m.title, dates: cancelled.map((x) => x.date), reason }, now, tx);
        return { cancelled: cancelled.map((x) => view(x, false)), notified };
      });
    },
  },
};
