// 首页 as a to-do list (user.home): who I am and, per role, what to do next — this month's topics and
// their steps left, today's or the next meeting, unread messages, my volunteer shifts; a secretary's
// branch month (completion, notes to review, next meeting); the shifts an organizer runs today or has to
// confirm; the park's month for the park admin. One call, in two rounds of parallel reads, each read
// only when the caller's roles need it (the DB requests per persona are in docs/ARCHITECTURE.md).
import type { Home } from '../../../shared/contract/user';
import { chinaPeriods } from '../../../shared/periods';
import { measureValue } from '../../../shared/points';
import { checkInWindow } from '../../../shared/schedule';
import { chinaDateString, chinaDay, iso } from '../../../shared/time';
import { rolesOf } from '../../_lib/caller';
import { C, _, db, getDoc } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { attendeeCounts } from '../../_lib/meeting-tally';
import type { AttendanceDoc, BranchDoc, InboxDoc, MeetingDoc, ParkDoc, PersonDoc, ProgressDoc, TopicDoc, TotalsDoc } from '../../_lib/types';
import type { userContract } from '../../../shared/contract/user';
import { appliesTo, appliesToBranch, isClosed } from '../../study/actions/helpers';
import { managesActivity } from '../../volunteer/actions/helpers';
import type { ActivityDoc, RegistrationDoc, ShiftDoc } from '../../volunteer/types';
import { homeReview } from '../../review/actions/rate';
import type { PledgeDoc } from '../../pledge/types';

type HomeBranch = Pick<BranchDoc, '_id' | 'parkId' | 'name' | 'memberCount' | 'enterpriseIds'>;
type PledgeRow = Pick<PledgeDoc, '_id' | 'parkId' | 'personId' | 'branchId' | 'scope' | 'status' | 'what' | 'dueOn'>;

/**
 * Every branch of the park, read once per call (one indexed request): 首页's own names and member counts, the
 * park admin's month, and the 三评议 part (who rates whom) all use it.
 */
const parkBranches = (parkId: string) =>
  rows<HomeBranch>(db.collection(C.branches).where({ parkId }).field({ parkId: true, name: true, memberCount: true, enterpriseIds: true }).limit(1000).get());

/**
 * The park admin's month: each branch's totals of the month (one indexed request) with the branches already read.
 * 首页 reads them directly rather than through the leaderboard snapshot, whose freshness check alone is two requests
 * and a recompute five (the snapshot keeps the leaderboard's views flat; 首页 is one person's one call).
 */
async function monthRows(parkId: string, month: string, branches: Promise<HomeBranch[]>) {
  const fields = { ownerId: true, points: true, topicsCompleted: true, topicsAssigned: true, volunteerHours: true, pledgesFulfilled: true, pledgesDue: true };
  const [bs, totals] = await Promise.all([branches, rows<TotalsDoc>(db.collection(C.pointsTotals).where({ parkId, scope: 'branch', period: month }).field(fields).limit(1000).get())]);
  const byBranch = new Map(totals.map((t) => [t.ownerId, t]));
  return bs.map((b) => {
    const t = byBranch.get(b._id);
    return {
      branch: { id: b._id, name: b.name }, members: b.memberCount ?? 0,
      counters: { points: t?.points ?? 0, topicsCompleted: t?.topicsCompleted ?? 0, topicsAssigned: t?.topicsAssigned ?? 0, volunteerHours: t?.volunteerHours ?? 0, pledgesFulfilled: t?.pledgesFulfilled ?? 0, pledgesDue: t?.pledgesDue ?? 0 },
    };
  });
}

const DAY_MS = 86_400_000;
/** Finished shifts still to confirm are looked for among activities that started in the last month. */
const MANAGE_WINDOW_DAYS = 31;
const INBOX_SHOWN = 3;
/** 首页 lists my pledge items due within this many days. */
const PLEDGE_SOON_DAYS = 7;
const MY_OPEN = (personId: string) => ({ personId, status: _.in(['returned', 'approved']) });
/** A secretary's queue: items to approve, claims to confirm, withdrawals to decide. */
const QUEUED = ['submitted', 'claimed', 'withdrawing'] as const;
const none = <T>(): Promise<T[]> => Promise.resolve([]);
const rows = async <T>(q: Promise<{ data: unknown[] }>): Promise<T[]> => (await q).data as T[];

function topicItem(t: TopicDoc, p: ProgressDoc | undefined, today: string, now: Date): Home['topics'][number] {
  const quiz = t.quiz === null ? 'none' : p?.quizPassed ? 'passed' : (p?.quizAttempts ?? 0) >= t.quiz.maxAttempts ? 'failed' : 'todo';
  return {
    id: t._id, title: t.title, scope: t.scope, deadline: t.deadline, daysLeft: chinaDay(t.deadline).diff(chinaDay(today), 'day'),
    closed: isClosed(t.deadline, now), completed: !!p?.completedAt, read: !!p?.readAt, note: p?.note ?? 'none', quiz,
  };
}

function meetingItem(m: MeetingDoc, branchName: string, now: Date, attended: boolean, counts: Map<string, number>): NonNullable<Home['meeting']> {
  const { opensAt, closesAt } = checkInWindow(m);
  const checkIn = now < opensAt ? 'before' : now < closesAt ? 'open' : 'over';
  return {
    id: m._id, branchId: m.branchId, branchName, kind: m.kind, title: m.title, date: m.date, place: m.place,
    startTime: m.startTime ?? null, endTime: m.endTime ?? null, today: m.date === chinaDateString(now), checkIn, attended, attendees: counts.get(m._id) ?? m.attendees,
  };
}

const managedShift = (s: ShiftDoc, a: ActivityDoc) => ({
  activityId: a._id, shiftId: s._id, title: a.title, start: iso(s.start), end: iso(s.end), role: s.role, taken: s.taken, capacity: s.capacity,
});

async function homeOf(me: PersonDoc, now: Date, allBranches: Promise<HomeBranch[]>): Promise<Omit<Home, 'person'> & { park: Home['park']; parkName: string; branchNames: Map<string, HomeBranch> }> {
  const roles = rolesOf(me);
  const today = chinaDateString(now);
  const month = chinaPeriods(now).month;
  const isMember = roles.has('member');
  const managedBranches = me.secretaryOf;
  const studies = isMember || managedBranches.length > 0 || me.parkAdmin;
  const meetingBranches = [...new Set([...(isMember ? [me.branchId] : []), ...managedBranches])];
  const manages = me.organizer || me.parkAdmin || managedBranches.length > 0;

  // Round 1: everything that depends on the caller only.
  const [park, branches, unread, topics, progress, meetings, regs, activities, totals, pledges] = await Promise.all([
    getDoc<ParkDoc>(C.parks, me.parkId),
    allBranches,
    rows<InboxDoc>(db.collection(C.inbox).where({ personId: me._id, read: false }).orderBy('at', 'desc').limit(100).get()),
    studies ? rows<TopicDoc>(db.collection(C.topics).where({ parkId: me.parkId, month }).limit(100).get()) : none<TopicDoc>(),
    isMember ? rows<ProgressDoc>(db.collection(C.topicProgress).where({ personId: me._id, month }).limit(100).get()) : none<ProgressDoc>(),
    meetingBranches.length
      ? rows<MeetingDoc>(db.collection(C.meetings).where({ branchId: _.in(meetingBranches), date: _.gte(today) }).orderBy('date', 'asc').limit(50).get())
      : none<MeetingDoc>(),
    rows<RegistrationDoc>(
      db.collection(C.volunteerRegistrations).where({ personId: me._id, shiftEnd: _.gt(now), status: _.in(['registered', 'waitlist']) }).orderBy('shiftStart', 'asc').limit(20).get(),
    ),
    manages
      ? rows<ActivityDoc>(db.collection(C.volunteerActivities).where({ parkId: me.parkId, status: 'published', startsAt: _.gt(new Date(now.getTime() - MANAGE_WINDOW_DAYS * DAY_MS)) }).limit(200).get())
      : none<ActivityDoc>(),
    me.parkAdmin ? monthRows(me.parkId, month, allBranches) : Promise.resolve(null),
    // 承诺践诺 in one request: my open items (mine, or a 支部承诺 I am responsible for) and, for a secretary, the
    // queues of the branches I manage (an $or of two indexed parts).
    rows<PledgeRow>(
      db.collection(C.pledges)
        .where(managedBranches.length ? _.or([MY_OPEN(me._id), { branchId: _.in(managedBranches), status: _.in(QUEUED) }]) : MY_OPEN(me._id))
        .field({ parkId: true, personId: true, branchId: true, scope: true, status: true, what: true, dueOn: true })
        .limit(1000)
        .get(),
    ),
  ]);
  const myPledges = pledges.filter((p) => p.personId === me._id && (p.status === 'returned' || p.status === 'approved'));
  const branchPledges = pledges.filter((p) => managedBranches.includes(p.branchId) && (QUEUED as readonly string[]).includes(p.status));
  const branchById = new Map(branches.map((b) => [b._id, b]));
  const ofPark = topics.filter((t) => t.parkId === me.parkId);
  const mine = ofPark.filter((t) => appliesTo(t, me));
  const liveMeetings = meetings.filter((m) => m.parkId === me.parkId && !m.cancelled);
  const myMeeting = isMember ? (liveMeetings.find((m) => m.branchId === me.branchId) ?? null) : null;
  const managed = activities.filter((a) => managesActivity(me, a) && new Date(a.startsAt).getTime() <= now.getTime() + DAY_MS * 2);
  const secTopicIds = ofPark.filter((t) => managedBranches.some((b) => appliesToBranch(t, b))).map((t) => t._id);

  // Round 2: what needs round 1's answers, only when there is something to look up.
  const regShiftIds = [...new Set(regs.map((r) => r.shiftId))];
  const regActivityIds = [...new Set(regs.map((r) => r.activityId))];
  // The meetings shown: their counts (check-ins after the first are in the meeting's shards, _lib/meeting-tally.ts).
  const shownMeetings = [myMeeting, ...managedBranches.map((b) => liveMeetings.find((m) => m.branchId === b) ?? null)].filter((m): m is MeetingDoc => m !== null);
  const [attendance, regShifts, regActivities, managedShifts, completed, pendingNotes, attendees] = await Promise.all([
    myMeeting && myMeeting.date === today ? getDoc<AttendanceDoc>(C.attendance, `${myMeeting._id}|${me._id}`) : Promise.resolve(null),
    regShiftIds.length ? rows<ShiftDoc>(db.collection(C.volunteerShifts).where({ _id: _.in(regShiftIds) }).limit(regShiftIds.length).get()) : none<ShiftDoc>(),
    regActivityIds.length
      ? rows<ActivityDoc>(db.collection(C.volunteerActivities).where({ _id: _.in(regActivityIds) }).field({ title: true, parkId: true }).limit(regActivityIds.length).get())
      : none<ActivityDoc>(),
    managed.length ? rows<ShiftDoc>(db.collection(C.volunteerShifts).where({ activityId: _.in(managed.map((a) => a._id)) }).limit(1000).get()) : none<ShiftDoc>(),
    secTopicIds.length
      ? rows<Pick<ProgressDoc, 'topicId' | 'branchId'>>(
          db.collection(C.topicProgress).where({ topicId: _.in(secTopicIds), branchId: _.in(managedBranches), completedAt: _.neq(null) }).field({ topicId: true, branchId: true }).limit(1000).get(),
        )
      : none<Pick<ProgressDoc, 'topicId' | 'branchId'>>(),
    secTopicIds.length
      ? rows<Pick<ProgressDoc, 'topicId' | 'branchId'>>(
          db.collection(C.notes).where({ topicId: _.in(secTopicIds), branchId: _.in(managedBranches), status: 'pending' }).field({ topicId: true, branchId: true }).limit(1000).get(),
        )
      : none<Pick<ProgressDoc, 'topicId' | 'branchId'>>(),
    attendeeCounts(shownMeetings),
  ]);

  const progressOf = new Map(progress.map((p) => [p.topicId, p]));
  const nameOf = (branchId: string) => branchById.get(branchId)?.name ?? '';
  const shiftById = new Map(regShifts.map((s) => [s._id, s]));
  const titleOf = new Map(regActivities.filter((a) => a.parkId === me.parkId).map((a) => [a._id, a.title]));
  const activityById = new Map(managed.map((a) => [a._id, a]));
  const byStart = (x: { start: string }, y: { start: string }) => x.start.localeCompare(y.start);
  const count = (list: Array<Pick<ProgressDoc, 'topicId' | 'branchId'>>, topicId: string, branchId: string) => list.filter((p) => p.topicId === topicId && p.branchId === branchId).length;

  const parkRows = totals?.filter((r) => r.members > 0) ?? null;
  const open = myPledges.filter((p) => p.parkId === me.parkId);
  const soonUntil = chinaDay(today).add(PLEDGE_SOON_DAYS, 'day').format('YYYY-MM-DD');
  const queue = branchPledges.filter((p) => p.parkId === me.parkId);
  const queued = (b: string, s: PledgeDoc['status']) => queue.filter((p) => p.branchId === b && p.status === s).length;
  const sum = (f: (r: NonNullable<typeof parkRows>[number]) => number) => (parkRows ?? []).reduce((n, r) => n + f(r), 0);

  return {
    parkName: park?.name ?? '',
    branchNames: branchById,
    today,
    month,
    unread: unread.length,
    inbox: unread.slice(0, INBOX_SHOWN).map((m) => ({ id: m._id, kind: m.kind, title: m.title, at: iso(m.at), topicId: m.topicId, activityId: m.activityId ?? null })),
    topics: mine
      .map((t) => topicItem(t, progressOf.get(t._id), today, now))
      .sort((a, b) => Number(a.completed) - Number(b.completed) || a.deadline.localeCompare(b.deadline)),
    meeting: myMeeting ? meetingItem(myMeeting, nameOf(myMeeting.branchId), now, !!attendance, attendees) : null,
    volunteer: regs
      .filter((r) => titleOf.has(r.activityId))
      .map((r) => {
        const s = shiftById.get(r.shiftId);
        const pos = s ? s.waiters.indexOf(r._id) : -1;
        return {
          activityId: r.activityId, shiftId: r.shiftId, title: titleOf.get(r.activityId)!, start: iso(r.shiftStart), end: iso(r.shiftEnd), role: s?.role ?? null,
          status: r.status as 'registered' | 'waitlist', waitPosition: r.status === 'waitlist' && pos >= 0 ? pos + 1 : null,
          signedIn: !!r.signedInAt && !r.signedOutAt, today: chinaDateString(new Date(r.shiftStart)) === today,
        };
      }),
    branches: managedBranches
      .filter((b) => branchById.has(b))
      .map((b) => {
        const branch = branchById.get(b)!;
        const ts = ofPark.filter((t) => appliesToBranch(t, b));
        const next = liveMeetings.find((m) => m.branchId === b) ?? null;
        return {
          id: b, name: branch.name, members: branch.memberCount ?? 0,
          topics: ts.map((t) => ({ id: t._id, title: t.title, deadline: t.deadline, closed: isClosed(t.deadline, now), hasQuiz: t.quiz !== null, completed: Math.min(count(completed, t._id, b), branch.memberCount ?? 0) })),
          notesPending: ts.map((t) => ({ topicId: t._id, title: t.title, count: count(pendingNotes, t._id, b) })).filter((n) => n.count > 0),
          nextMeeting: next ? meetingItem(next, branch.name, now, false, attendees) : null,
        };
      }),
    manage: manages
      ? {
          today: managedShifts
            .filter((s) => chinaDateString(new Date(s.start)) === today || (new Date(s.start).getTime() <= now.getTime() && new Date(s.end).getTime() > now.getTime()))
            .map((s) => managedShift(s, activityById.get(s.activityId)!))
            .sort(byStart),
          toConfirm: managedShifts
            .filter((s) => !s.confirmedAt && s.taken > 0 && new Date(s.end).getTime() <= now.getTime())
            .map((s) => managedShift(s, activityById.get(s.activityId)!))
            .sort(byStart),
        }
      : null,
    pledges: {
      returned: open.filter((p) => p.status === 'returned' && p.scope === 'member').length,
      dueSoon: open
        .filter((p) => p.status === 'approved' && p.dueOn >= today && p.dueOn <= soonUntil)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
        .map((p) => ({ id: p._id, what: p.what, dueOn: p.dueOn, daysLeft: chinaDay(p.dueOn).diff(chinaDay(today), 'day') })),
      overdue: open.filter((p) => p.status === 'approved' && p.dueOn < today).length,
      branches: managedBranches
        .filter((b) => branchById.has(b))
        .map((b) => ({ id: b, name: branchById.get(b)!.name, toApprove: queued(b, 'submitted'), toConfirm: queued(b, 'claimed'), toWithdraw: queued(b, 'withdrawing') })),
    },
    park: parkRows
      ? {
          parkTopics: ofPark.filter((t) => t.scope === 'park').map((t) => ({ id: t._id, title: t.title, deadline: t.deadline })),
          studyRate: measureValue('studyRate', { points: 0, topicsCompleted: sum((r) => r.counters.topicsCompleted), topicsAssigned: sum((r) => r.counters.topicsAssigned), volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0 }, 1),
          volunteerHours: Math.round(sum((r) => r.counters.volunteerHours) * 10) / 10,
          branches: parkRows
            .map((r) => ({ id: r.branch.id, name: r.branch.name, members: r.members, studyRate: measureValue('studyRate', r.counters, r.members), volunteerHours: Math.round(r.counters.volunteerHours * 10) / 10 }))
            .sort((a, b) => (a.studyRate ?? 2) - (b.studyRate ?? 2) || a.name.localeCompare(b.name, 'zh')),
        }
      : null,
  };
}

export const home: Handlers<typeof userContract>['home'] = {
  access: 'public',
  handler: async (_input, { caller, now }) => {
    const me = caller.person;
    if (!me) {
      return { person: null, today: chinaDateString(now), month: chinaPeriods(now).month, unread: 0, inbox: [], topics: [], meeting: null, volunteer: [], branches: [], manage: null, park: null };
    }
    const branches = parkBranches(me.parkId);
    const [{ parkName, branchNames, ...rest }, review] = await Promise.all([homeOf(me, now, branches), homeReview(me, now, branches.then((bs) => new Map(bs.map((b) => [b._id, b]))))]);
    // Who I am, as user.me gives it, from the documents already read (no second read of park and branch).
    const person = {
      id: me._id, name: me.name, memberType: me.memberType, roles: [...rolesOf(me)],
      branch: { id: me.branchId, name: branchNames.get(me.branchId)?.name ?? '（支部已撤销）' }, park: { id: me.parkId, name: parkName }, secretaryOf: me.secretaryOf,
    };
    return { person, ...rest, review };
  },
};
