// What the 台账 is made of, read for a set of branches and a period: the branches, their people, meetings with
// attendance, study progress, volunteer hours and points totals. Every read is on an index and paged (1,000 a
// page); a park of 100 branches over a year is a few hundred reads.
import { PERIOD_PATTERNS, lastDayOfMonth, periodLabel } from '../../../shared/periods';
import { C, _, db, getDoc, inChunks, readAll as readFields } from '../../_lib/db';
import { PUBLIC_STATUSES } from '../../../shared/contract/pledge';
import { LEDGER_STEP_BRANCHES, type LedgerSheet } from '../../../shared/contract/ledger';
import type { ReviewRole } from '../../../shared/contract/review';
import type { PledgeDoc } from '../../pledge/types';
import type { DecisionDoc, RatingDoc, ReviewDoc } from '../../review/types';
import { MEMBER_TYPES_REVIEWED, type Branches, expectedRoles, secretariesByBranch } from '../../review/actions/helpers';
import { branchCompliance } from './compliance';
import type { BranchCompliance } from '../../../shared/contract/ledger';
import type { AttendanceDoc, BranchDoc, MeetingDoc, PersonDoc, ProgressDoc, TopicDoc, TotalsDoc } from '../../_lib/types';
import type { MakeupDoc, RegistrationDoc } from '../../volunteer/types';

export const PAGE = 1000;

/**
 * Every document a query matches, 1,000 at a time, paged by `_id` (never skip(), which re-reads what it skips), then
 * sorted by `order` in memory.
 */
export async function readAll<T>(collection: string, where: object, order?: [string, 'asc' | 'desc']): Promise<T[]> {
  const out: T[] = [];
  let last: string | null = null;
  for (;;) {
    const q: object = last === null ? where : { ...where, _id: _.gt(last) };
    const { data } = await db.collection(collection).where(q).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...(data as T[]));
    if (data.length < PAGE) break;
    last = (data[data.length - 1] as { _id: string })._id;
  }
  if (order) {
    const [k, dir] = order;
    const sign = dir === 'asc' ? 1 : -1;
    const key = (x: T) => (x as Record<string, unknown>)[k] as string | number | Date;
    out.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
  }
  return out;
}

export interface Period {
  key: string;
  label: string;
  kind: 'month' | 'quarter' | 'year';
  /** The months it covers, YYYY-MM, in order. */
  months: string[];
  first: string;
  last: string;
}

export function periodOf(key: string): Period {
  const y = key.slice(0, 4);
  let months: string[];
  let kind: Period['kind'];
  if (PERIOD_PATTERNS.month.test(key)) {
    months = [key];
    kind = 'month';
  } else if (PERIOD_PATTERNS.quarter.test(key)) {
    const q = Number(key.slice(6));
    months = [1, 2, 3].map((i) => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
    kind = 'quarter';
  } else {
    months = Array.from({ length: 12 }, (_x, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
    kind = 'year';
  }
  return { key, label: periodLabel(key), kind, months, first: `${months[0]}-01`, last: lastDayOfMonth(months[months.length - 1]!) };
}

export interface BranchData {
  branch: BranchDoc;
  /** Everyone on the branch's roster now, by name. */
  people: PersonDoc[];
  meetings: MeetingDoc[];
  /** Attendance by meeting id. */
  attendance: Map<string, AttendanceDoc[]>;
  topics: TopicDoc[];
  /** Progress by `<topicId>|<personId>`. */
  progress: Map<string, ProgressDoc>;
  /** Confirmed volunteer hours: [personId, name, month, hours, kind]. */
  hours: Array<{ personId: string; name: string; month: string; hours: number; kind: 'credit' | 'makeup' }>;
  /** Person points totals for the period. */
  totals: TotalsDoc[];
  /** Photos per meeting (claimed, passed the check). */
  photos: Map<string, number>;
  /** 三会一课 compliance for the period's year, as of `asOf`. */
  compliance: BranchCompliance;
  /** Public pledges (approved and after) due in the period, by due date. */
  pledges: PledgeDoc[];
  /** 三评议 of the period's year; null when the park has not opened it. Never who rated. */
  review: BranchReview | null;
}

export interface BranchReview {
  year: string;
  /** Each member reviewed: the groups expected to rate, the groups that have, the branch's decision. */
  members: Array<{ personId: string; name: string; memberType: PersonDoc['memberType'] | null; expected: ReviewRole[]; rated: Set<ReviewRole>; decision: DecisionDoc | null }>;
}

const monthOfInstant = (d: Date) => new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

const group = <T>(rows: T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/**
 * The period's data of `branches`: read per branch for one, park-wide (by parkId, then grouped) for several, so a
 * park of 100 branches costs the same few reads as one branch plus pages.
 */
export async function loadBranches(parkId: string, branches: BranchDoc[], p: Period, topicsOfPark: TopicDoc[], asOf: Date, sheets: readonly LedgerSheet[]): Promise<BranchData[]> {
  const year = p.key.slice(0, 4);
  const one = branches.length === 1 ? branches[0]!._id : null;
  // One branch, a step's chunk of branches (by branchId), or the whole park (by parkId, then grouped).
  const few = !one && branches.length <= LEDGER_STEP_BRANCHES ? _.in(branches.map((b) => b._id)) : null;
  const scope = one ? { branchId: one } : few ? { parkId, branchId: few } : { parkId };
  const wanted = new Set(branches.map((b) => b._id));
  const from = new Date(`${p.first}T00:00:00+08:00`);
  const to = new Date(`${p.last}T23:59:59.999+08:00`);
  // Only what the sheets need is read (the park board asks for the few it shows: no attendance, no photos).
  const needs = (...s: LedgerSheet[]) => s.some((x) => sheets.includes(x));
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [people, meetings, regs, makeups, totals, yearMeetings] = await Promise.all([
    readAll<PersonDoc>(C.people, scope, ['name', 'asc']),
    readAll<MeetingDoc>(C.meetings, { ...scope, date: _.gte(p.first).and(_.lte(p.last)) }, ['date', 'asc']),
    needs('volunteer') ? readAll<RegistrationDoc>(C.volunteerRegistrations, { ...scope, shiftStart: _.gte(from).and(_.lte(to)) }, ['shiftStart', 'asc']) : none<RegistrationDoc>(),
    !needs('volunteer') ? none<MakeupDoc>() : one
      ? readAll<MakeupDoc>(C.volunteerMakeups, { personBranchId: one, date: _.gte(p.first).and(_.lte(p.last)) }, ['date', 'asc'])
      : readAll<MakeupDoc>(C.volunteerMakeups, { parkId, status: 'approved' }, ['date', 'asc']).then((r) => r.filter((m) => m.date >= p.first && m.date <= p.last)),
    needs('points') ? readAll<TotalsDoc>(C.pointsTotals, { ...scope, scope: 'person', period: p.key }, ['points', 'desc']) : none<TotalsDoc>(),
    p.kind === 'year' ? Promise.resolve(null) : readAll<MeetingDoc>(C.meetings, { ...scope, date: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) }, ['date', 'asc']),
  ]);
  const live = meetings.filter((m) => m.parkId === parkId && wanted.has(m.branchId));
  const attendanceRows = needs('meetings', 'attendance') ? await inChunks(live.map((m) => m._id), (ids) => readAll<AttendanceDoc>(C.attendance, { meetingId: _.in(ids) })) : [];
  attendanceRows.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  const attendance = group(attendanceRows, (a) => a.meetingId);
  // Study: only the completed rows count (a sheet's cell and the board's 完成), so only those are read, and only the
  // fields that say whose and which. Park-wide, a topic at a time (in parallel): paged by _id, each page then sorts
  // one topic's rows, not every topic's (a park of 100 branches: 2,000 rows a page instead of 22,000).
  const fields = { topicId: true, personId: true, branchId: true, completedAt: true };
  const progressRows = !needs('study') ? [] : one
    ? await inChunks(topicsOfPark.map((t) => t._id), (ids) => readFields<ProgressDoc>(C.topicProgress, { topicId: _.in(ids), branchId: one, completedAt: _.neq(null) }, fields))
    : (await Promise.all(topicsOfPark.map((t) => readFields<ProgressDoc>(C.topicProgress, { topicId: t._id, completedAt: _.neq(null) }, fields)))).flat();
  const files = needs('meetings') ? await inChunks(live.map((m) => `meeting:${m._id}`), (keys) => readAll<{ _id: string; recordKey: string; check: string | null }>(C.files, { recordKey: _.in(keys) })) : [];
  const photos = new Map<string, number>();
  for (const f of files) if (f.check === 'pass') photos.set(f.recordKey.slice(8), (photos.get(f.recordKey.slice(8)) ?? 0) + 1);
  const peopleBy = group(people.filter((x) => x.parkId === parkId), (x) => x.branchId);
  const meetingsBy = group(live, (m) => m.branchId);
  const yearBy = group((yearMeetings ?? meetings).filter((m) => m.parkId === parkId), (m) => m.branchId);
  const regsBy = group(regs.filter((r) => r.parkId === parkId), (r) => r.branchId);
  const makeupsBy = group(makeups.filter((m) => m.parkId === parkId), (m) => m.personBranchId);
  const totalsBy = group(totals.filter((t) => t.parkId === parkId), (t) => t.branchId);
  const progressBy = group(progressRows, (r) => r.branchId);
  const pledgesBy = group(sheets.includes('pledges') ? await loadPledges(parkId, one, p) : [], (x) => x.branchId);
  const reviews = sheets.includes('reviews') ? await loadReviews(parkId, one, year, branches, people.filter((x) => x.parkId === parkId)) : null;
  return branches.map((branch) => {
    const mine = meetingsBy.get(branch._id) ?? [];
    const hours = [
      ...(regsBy.get(branch._id) ?? []).filter((r) => r.confirmedHours !== null && r.status === 'registered').map((r) => ({ personId: r.personId, name: r.name, month: monthOfInstant(r.shiftStart), hours: r.confirmedHours!, kind: 'credit' as const })),
      ...(makeupsBy.get(branch._id) ?? []).filter((m) => m.status === 'approved' && m.countedHours !== null).map((m) => ({ personId: m.personId, name: m.name, month: m.date.slice(0, 7), hours: m.countedHours!, kind: 'makeup' as const })),
    ];
    return {
      branch,
      people: peopleBy.get(branch._id) ?? [],
      meetings: mine,
      attendance: new Map(mine.map((m) => [m._id, attendance.get(m._id) ?? []])),
      topics: topicsOfPark.filter((t) => t.scope === 'park' || t.branchId === branch._id),
      progress: new Map((progressBy.get(branch._id) ?? []).map((r) => [`${r.topicId}|${r.personId}`, r])),
      hours,
      totals: totalsBy.get(branch._id) ?? [],
      photos,
      compliance: branchCompliance(branch, year, yearBy.get(branch._id) ?? [], asOf),
      pledges: pledgesBy.get(branch._id) ?? [],
      review: reviews ? { year, members: reviews.get(branch._id) ?? [] } : null,
    };
  });
}

/** Public pledges (approved and after) due in the period: the branch's, or the park's by year. */
async function loadPledges(parkId: string, one: string | null, p: Period): Promise<PledgeDoc[]> {
  const year = p.key.slice(0, 4);
  const rows = await readAll<PledgeDoc>(C.pledges, one ? { branchId: one, year } : { parkId, year }, ['dueOn', 'asc']);
  const shown = new Set<string>(PUBLIC_STATUSES);
  return rows.filter((x) => x.parkId === parkId && shown.has(x.status) && x.dueOn >= p.first && x.dueOn <= p.last);
}

/**
 * 三评议 of a year by branch (null: not opened): every member reviewed now, and anyone the branch decided on since
 * (by the decision's name). Ratings are read for their member and group only: never the rater.
 */
async function loadReviews(parkId: string, one: string | null, year: string, branches: BranchDoc[], people: PersonDoc[]): Promise<Map<string, BranchReview['members']> | null> {
  const review = await getDoc<ReviewDoc>(C.reviews, `${parkId}|${year}`);
  if (!review) return null;
  const reviewed = new Set<string>(MEMBER_TYPES_REVIEWED);
  const members = people.filter((x) => reviewed.has(x.memberType));
  const [decisions, ratings] = await Promise.all([
    readAll<DecisionDoc>(C.reviewDecisions, one ? { reviewId: review._id, branchId: one } : { reviewId: review._id }),
    one
      ? inChunks(members.map((m) => m._id), (ids) => readFields<Pick<RatingDoc, '_id' | 'memberId' | 'role'>>(C.reviewRatings, { reviewId: review._id, memberId: _.in(ids) }, { memberId: true, role: true }))
      : readFields<Pick<RatingDoc, '_id' | 'memberId' | 'role'>>(C.reviewRatings, { reviewId: review._id }, { memberId: true, role: true }),
  ]);
  const branchMap: Branches = new Map(branches.map((b) => [b._id, b]));
  const secretaries = secretariesByBranch(people);
  const rated = new Map<string, Set<ReviewRole>>();
  for (const r of ratings) rated.set(r.memberId, (rated.get(r.memberId) ?? new Set<ReviewRole>()).add(r.role));
  const decided = new Map(decisions.map((d) => [d.memberId, d]));
  const out = new Map<string, BranchReview['members']>();
  const add = (branchId: string, row: BranchReview['members'][number]) => out.set(branchId, [...(out.get(branchId) ?? []), row]);
  for (const m of members) {
    add(m.branchId, { personId: m._id, name: m.name, memberType: m.memberType, expected: expectedRoles(review, m, branchMap, secretaries), rated: rated.get(m._id) ?? new Set(), decision: decided.get(m._id) ?? null });
    decided.delete(m._id);
  }
  // Decided on, since gone from the branch (or no longer a member): the decision stays in the 台账.
  for (const d of decided.values()) add(d.branchId, { personId: d.memberId, name: d.name, memberType: null, expected: [], rated: rated.get(d.memberId) ?? new Set(), decision: d });
  return out;
}

/** The park's topics of the period's months (park-wide and every branch's). */
export async function loadTopics(parkId: string, p: Period): Promise<TopicDoc[]> {
  return readAll<TopicDoc>(C.topics, { parkId, month: _.in(p.months) }, ['month', 'asc']);
}
