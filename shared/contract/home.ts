// 首页 as a to-do list (user.home): what each person has to do next, assembled by one call in as few
// database requests as possible (cloudfunctions/user/actions/home.ts). Every part is empty or null when it
// does not concern the caller: a member gets topics, the next meeting and their volunteer shifts; a
// secretary their branches' month; an organizer the shifts to run and confirm; a park admin the park's month.
import { dateString, id } from './common';
import { INBOX_KINDS, MEETING_KINDS } from './study';
import { REVIEW_GRADES, reviewYear } from './review';
import { z } from './zod';

export const NOTE_STEPS = ['none', 'pending', 'rejected', 'accepted'] as const;
export const QUIZ_STEPS = ['none', 'todo', 'failed', 'passed'] as const;

/** This month's topic for me, with the steps left. */
export const homeTopic = z.object({
  id,
  title: z.string(),
  scope: z.enum(['park', 'branch']),
  deadline: dateString,
  /** Days until the deadline in China time (0 = today is the last day). */
  daysLeft: z.number().int(),
  closed: z.boolean(),
  completed: z.boolean(),
  read: z.boolean(),
  /** none: not written; pending: held for the secretary; rejected: to rewrite; accepted. */
  note: z.enum(NOTE_STEPS),
  /** none: the topic has no quiz; todo: not passed, attempts left; failed: no attempts left; passed. */
  quiz: z.enum(QUIZ_STEPS),
});

/** A 主题党日 / 大党课 of a branch, today or the next one. */
export const homeMeeting = z.object({
  id,
  branchId: id,
  branchName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  date: dateString,
  place: z.string(),
  /** "14:30" China time; null for a meeting without times (all day). */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  /** It is today (China time): the member checks in, the secretary shows the code. */
  today: z.boolean(),
  /** Where now is against the check-in window (shared/schedule.ts checkInWindow): not yet, open, or over. */
  checkIn: z.enum(['before', 'open', 'over']),
  /** The caller checked in (members; false for a secretary's view of another branch). */
  attended: z.boolean(),
  attendees: z.number().int(),
});

/** A shift I signed up for (or wait for) that has not ended. */
export const homeShift = z.object({
  activityId: id,
  shiftId: id,
  title: z.string(),
  start: z.string(),
  end: z.string(),
  role: z.string().nullable(),
  status: z.enum(['registered', 'waitlist']),
  /** Place in line (waitlist only). */
  waitPosition: z.number().int().nullable(),
  signedIn: z.boolean(),
  /** It is today (China time). */
  today: z.boolean(),
});

/** A branch the caller is secretary of: this month's completion, notes to review, the next meeting. */
export const homeBranch = z.object({
  id,
  name: z.string(),
  /** Full and probationary members (the branch's stored count). */
  members: z.number().int(),
  topics: z.array(z.object({ id, title: z.string(), deadline: dateString, closed: z.boolean(), hasQuiz: z.boolean(), completed: z.number().int() })),
  /** Notes held for review in this month's topics. */
  notesPending: z.array(z.object({ topicId: id, title: z.string(), count: z.number().int() })),
  nextMeeting: homeMeeting.nullable(),
});

/** A shift of an activity the caller manages: today's to run, or finished and not yet confirmed. */
export const homeManagedShift = z.object({
  activityId: id,
  shiftId: id,
  title: z.string(),
  start: z.string(),
  end: z.string(),
  role: z.string().nullable(),
  taken: z.number().int(),
  capacity: z.number().int(),
});

/** The park's month, for the park admin: this month's park-wide topics and every branch's study and volunteering. */
export const homePark = z.object({
  parkTopics: z.array(z.object({ id, title: z.string(), deadline: dateString })),
  /** Completions ÷ assignments of this month's topics, park-wide (null: nothing assigned yet). */
  studyRate: z.number().nullable(),
  volunteerHours: z.number(),
  /** Branches with members, lowest study rate first (no topic assigned: last). */
  branches: z.array(z.object({ id, name: z.string(), members: z.number().int(), studyRate: z.number().nullable(), volunteerHours: z.number() })),
});

/** 三评议 now (the review open, or about to open, or the latest): what I rate, and my result once decided. */
export const homeReview = z.object({
  year: reviewYear,
  from: dateString,
  until: dateString,
  open: z.boolean(),
  upcoming: z.boolean(),
  /** Members I still have to rate / have rated (while the window is open; 0 otherwise). */
  toRate: z.number().int(),
  rated: z.number().int(),
  /** The branch's decision on me once the window is over (null: none yet, the window still open, or I am not reviewed). */
  result: z.enum(REVIEW_GRADES).nullable(),
});

/**
 * 承诺践诺 to-dos (issue 17): my items returned for rewriting, due within 7 days, past their due date (approved, not
 * claimed yet); for a secretary, each branch's queue (to approve, claims to confirm, withdrawals to decide).
 */
export const homePledges = z.object({
  returned: z.number().int(),
  dueSoon: z.array(z.object({ id, what: z.string(), dueOn: dateString, daysLeft: z.number().int() })),
  overdue: z.number().int(),
  branches: z.array(z.object({ id, name: z.string(), toApprove: z.number().int(), toConfirm: z.number().int(), toWithdraw: z.number().int() })),
});

export const homeParts = z.object({
  today: dateString,
  month: z.string(),
  /** Unread inbox messages; the newest few are in `inbox`. */
  unread: z.number().int(),
  inbox: z.array(z.object({ id, kind: z.enum(INBOX_KINDS), title: z.string(), at: z.string(), topicId: id.nullable(), activityId: id.nullable() })),
  topics: z.array(homeTopic),
  /** My branch's meeting today, or its next one (Party members). */
  meeting: homeMeeting.nullable(),
  volunteer: z.array(homeShift),
  branches: z.array(homeBranch),
  /** Organizers, secretaries and park admins with activities: today's shifts and those to confirm. */
  manage: z.object({ today: z.array(homeManagedShift), toConfirm: z.array(homeManagedShift) }).nullable(),
  park: homePark.nullable(),
  /** 三评议 (absent or null: no review in the park). */
  review: homeReview.nullable().optional(),
  /** 承诺践诺 (absent for someone unbound). */
  pledges: homePledges.optional(),
});
