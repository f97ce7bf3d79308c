// Reminders that come due at a time, found by the timer before it sends: a topic published (members it is
// for), 3 days before a topic's deadline (those not finished), the day before a 主题党日 / 大党课 (the branch's
// Party members), 2 hours before a volunteer shift (those registered), and for organizers the hours waiting for
// confirmation (from the morning after the shift) and the recording window closing (2 working days left); 7 days
// before a pledge item is due (its person), and 三评议 raters with someone still to rate (window opening, closing).
// Each occasion is scanned once: a marker in reminder_scans is written after its reminders are raised; a run that
// dies before the marker scans again and raises nothing twice (deterministic ids in _lib/reminders.ts).
import { chinaDateString } from '../../../shared/time';
import { REMINDER_FIELDS as F, timeText } from '../../../shared/reminders';
import { workingDaysLeft } from '../../../shared/workdays';
import { MEETING_KIND_LABELS } from '../../../shared/contract/labels';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { PLEDGE_PAGE, RC, type RaiseInput, raiseReminders } from '../../_lib/reminders';
import type { MeetingDoc, PersonDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import type { ActivityDoc, ShiftDoc } from '../../volunteer/types';
import { lastRecordingDay, loadSettings } from '../../volunteer/actions/record';
import type { PledgeDoc } from '../../pledge/types';
import type { RatingDoc, DecisionDoc, ReviewDoc } from '../../review/types';
import { PERSON_FIELDS, type PersonLite, branchesOfPark, enterpriseOf, membersOfPark, roleOf, windowText } from '../../review/actions/helpers';

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


/**
 * 7 days before a pledge item is due: approved items (not yet reported kept, not overdue; fulfilled, unfulfilled,
 * withdrawn and withdrawing items are out) of the member or the branch item's responsible person. Once a day (the
 * first run after midnight, China time; sent after the quiet hours) over the items due within 7 days, so an item
 * approved later than 7 days before its due date is reminded the next morning; an item already reminded is not
 * again (deterministic ids). Overdue and returned items are reminded by the pledge function where they change.
 */
export async function scanPledges(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const today = chinaDateString(now);
  const in7 = chinaDateString(new Date(now.getTime() + 7 * DAY_MS));
  const n = await once(`pledgeDueSoon|${today}`, now, async () => {
    const items = await readAll<PledgeDoc>(C.pledges, { status: 'approved', overdue: false, dueOn: _.gt(today).and(_.lte(in7)) }, { parkId: true, personId: true, what: true, dueOn: true });
    return raiseReminders(items.map((p): RaiseInput => ({
      parkId: p.parkId, personId: p.personId, kind: 'pledgeDueSoon', occasion: `${p._id}|${p.dueOn}`, page: PLEDGE_PAGE,
      fields: F.pledgeDueSoon(p),
      inbox: { write: { kind: 'reminder', title: `承诺快到期：${p.what.length > 20 ? `${p.what.slice(0, 20)}…` : p.what}`, body: `你的承诺“${p.what}”将于 ${p.dueOn} 到期，请按时践诺并提交践诺情况。`, topicId: null } },
    })), now);
  });
  if (n !== null) (out.scanned++, (out.raised += n));
  return out;
}

/** Days before the window's last day when raters who have not finished are reminded again. */
export const REVIEW_CLOSING_DAYS = 3;

/**
 * 三评议: raters with someone still to rate (not rated by them, not yet decided by the branch), while the park's
 * window is open, on two occasions per window: when it opens (the first run of its first day, or of the day the
 * review is opened) and 3 days before it closes (the last 3 days; a window opened within them gets this one only).
 * A window moved by the park admin is a new occasion.
 */
export async function scanReviews(now: Date): Promise<ScanResult> {
  const out: ScanResult = { scanned: 0, raised: 0 };
  const today = chinaDateString(now);
  const { data } = await db.collection(C.reviews).where({ from: _.lte(today), until: _.gte(today) }).limit(500).get();
  for (const r of data as ReviewDoc[]) {
    const closingFrom = chinaDateString(new Date(Date.parse(`${r.until}T12:00:00+08:00`) - REVIEW_CLOSING_DAYS * DAY_MS));
    const occasion = today > closingFrom ? `${r._id}|closing|${r.until}` : `${r._id}|open|${r.from}`;
    const n = await once(`reviewToRate|${occasion}`, now, async () => {
      const todo = await reviewTodo(r);
      return raiseReminders([...todo].map(([personId, toRate]): RaiseInput => ({
        parkId: r.parkId, personId, kind: 'reviewToRate', occasion, page: 'packages/review/pages/todo/index',
        fields: F.reviewToRate({ year: r.year, toRate, until: r.until }),
        inbox: { write: { kind: 'reminder', title: `三评议：还有 ${toRate} 人待评议`, body: `${r.year}年度三评议${windowText(r)}进行，您还有 ${toRate} 人没有评议，请在 ${r.until} 前完成。`, topicId: null } },
      })), now);
    });
    if (n !== null) (out.scanned++, (out.raised += n));
  }
  return out;
}

/** Each rater of a review with members still to rate → how many (rated by them or decided by the branch: done). */
export async function reviewTodo(r: ReviewDoc): Promise<Map<string, number>> {
  const [branches, members, people, ratings, decisions] = await Promise.all([
    branchesOfPark(r.parkId),
    membersOfPark(r.parkId),
    readAll<PersonLite>(C.people, { parkId: r.parkId }, PERSON_FIELDS),
    readAll<Pick<RatingDoc, '_id' | 'raterId' | 'memberId'>>(C.reviewRatings, { reviewId: r._id }, { raterId: true, memberId: true }),
    readAll<Pick<DecisionDoc, '_id' | 'memberId'>>(C.reviewDecisions, { reviewId: r._id }, { memberId: true }),
  ]);
  const rated = new Set(ratings.map((x) => `${x.raterId}|${x.memberId}`));
  const decided = new Set(decisions.map((d) => d.memberId));
  const open = members.filter((m) => !decided.has(m._id));
  // Candidates by where a rater can stand (not people × members): the branches whose committee they sit on, the
  // enterprises they lead, their own enterprise; roleOf then decides as rate.todo does.
  const byBranch = new Map<string, PersonLite[]>();
  const byEnterprise = new Map<string, PersonLite[]>();
  for (const m of open) {
    byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m]);
    const e = enterpriseOf(m, branches);
    if (e) byEnterprise.set(e, [...(byEnterprise.get(e) ?? []), m]);
  }
  const led = new Map<string, string[]>();
  for (const [e, ids] of Object.entries(r.leaders)) for (const id of ids) led.set(id, [...(led.get(id) ?? []), e]);
  const committeeOf = new Map<string, string[]>();
  for (const [b, ids] of Object.entries(r.committees)) for (const id of ids) committeeOf.set(id, [...(committeeOf.get(id) ?? []), b]);
  const out = new Map<string, number>();
  for (const p of people) {
    const own = enterpriseOf(p, branches);
    const candidates = new Set<PersonLite>([
      ...[...(p.secretaryOf ?? []), ...(committeeOf.get(p._id) ?? [])].flatMap((b) => byBranch.get(b) ?? []),
      ...[...(led.get(p._id) ?? []), ...(own ? [own] : [])].flatMap((e) => byEnterprise.get(e) ?? []),
    ]);
    let n = 0;
    for (const m of candidates) if (!rated.has(`${p._id}|${m._id}`) && roleOf(r, p, m, branches)) n++;
    if (n) out.set(p._id, n);
  }
  return out;
}

export async function scanAll(now: Date): Promise<ScanResult> {
  const parts = [await scanTopics(now), await scanMeetings(now), await scanShifts(now), await scanOrganizerTodos(now), await scanPledges(now), await scanReviews(now)];
  return { scanned: parts.reduce((a, p) => a + p.scanned, 0), raised: parts.reduce((a, p) => a + p.raised, 0) };
}
