// Reminders that come due at a time, found by the timer before it sends: a topic published (members it is
// for), 3 days before a topic's deadline (those not finished), the day before a 主题党日 / 大党课 (the branch's
// Party members), 2 hours before a volunteer shift (those registered), and for organizers the hours waiting for
// confirmation (from the morning after the shift) and the recording window closing (2 working days left).
// Each occasion is scanned once: a marker in reminder_scans is written after its reminders are raised; a run that
// dies before the marker scans again and raises nothing twice (deterministic ids in _lib/reminders.ts).
import { chinaDateString } from '../../../shared/time';
import { REMINDER_FIELDS as F, timeText } from '../../../shared/reminders';
import { workingDaysLeft } from '../../../shared/workdays';
import { MEETING_KIND_LABELS } from '../../../shared/contract';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { RC, type RaiseInput, raiseReminders } from '../../_lib/reminders';
import type { MeetingDoc, PersonDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import type { ActivityDoc, ShiftDoc } from '../../volunteer/types';
import { lastRecordingDay, loadSettings } from '../../volunteer/actions/record';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const TOPIC_PAGE = (id: string) => `packages/study/pages/topic/index?topicId=${encodeURIComponent(id)}`;

export interface ScanResult {
  scanned: number;
  raised: number;
}

async function once(key: string, now: Date, raise: () => Promise<number>): Promise<number | null> {
  if (await getDoc(RC.scans, key)) return null;
  const n = await raise();
  await db.collection(RC.scans).doc(key).set({ at: now, raised: n });
  return n;
}

/** Party members (full and probationary) a topic is for. */
export async function topicAudience(t: TopicDoc): Promise<Array<Pick<PersonDoc, '_id' | 'name' | 'openid' | 'branchId'>>> {
  const where = t.scope === 'park' ? { parkId: t.parkId, memberType: _.in(['full', 'probationary']) } : { parkId: t.parkId, branchId: t.branchId, memberType: _.in(['full', 'probationary']) };
  return readAll<PersonDoc>(C.people, where, { _id: true, name: true, openid: true, branchId: true });
}

async function finishedOf(topicId: string): Promise<Set<string>> {
  const done = await readAll<ProgressDoc>(C.topicProgress, { topicId, completedAt: _.neq(null) }, { _id: true, personId: true });
  return new Set(done.map((p) => p.personId));
}

export async function scanTopics(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const today = chinaDateString(now);
  const in3 = chinaDateString(new Date(now.getTime() + 3 * DAY_MS));
  // Published in the last 3 days (and still open), or due in 3 days.
  const { data } = await db.collection(C.topics).where(_.or([{ createdAt: _.gte(new Date(now.getTime() - 3 * DAY_MS)) }, { deadline: in3 }])).limit(200).get();
  for (const t of data as TopicDoc[]) {
    if (t.deadline >= today && new Date(t.createdAt).getTime() >= now.getTime() - 3 * DAY_MS) {
      const n = await once(`topicPublished|${t._id}`, now, async () => {
        const people = await topicAudience(t);
        return raiseReminders(people.map((p): RaiseInput => ({
          parkId: t.parkId, personId: p._id, kind: 'topicPublished', occasion: t._id, page: TOPIC_PAGE(t._id),
          fields: F.topicPublished(t),
          inbox: { write: { kind: 'reminder', title: `新专题：${t.title}`, body: `本月学习专题已发布，请在 ${t.deadline} 前完成。`, topicId: t._id } },
        })), now);
      });
      if (n !== null) (out.scanned++, (out.raised += n));
    }
    if (t.deadline === in3) {
      const n = await once(`topicDue|${t._id}|${t.deadline}`, now, async () => {
        const [people, done] = await Promise.all([topicAudience(t), finishedOf(t._id)]);
        return raiseReminders(people.filter((p) => !done.has(p._id)).map((p): RaiseInput => ({
          parkId: t.parkId, personId: p._id, kind: 'topicDue', occasion: `${t._id}|${t.deadline}`, page: TOPIC_PAGE(t._id),
          fields: F.topicDue(t),
          inbox: { write: { kind: 'reminder', title: `还有3天截止：${t.title}`, body: `专题「${t.title}」${t.deadline} 截止，您还没有完成。`, topicId: t._id } },
        })), now);
      });
      if (n !== null) (out.scanned++, (out.raised += n));
    }
  }
  return out;
}

export async function scanMeetings(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const tomorrow = chinaDateString(new Date(now.getTime() + DAY_MS));
  const { data } = await db.collection(C.meetings).where({ date: tomorrow }).limit(500).get();
  for (const m of data as MeetingDoc[]) {
    if (m.cancelled) continue;
    const occasion = `${m._id}|${m.date}|${m.startTime ?? ''}`;
    const n = await once(`meetingTomorrow|${occasion}`, now, async () => {
      const [people, branch] = await Promise.all([
        readAll<PersonDoc>(C.people, { parkId: m.parkId, branchId: m.branchId, memberType: _.in(['full', 'probationary']) }, { _id: true }),
        getDoc<{ name: string }>(C.branches, m.branchId),
      ]);
      const label = MEETING_KIND_LABELS[m.kind];
      const fields = F.meetingTomorrow({ label, title: m.title, date: m.date, startTime: m.startTime ?? null, place: m.place, branch: branch?.name ?? '本支部' });
      const when = `${m.date} ${m.startTime ?? ''}`.trim();
      return raiseReminders(people.map((p): RaiseInput => ({
        parkId: m.parkId, personId: p._id, kind: 'meetingTomorrow', occasion, page: INBOX_TAB,
        fields,
        inbox: { write: { kind: 'reminder', title: `明天${label}：${m.title}`, body: `${when}，地点：${m.place}。`, topicId: null, meetingId: m._id } },
      })), now);
    });
    if (n !== null) (out.scanned++, (out.raised += n));
  }
  return out;
}
const INBOX_TAB = 'pages/study/index';

export async function scanShifts(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const { data } = await db.collection(C.volunteerShifts).where({ start: _.gt(now).and(_.lte(new Date(now.getTime() + 2 * HOUR_MS + 15 * 60_000))) }).limit(500).get();
  for (const s of data as ShiftDoc[]) {
    const start = new Date(s.start);
    const occasion = `${s._id}|${start.toISOString()}`;
    const n = await once(`shiftSoon|${occasion}`, now, async () => {
      const a = await getDoc<ActivityDoc>(C.volunteerActivities, s.activityId);
      if (!a || a.status !== 'published') return 0;
      const regs = await readAll<{ _id: string; personId: string }>(C.volunteerRegistrations, { shiftId: s._id, status: 'registered' }, { _id: true, personId: true });
      return raiseReminders(regs.map((r): RaiseInput => ({
        parkId: a.parkId, personId: r.personId, kind: 'shiftSoon', occasion, page: `packages/volunteer/pages/activity/index?activityId=${encodeURIComponent(a._id)}`,
        notBefore: new Date(start.getTime() - 2 * HOUR_MS),
        fields: F.shiftSoon({ title: a.title, start, place: a.place }),
        inbox: { write: { kind: 'reminder', title: `志愿服务即将开始：${a.title}`, body: `${timeText(start)} 开始，地点：${a.place}。请提前到场签到。`, topicId: null, activityId: a._id } },
      })), now);
    });
    if (n !== null) (out.scanned++, (out.raised += n));
  }
  return out;
}

/** Organizers: hours waiting for confirmation (from 12 hours after the shift ends) and 2 working days before the window closes. */
export async function scanOrganizerTodos(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const { data } = await db.collection(C.volunteerShifts).where({ confirmedAt: null, end: _.lt(new Date(now.getTime() - 12 * HOUR_MS)).and(_.gt(new Date(now.getTime() - 20 * DAY_MS))) }).limit(500).get();
  const today = chinaDateString(now);
  const settings = new Map<string, Awaited<ReturnType<typeof loadSettings>>['settings']>();
  for (const s of data as ShiftDoc[]) {
    if (!settings.has(s.parkId)) settings.set(s.parkId, (await loadSettings(s.parkId)).settings);
    const last = lastRecordingDay(s, settings.get(s.parkId)!);
    const left = workingDaysLeft(today, last, settings.get(s.parkId)!);
    if (left < 0) continue;
    const raise = async (kind: 'hoursPending' | 'recordClosing') => {
      const n = await once(`${kind}|${s._id}`, now, async () => {
        const a = await getDoc<ActivityDoc>(C.volunteerActivities, s.activityId);
        if (!a || a.status !== 'published') return 0;
        const what = kind === 'hoursPending' ? `确认时长：${a.title}` : `记录期限快到：${a.title}`;
        return raiseReminders([{
          parkId: a.parkId, personId: a.createdBy.id, kind, occasion: s._id, page: 'packages/organizer/pages/todo/index',
          fields: kind === 'hoursPending' ? F.hoursPending(a) : F.recordClosing({ title: a.title, lastDay: last }),
          inbox: { write: { kind: 'reminder', title: what, body: kind === 'hoursPending' ? `「${a.title}」${timeText(new Date(s.start))} 的班次已结束，志愿者的时长等待您确认。` : `「${a.title}」的时长须在 ${last} 前确认，逾期不能再记录。`, topicId: null, activityId: a._id } },
        }], now);
      });
      if (n !== null) (out.scanned++, (out.raised += n));
    };
    await raise('hoursPending');
    if (left <= 2) await raise('recordClosing');
  }
  return out;
}

export async function scanAll(now: Date): Promise<ScanResult> {
  const parts = [await scanTopics(now), await scanMeetings(now), await scanShifts(now), await scanOrganizerTodos(now)];
  return { scanned: parts.reduce((a, p) => a + p.scanned, 0), raised: parts.reduce((a, p) => a + p.raised, 0) };
}
