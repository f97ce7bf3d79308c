// Stored document shapes (server-side). Dates are Date objects; calendar days are YYYY-MM-DD strings.
import type { BranchKind, MemberType, Post } from '../../shared/contract';
import type { InboxKind } from '../../shared/contract/study';
import type { BranchCounters, Measure, PointItem, PointsTable } from '../../shared/points';

export interface ParkDoc {
  _id: string;
  name: string;
  createdAt: Date;
}

export interface BranchDoc {
  _id: string;
  parkId: string;
  name: string;
  kind: BranchKind;
  enterpriseIds: string[];
  groups: Array<{ id: string; name: string }>;
  /**
   * Full + probationary members, kept by every org transaction that adds, moves or re-types a person,
   * so "per member" leaderboards never scan the roster.
   */
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnterpriseDoc {
  _id: string;
  parkId: string;
  name: string;
  industry: string | null;
  employees: number | null;
  createdAt: Date;
}

export interface PersonDoc {
  _id: string;
  parkId: string;
  branchId: string;
  groupId: string | null;
  name: string;
  phone: string;
  memberType: MemberType;
  joinedPartyOn: string | null;
  /** 转正日期 (full members only). Absent on entries stored before the field existed: read as `?? null`. */
  fullMemberOn?: string | null;
  posts: Post[];
  responsibilityArea: string | null;
  /** The enterprise the person works at, one of their branch's (set in 联合支部 / 挂靠; absent = not recorded). */
  enterpriseId?: string | null;
  secretaryOf: string[];
  organizer: boolean;
  parkAdmin: boolean;
  /** Appears in public individual rankings (only if the park admin also turned them on). Absent = false. */
  pointsOptIn?: boolean;
  /** Set when the person binds their WeChat; never from a request. */
  openid?: string;
  boundAt?: Date;
  /** The privacy notice version agreed to at binding, and when (server-owned; absent on entries bound before). */
  privacyConsent?: { version: string; at: Date };
  createdAt: Date;
  updatedAt: Date;
}

/**
 * people_left: someone who left the park (`_id` = their former roster id). Only what the branch's
 * records need to stay true — a name, the branch and 类别 — and how they left; never a phone or openid.
 */
export interface LeftPersonDoc {
  _id: string;
  parkId: string;
  branchId: string;
  name: string;
  memberType: MemberType;
  left: {
    kind: 'left' | 'transferredOut';
    /** China calendar day they left. */
    on: string;
    reason: string;
    /** Transfers out: the organisation receiving them. */
    to: string | null;
    at: Date;
    by: { id: string; name: string };
  };
}

export interface InviteDoc {
  _id: string;
  /** The 8-character code. */
  code: string;
  personId: string;
  parkId: string;
  branchId: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export interface TransferDoc {
  _id: string;
  parkId: string;
  personId: string;
  personName: string;
  fromBranchId: string;
  /** Null for a transfer out of the park. */
  toBranchId: string | null;
  /** A transfer out of the park: the organisation receiving the person (absent on others). */
  toOrganization?: string | null;
  reason: string;
  by: { id: string; name: string };
  at: Date;
}

export interface AuditDoc {
  _id?: string;
  parkId: string;
  at: Date;
  actor: { id: string; name: string };
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

// ---- points (issue 5) ----

/** Branch counters other than points, fed by study, volunteering and pledges. */
export type CounterName = Exclude<keyof BranchCounters, 'points'>;
export type CounterDelta = Partial<Record<CounterName, number>>;

/** points_ledger: append-only; _id deterministic (see _lib/points.ts), so an event is counted once. */
export interface LedgerDoc {
  _id: string;
  parkId: string;
  personId: string;
  /** The branch credited (the person's branch when the event happened). */
  branchId: string;
  item: PointItem;
  kind: 'award' | 'reversal';
  /** Signed: a reversal is the negative of what it reverses. */
  points: number;
  /** Before caps (0 for a reversal). */
  requested: number;
  quantity: number;
  capped: boolean;
  /** Which cap held it back ('off': the item was switched off); absent on entries from before it was kept. */
  cap?: import('../../shared/points').CapReason | null;
  note: string;
  sourceId: string;
  /** Branch counters that came with the event (reversed with it). */
  counters: CounterDelta;
  reason: string | null;
  /** A reversal: the entry it reverses. (An award's reversal is found by its deterministic id, never written back.) */
  reverses: string | null;
  /** When it was recorded (a reversal: when it was corrected). */
  at: Date;
  /** The periods it counts in (a reversal: those of the entry it reverses). */
  day: string;
  month: string;
  quarter: string;
  year: string;
  tableVersion: number;
  /** Who recorded it: a person id, or the feature ('system'). */
  by: string;
  /**
   * An award's place in its person's year (`<personId>|<year>|<seq>`, unique): awards of one person and year
   * are applied to the totals one after another, in this order (_lib/points.ts). Absent on reversals and on
   * entries from before it was kept.
   */
  slot?: string;
  seq?: number;
  /**
   * An award's mark from its insert (when) until the daily housekeeping timer confirms it is in every total (or
   * finishes it), in bulk (_lib/points.ts settlePendingAwards). Pending says "not yet checked", not "not in".
   */
  pending?: Date;
}

export type TotalsPeriodKind = 'day' | 'month' | 'quarter' | 'year';

/** points_totals: `P|<personId>|<period>` (day, month, quarter, year) and `B|<branchId>|<period>` (month, quarter, year). */
export interface TotalsDoc extends BranchCounters {
  _id: string;
  parkId: string;
  scope: 'person' | 'branch';
  /** The person or the branch. */
  ownerId: string;
  /** A person's branch at their last entry in the period; the branch itself for branch totals. */
  branchId: string;
  periodKind: TotalsPeriodKind;
  period: string;
  /** Points per item (person totals: what the caps read). */
  byItem: Partial<Record<PointItem, number>>;
  updatedAt: Date;
  /** Per person (key: personKey), the seq of their newest award of the year already added here: a replay adds nothing. */
  w?: Record<string, number>;
}

/** points_tables: `<parkId>|v<version>`; no document = version 0 = DEFAULT_POINTS_TABLE. */
export interface PointsTableDoc {
  _id: string;
  parkId: string;
  version: number;
  table: PointsTable;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}

/**
 * The park's current table, kept in points_totals as `T|<parkId>` (written with each new version, in its
 * transaction) so that an award reads it in the same request as the totals; none = version 0. Never matched
 * by the totals' queries: they all name a scope or ids.
 */
export interface CurrentTableDoc extends Omit<PointsTableDoc, '_id'> {
  _id: string;
  scope: 'table';
}

/** points_counter_events: one per counted event (`recordBranchCounters`), so a repeat adds nothing. */
export interface CounterEventDoc {
  _id: string;
  parkId: string;
  branchId: string;
  sourceId: string;
  counters: CounterDelta;
  at: Date;
  month: string;
}

/** score_settings: `_id` = parkId. */
export interface ScoreSettingsDoc {
  _id: string;
  individualRanking: boolean;
  minRankedMembers: number;
  flagMeasure: Measure;
  updatedAt?: Date;
}

/** red_flags: `<parkId>|<month>`, one per park and month. */
export interface RedFlagDoc {
  _id: string;
  parkId: string;
  month: string;
  branchId: string;
  branchName: string;
  measure: Measure;
  value: number;
  awardedAt: Date;
}

// ---- study (issue 6) ----

export interface QuizQuestionDoc {
  text: string;
  kind: 'single' | 'multiple';
  choices: string[];
  /** Correct choice indexes: never sent to a client before its attempt. */
  answer: number[];
}

/** topics: a monthly study topic, park-wide (branchId null) or for one branch. */
export interface TopicDoc {
  _id: string;
  parkId: string;
  scope: 'park' | 'branch';
  branchId: string | null;
  month: string;
  title: string;
  /** Last day, China time ('YYYY-MM-DD', until 23:59:59 that day). */
  deadline: string;
  materials: Array<{ kind: 'heading' | 'paragraph' | 'image' | 'link'; text: string; url?: string }>;
  noteMinLength: number;
  quiz: { questions: QuizQuestionDoc[]; passMark: number; maxAttempts: number } | null;
  /** Members counted as assigned per branch at publication (topicsAssigned). */
  assigned: Record<string, number>;
  /**
   * Branches whose topicsAssigned counters are not yet recorded. Written with the topic in one
   * transaction, emptied once every branch's counter landed; the study timer finishes any left over.
   */
  countersPending?: string[];
  /** false while countersPending is not empty (absent on topics from before: done). */
  countersDone?: boolean;
  createdBy: { id: string; name: string };
  createdAt: Date;
  editedBy?: { id: string; name: string } | null;
  editedAt?: Date | null;
}

export type NoteStatus = 'accepted' | 'pending' | 'rejected';

/** One member's document about one topic: `_id` = `<topicId>|<personId>`; name and branch at the time. */
interface MemberTopicDoc {
  _id: string;
  topicId: string;
  parkId: string;
  branchId: string;
  personId: string;
  name: string;
}

/** topic_progress. */
export interface ProgressDoc extends MemberTopicDoc {
  month: string;
  readAt: Date | null;
  note: NoteStatus | null;
  quizAttempts: number;
  quizBest: number;
  quizPassed: boolean;
  completedAt: Date | null;
  updatedAt: Date;
}

/** notes: a self-study note. */
export interface NoteDoc extends MemberTopicDoc {
  text: string;
  status: NoteStatus;
  reply: string | null;
  reviewedBy: { id: string; name: string } | null;
  submittedAt: Date;
  updatedAt: Date;
}

/** inbox: a message to one person. */
export interface InboxDoc {
  _id: string;
  parkId: string;
  personId: string;
  kind: InboxKind;
  title: string;
  body: string;
  topicId: string | null;
  meetingId?: string | null;
  activityId?: string | null;
  at: Date;
  read: boolean;
}

/** meetings: a 主题党日 or 大党课 of a branch. */
export interface MeetingDoc {
  _id: string;
  parkId: string;
  branchId: string;
  kind: import('../../shared/contract/study').MeetingKind;
  title: string;
  date: string;
  /** 党小组会: its 党小组 (absent for every other kind). */
  groupId?: string | null;
  /** Entered after it took place with meetings.backfill (补记): never scheduled here. */
  backfilled?: boolean;
  /** Its 会议记录 (issue 19), absent until entered. */
  record?: MeetingRecordDoc;
  /** Start and end time of day in China ("14:30"); absent or null: all day (meetings from before times existed). */
  startTime?: string | null;
  endTime?: string | null;
  place: string;
  attendees: number;
  /** Scheduled together every month / quarter (absent on meetings from before series existed). */
  seriesId?: string | null;
  repeat?: 'once' | 'monthly' | 'quarterly';
  cancelled?: boolean;
  cancelReason?: string | null;
  cancelledBy?: { id: string; name: string } | null;
  createdBy: { id: string; name: string };
  createdAt: Date;
  editedAt?: Date | null;
}

/** A meeting's record. `enteredAt` is the first entry (server time, never back-dated); `late`: after the meeting's day (补记). */
export interface MeetingRecordDoc {
  chair: string;
  recorder: string;
  agenda: string;
  minutes: string;
  decisions: string;
  absences: Array<{ personId: string; name: string; leave: boolean; reason: string }>;
  enteredAt: Date;
  enteredBy: { id: string; name: string };
  late: boolean;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}

/** attendance: `<meetingId>|<personId>`. */
export interface AttendanceDoc {
  _id: string;
  meetingId: string;
  parkId: string;
  branchId: string;
  personId: string;
  name: string;
  at: Date;
  /** Marked present by hand by a secretary (absent for a check-in with the code), and why. */
  byHand?: { by: { id: string; name: string }; reason: string } | null;
  /** Marked present in the meeting's record (meetings.record / backfill): counts as attendance, gives no points. */
  fromRecord?: boolean;
  /** Counted on the person's meeting_tally shard (a check-in after the first: _lib/meeting-tally.ts countOnShard), not on the meeting document. */
  tally?: boolean;
}
