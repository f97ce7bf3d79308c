// Shared pieces of the study actions: loading a topic or meeting of the caller's park, who a topic
// applies to, deadlines in China time, the member's progress transaction and the points that follow
// from it (awarded exactly once through the engine).
import { chinaDayStart, chinaPeriods } from '../../../shared/periods';
import { chinaDay, chinaInstant, iso } from '../../../shared/time';
import { C, db, _, getDoc, txGet, type Tx } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import { awardPoints, withConflictRetry } from '../../_lib/points';
import type { PointItem } from '../../../shared/points';
import type { CounterDelta, MeetingDoc, NoteDoc, PersonDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import { managesBranch, requireManages } from '../../org/actions/helpers';

export { branchOfPark, invalid, managesBranch, newId, requireManages } from '../../org/actions/helpers';
export { secCheck, type Suggest } from '../../_lib/content-check';

export const MAX_READ = 1000;
const DAY_MS = 86_400_000;
export const progressId = (topicId: string, personId: string) => `${topicId}|${personId}`;
export const byOf = (p: PersonDoc) => ({ id: p._id, name: p.name });

/** A deadline 'YYYY-MM-DD' lasts until 23:59:59.999 China time that day. */
export const isClosed = (deadline: string, now: Date) => now.getTime() >= chinaDayStart(deadline).getTime() + DAY_MS;

export function requireOpen(topic: TopicDoc, now: Date): void {
  if (isClosed(topic.deadline, now)) throw new ActionError('DEADLINE_PASSED', { message: `已过截止时间（${topic.deadline}），不能再提交` });
}

/** The topic is for this person: park-wide or their branch's, and they are a Party member. */
export const appliesTo = (t: TopicDoc, p: PersonDoc) =>
  t.parkId === p.parkId && p.memberType !== 'none' && (t.scope === 'park' || t.branchId === p.branchId);

/** The topic is for this branch (of the same park). */
export const appliesToBranch = (t: TopicDoc, branchId: string) => t.scope === 'park' || t.branchId === branchId;

/** Who may manage a topic's results: park-wide → secretaries and park admins; a branch's → its managers. */
export const managesTopic = (t: TopicDoc, p: PersonDoc) =>
  t.parkId === p.parkId && (t.scope === 'park' ? p.parkAdmin || p.secretaryOf.length > 0 : managesBranch(p, t.branchId!));

export async function topicOfPark(me: PersonDoc, topicId: string): Promise<TopicDoc> {
  const t = await getDoc<TopicDoc>(C.topics, topicId);
  if (!t || t.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个专题' });
  return t;
}

/** A topic the caller studies (members only see topics meant for them). */
export async function myTopic(me: PersonDoc, topicId: string): Promise<TopicDoc> {
  const t = await topicOfPark(me, topicId);
  if (!appliesTo(t, me)) throw new ActionError('NOT_FOUND', { message: '没有找到这个专题' });
  return t;
}

export async function meetingOfPark(me: PersonDoc, meetingId: string): Promise<MeetingDoc> {
  const m = await getDoc<MeetingDoc>(C.meetings, meetingId);
  if (!m || m.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这次活动' });
  return m;
}

/** A meeting of a branch the caller manages. */
export async function managedMeeting(me: PersonDoc, meetingId: string): Promise<MeetingDoc> {
  const m = await meetingOfPark(me, meetingId);
  requireManages(me, m.branchId, '只能管理本支部的活动');
  return m;
}

export function requireNotCancelled(m: MeetingDoc): void {
  if (m.cancelled) throw new ActionError('MEETING_CANCELLED', { message: `这次活动已取消${m.cancelReason ? `：${m.cancelReason}` : ''}` });
}

/** A meeting as the client sees it (fields absent on meetings from before series existed get their defaults). */
export const meetingView = (m: MeetingDoc, attended: boolean) => ({
  id: m._id, branchId: m.branchId, kind: m.kind, title: m.title, date: m.date, startTime: m.startTime ?? null, endTime: m.endTime ?? null,
  place: m.place, attendees: m.attendees, attended,
  cancelled: m.cancelled ?? false, cancelReason: m.cancelReason ?? null, seriesId: m.seriesId ?? null, repeat: m.repeat ?? 'once',
  groupId: m.groupId ?? null, recorded: !!m.record,
});

/** A completion rate with 4 decimals (0 for an empty branch). */
export const rate = (completed: number, members: number) => (members ? Math.round((completed / members) * 10000) / 10000 : 0);

/** Full and probationary members of a branch, by name. */
export async function branchMembers(branchId: string): Promise<PersonDoc[]> {
  const { data } = await db.collection(C.people).where({ branchId, memberType: _.in(['full', 'probationary']) }).orderBy('name', 'asc').limit(MAX_READ).get();
  return data as PersonDoc[];
}

// ---- content check (FACTS.md §3) ----

// ---- progress ----

const isComplete = (t: TopicDoc, p: ProgressDoc) => p.readAt !== null && p.note === 'accepted' && (t.quiz === null || p.quizPassed);

function emptyProgress(t: TopicDoc, person: Pick<PersonDoc, '_id' | 'name' | 'branchId'>, now: Date): ProgressDoc {
  return {
    _id: progressId(t._id, person._id), topicId: t._id, parkId: t.parkId, branchId: person.branchId, personId: person._id, name: person.name,
    month: t.month, readAt: null, note: null, quizAttempts: 0, quizBest: 0, quizPassed: false, completedAt: null, updatedAt: now,
  };
}

/**
 * Change a member's progress in one transaction (retried on conflicts): `change` may refuse (throw),
 * edit the progress and write other documents through `tx`; completion is set here. Then the points
 * that follow are awarded (each exactly once, so a replay or a retry after a crash adds nothing).
 */
export async function changeProgress<R>(
  t: TopicDoc,
  person: Pick<PersonDoc, '_id' | 'name' | 'branchId'>,
  now: Date,
  change: (p: ProgressDoc, tx: Tx) => Promise<R> | R,
  by = 'system',
): Promise<{ progress: ProgressDoc; result: R; pointsAwarded: string[]; points: PointsOutcome[] }> {
  const { progress, result } = await withConflictRetry(async (tx) => {
    const id = progressId(t._id, person._id);
    const p = (await txGet<ProgressDoc>(tx, C.topicProgress, id)) ?? emptyProgress(t, person, now);
    const result = await change(p, tx);
    if (!p.completedAt && isComplete(t, p)) p.completedAt = now;
    p.updatedAt = now;
    const { _id, ...rest } = p;
    await tx.collection(C.topicProgress).doc(_id).set(rest);
    return { progress: { ...p, _id: id }, result };
  });
  const points = await awardFor(t, progress, by, now);
  return { progress, result, pointsAwarded: points.map((o) => o.item), points };
}

/** The instant an award counts at: now, kept inside the topic's month (so studyRate compares like with like). */
function awardAt(t: TopicDoc, now: Date): Date {
  const month = chinaPeriods(now).month;
  if (month === t.month) return now;
  if (month < t.month) return chinaDayStart(`${t.month}-01`);
  return new Date(chinaInstant(chinaDay(`${t.month}-01`).add(1, 'month')).getTime() - 1);
}

/** One award as the member is told it: the item, the points it gave and what happened in words. */
export interface PointsOutcome {
  item: PointItem;
  points: number;
  text: string;
}

/** Award what the progress has earned (the engine makes repeats no-ops); returns the items newly counted and what each gave. */
export async function awardFor(t: TopicDoc, p: ProgressDoc, by: string, now: Date): Promise<PointsOutcome[]> {
  const base = { parkId: p.parkId, personId: p.personId, branchId: p.branchId, sourceId: `topic:${t._id}`, note: t.title, at: awardAt(t, now), by };
  const earned: Array<[PointItem, boolean, CounterDelta]> = [
    ['noteWritten', p.note === 'accepted', {}],
    ['quizPassed', p.quizPassed, {}],
    ['topicCompleted', p.completedAt !== null, { topicsCompleted: 1 }],
  ];
  const done = await Promise.all(
    earned.filter(([, yes]) => yes).map(async ([item, , counters]) => {
      const r = await awardPoints({ ...base, item, counters });
      return r.status === 'awarded' ? { item, points: r.points, text: r.text } : null;
    }),
  );
  return done.filter((x): x is PointsOutcome => x !== null);
}

/** The member's progress as the client sees it. */
export function progressView(t: TopicDoc, p: ProgressDoc | null, note: NoteDoc | null) {
  return {
    read: !!p?.readAt,
    note: note ? noteView(note) : null,
    quiz: t.quiz
      ? { attempts: p?.quizAttempts ?? 0, attemptsLeft: Math.max(0, t.quiz.maxAttempts - (p?.quizAttempts ?? 0)), passed: !!p?.quizPassed, bestScore: p?.quizBest ?? 0 }
      : null,
    completed: !!p?.completedAt,
  };
}

export const noteView = (n: NoteDoc) => ({ id: n._id, text: n.text, status: n.status, reply: n.reply, submittedAt: new Date(n.submittedAt).toISOString() });
export const noteRow = (n: NoteDoc) => ({ ...noteView(n), personId: n.personId, name: n.name });

export function topicSummary(t: TopicDoc, now: Date, mine: ProgressDoc | null | undefined, applies: boolean) {
  return {
    id: t._id, scope: t.scope, branchId: t.branchId, month: t.month, title: t.title, deadline: t.deadline,
    closed: isClosed(t.deadline, now), hasQuiz: t.quiz !== null, completed: applies ? !!mine?.completedAt : null, editedAt: iso(t.editedAt),
  };
}
