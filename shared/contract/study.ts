// The `study` function: 一月一专题 (monthly study topics with materials, a self-study note and an
// optional quiz), the secretary's view of their branch, the in-app inbox, and 主题党日 / 大党课 meetings
// with a rotating check-in code. Quiz answers never appear in an output before the member submits;
// progress, points and attendance are written by the server only. No reading-time tracking and no
// compulsory check-in of anything but the meeting itself (FACTS.md §4).
import { PERIOD_PATTERNS } from '../periods';
import { POINT_ITEMS } from '../points';
import { dateString, id, page, shortText } from './common';
import { z } from './zod';
import { MEETING_KINDS } from './labels';

export const month = z.string().regex(PERIOD_PATTERNS.month, '月份格式应为 2026-11');

export const BLOCK_KINDS = ['heading', 'paragraph', 'image', 'link'] as const;
const httpsUrl = z.string().trim().max(500).regex(/^https:\/\/\S+$/, '链接应以 https:// 开头');
/** One block of a topic's materials: a heading, a paragraph, an image (url) or a link (text + url). */
export const block = z
  .object({ kind: z.enum(BLOCK_KINDS), text: z.string().trim().max(5000, '一段最多 5000 字'), url: httpsUrl.optional() })
  .strict()
  .refine((b) => (b.kind === 'image' || b.kind === 'link' ? b.url !== undefined : b.url === undefined), { message: '图片和链接需要地址，标题和段落不需要', path: ['url'] })
  .refine((b) => b.kind === 'image' || b.text.length > 0, { message: '请填写内容', path: ['text'] });
export type Block = z.infer<typeof block>;

export const QUESTION_KINDS = ['single', 'multiple'] as const;
const question = z
  .object({
    text: shortText(500, '题目'),
    kind: z.enum(QUESTION_KINDS),
    choices: z.array(shortText(200, '选项')).min(2, '至少 2 个选项').max(8, '最多 8 个选项'),
    /** Indexes of the correct choices (server-side only; never in an output). */
    answer: z.array(z.number().int().min(0)).min(1, '请选择正确答案'),
  })
  .strict()
  .refine((q) => q.answer.every((a) => a < q.choices.length) && new Set(q.answer).size === q.answer.length, { message: '正确答案不在选项里', path: ['answer'] })
  .refine((q) => q.kind === 'multiple' || q.answer.length === 1, { message: '单选题只能有一个正确答案', path: ['answer'] });

const quizInput = z
  .object({
    questions: z.array(question).min(1, '至少 1 道题').max(50, '最多 50 道题'),
    /** How many questions must be right to pass. */
    passMark: z.number().int().min(1),
    /** Attempts a member has (1 = no retry). */
    maxAttempts: z.number().int().min(1).max(10),
  })
  .strict()
  .refine((q) => q.passMark <= q.questions.length, { message: '合格题数不能超过题目数', path: ['passMark'] });

/** What a publisher may change after publishing (scope and month stay: they decide who is counted). */
const topicContent = {
  title: shortText(60, '专题名称'),
  /** Last day to study, in China time (until 23:59:59 that day). */
  deadline: dateString,
  materials: z.array(block).min(1, '请添加学习材料').max(100, '材料最多 100 段'),
  /** Characters the self-study note needs at least. */
  noteMinLength: z.number().int().min(10, '心得至少要求 10 字').max(2000),
  quiz: quizInput.nullable(),
};

export const topicInput = z
  .object({
    /** park: every branch of the park (park admin); branch: one branch (its secretary or a park admin). */
    scope: z.enum(['park', 'branch']),
    branchId: id.optional(),
    month,
    ...topicContent,
  })
  .strict()
  .refine((t) => (t.scope === 'branch') === (t.branchId !== undefined), { message: '支部专题需要选择支部，全园区专题不需要', path: ['branchId'] })
  .refine((t) => t.deadline.slice(0, 7) >= t.month, { message: '截止日期不能早于专题所在月份', path: ['deadline'] });

/** A published topic's new content (the whole of it: the form sends every field). */
export const topicUpdateInput = z.object({ topicId: id, ...topicContent }).strict();

export const NOTE_STATUSES = ['accepted', 'pending', 'rejected'] as const;
const note = z.object({
  id,
  text: z.string(),
  /** accepted: passed the content check or approved; pending: held for the secretary; rejected. */
  status: z.enum(NOTE_STATUSES),
  reply: z.string().nullable(),
  submittedAt: z.string(),
});

const topicSummary = z.object({
  id,
  scope: z.enum(['park', 'branch']),
  branchId: id.nullable(),
  month: z.string(),
  title: z.string(),
  deadline: z.string(),
  /** The deadline has passed (China time). */
  closed: z.boolean(),
  hasQuiz: z.boolean(),
  /** The caller's own progress (null when the topic does not apply to them). */
  completed: z.boolean().nullable(),
  /** When the publisher last changed it (null: never). */
  editedAt: z.string().nullable(),
});

const myProgress = z.object({
  read: z.boolean(),
  note: note.nullable(),
  quiz: z.object({ attempts: z.number().int(), attemptsLeft: z.number().int(), passed: z.boolean(), bestScore: z.number().int() }).nullable(),
  completed: z.boolean(),
});

const questionResult = z.object({
  correct: z.boolean(),
  /** The correct choices: only once the quiz is over for this member (passed or no attempts left). */
  correctChoices: z.array(z.number().int()).nullable(),
});

const memberRow = z.object({
  personId: id, name: z.string(), read: z.boolean(), note: z.enum(NOTE_STATUSES).nullable(), quizPassed: z.boolean(), completed: z.boolean(),
  /** Has bound WeChat (a reminder can reach them); false: invite them first. */
  bound: z.boolean(),
});

export const INBOX_KINDS = ['studyReminder', 'meetingChanged', 'meetingCancelled', 'volunteerPromoted', 'volunteerChanged', 'volunteerCancelled', 'reminder', 'pledgeReturned', 'pledgeOverdue'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
const inboxMessage = z.object({
  id,
  kind: z.enum(INBOX_KINDS),
  title: z.string(),
  body: z.string(),
  topicId: id.nullable(),
  meetingId: id.nullable(),
  /** The volunteer activity a message is about (opens it). */
  activityId: id.nullable(),
  at: z.string(),
  read: z.boolean(),
});

/** The meeting kinds (主题党日, 大党课, 三会一课 …) and their labels: ./labels.ts. */
export { MEETING_KINDS, MEETING_KIND_LABELS, type MeetingKind } from './labels';
/** How a meeting repeats: the same day of the month, every month or every quarter (clamped to a short month's end). */
export const MEETING_REPEATS = ['once', 'monthly', 'quarterly'] as const;
export const MEETING_REPEAT_LABELS: Record<(typeof MEETING_REPEATS)[number], string> = { once: '只这一次', monthly: '每月', quarterly: '每季度' };
const meeting = z.object({
  id,
  branchId: id,
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  date: z.string(),
  /** Start and end time of day in China ("14:30"); both null for a meeting scheduled without (all day). */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string(),
  attendees: z.number().int(),
  /** Whether the caller checked in. */
  attended: z.boolean(),
  /** A cancelled meeting stays listed, with the reason, so members are not left wondering. */
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  /** Meetings scheduled together (every month / quarter) share a series id; null for a one-off. */
  seriesId: id.nullable(),
  repeat: z.enum(MEETING_REPEATS),
  /** 党小组会: the 党小组 it is of (null for every other kind). */
  groupId: id.nullable().optional(),
  /** Its record (会议记录) has been entered (issue 19). */
  recorded: z.boolean().optional(),
});

/** A time of day, "HH:mm" (what the time picker gives). */
export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 14:30');
/**
 * Start and end (China time, the same day): both or neither (neither = all day, as meetings from before
 * times existed); the end after the start.
 */
const meetingFields = { title: shortText(60, '主题'), date: dateString, startTime: timeOfDay.optional(), endTime: timeOfDay.optional(), place: shortText(60, '地点') };
type Times = { startTime?: string; endTime?: string };
const timesAgree: [(m: Times) => boolean, { message: string; path: string[] }] = [
  (m) => (m.startTime === undefined) === (m.endTime === undefined),
  { message: '请选择开始和结束时间', path: ['endTime'] },
];
const endAfterStart: [(m: Times) => boolean, { message: string; path: string[] }] = [
  (m) => m.startTime === undefined || m.endTime === undefined || m.endTime > m.startTime,
  { message: '结束时间应晚于开始时间', path: ['endTime'] },
];

const topicRef = z.object({ topicId: id, branchId: id }).strict();
/** What one award did, in words ("参加主题党日 +10 分", "本月「参加主题党日」积分已记满（应得 10 分），这次不加分"). */
export const pointsOutcome = z.object({ item: z.enum(POINT_ITEMS), points: z.number(), text: z.string() });
const progressReply = z.object({
  progress: myProgress,
  /** The items newly counted by this call (kept for older pages; `points` says what each gave). */
  pointsAwarded: z.array(z.string()),
  /** Each item newly counted by this call and what it gave, in words (a cap reached says so). */
  points: z.array(pointsOutcome),
});

// ---- 会议记录 (issue 19: 台账) ----
const longText = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 个字`);
/** What a secretary writes down about a meeting that took place. */
export const recordFields = {
  chair: shortText(20, '主持人'),
  recorder: shortText(20, '记录人'),
  agenda: longText(2000, '议程'),
  minutes: shortText(10000, '会议记录'),
  decisions: longText(2000, '决议'),
  /** Party members of the branch marked present by hand (in addition to those who checked in). */
  present: z.array(id).max(500).default([]),
  /** Who was absent: 请假 (with leave) or not, and why. */
  absences: z.array(z.object({ personId: id, leave: z.boolean(), reason: shortText(100, '缺席原因') }).strict()).max(500).default([]),
};
const noOverlap: [(r: { present: string[]; absences: Array<{ personId: string }> }) => boolean, { message: string; path: string[] }] = [
  (r) => {
    const seen = new Set<string>();
    for (const x of [...r.present, ...r.absences.map((a) => a.personId)]) {
      if (seen.has(x)) return false;
      seen.add(x);
    }
    return true;
  },
  { message: '同一个人不能既出席又缺席，也不能写两次', path: ['absences'] },
];
export const meetingRecord = z.object({
  chair: z.string(), recorder: z.string(), agenda: z.string(), minutes: z.string(), decisions: z.string(),
  absences: z.array(z.object({ personId: id, name: z.string(), leave: z.boolean(), reason: z.string() })),
  /** When it was first entered and by whom; entered after the meeting's day: 补记. Never back-dated. */
  enteredAt: z.string(),
  enteredBy: z.string(),
  late: z.boolean(),
  updatedAt: z.string(),
});
export type MeetingRecord = z.infer<typeof meetingRecord>;

export const studyContract = {
  /** Publish a topic: park-wide (park admin) or for one branch (its secretary or a park admin). */
  'topics.create': { input: topicInput, output: z.object({ topic: topicSummary, assignedMembers: z.number().int() }) },
  /** A topic as its publisher wrote it (quiz answers included), to edit it: those who may publish it only. */
  'topics.draft': {
    input: z.object({ topicId: id }).strict(),
    output: z.object({
      topic: topicSummary,
      content: z.object({
        title: z.string(),
        deadline: z.string(),
        materials: z.array(z.object({ kind: z.enum(BLOCK_KINDS), text: z.string(), url: z.string().optional() })),
        noteMinLength: z.number().int(),
        quiz: z
          .object({
            questions: z.array(z.object({ text: z.string(), kind: z.enum(QUESTION_KINDS), choices: z.array(z.string()), answer: z.array(z.number().int()) })),
            passMark: z.number().int(),
            maxAttempts: z.number().int(),
          })
          .nullable(),
      }),
      /** Someone has answered the quiz: its questions and answers can no longer change (their scores would). */
      quizLocked: z.boolean(),
    }),
  },
  /**
   * Correct a published topic: title, deadline (not before today unless unchanged), materials, the
   * note's minimum length, and the quiz until someone has answered it. Month and scope stay.
   */
  'topics.update': { input: topicUpdateInput, output: z.object({ topic: topicSummary }) },
  /**
   * Topics that apply to me (park-wide + my branch), or to a branch I manage; newest month first. With
   * `branchId` (a branch I manage), each topic also carries the branch's completion, in the same call.
   */
  'topics.list': {
    input: z.object({ month: month.optional(), branchId: id.optional() }).strict(),
    output: z.object({
      topics: z.array(
        topicSummary.extend({
          /** The branch's completion (as topics.progress counts it); null without `branchId`. */
          branchProgress: z.object({ members: z.number().int(), completed: z.number().int(), rate: z.number() }).nullable(),
        }),
      ),
    }),
  },
  /** A topic's materials, tasks (quiz questions without answers) and my progress. */
  'topics.get': {
    input: z.object({ topicId: id }).strict(),
    output: z.object({
      topic: topicSummary,
      materials: z.array(z.object({ kind: z.enum(BLOCK_KINDS), text: z.string(), url: z.string().optional() })),
      noteMinLength: z.number().int(),
      quiz: z
        .object({
          questions: z.array(z.object({ text: z.string(), kind: z.enum(QUESTION_KINDS), choices: z.array(z.string()) })),
          passMark: z.number().int(),
          maxAttempts: z.number().int(),
        })
        .nullable(),
      progress: myProgress.nullable(),
    }),
  },
  /** I have read the materials (one tap; no reading time is measured). */
  'topics.markRead': { input: z.object({ topicId: id }).strict(), output: progressReply },
  /** My self-study note: checked by msgSecCheck; risky is refused, review is held for the secretary. */
  'notes.submit': { input: z.object({ topicId: id, text: z.string().trim().min(1, '请填写学习心得').max(2000, '心得最多 2000 字') }).strict(), output: progressReply.extend({ held: z.boolean() }) },
  /** One quiz attempt: for each question, the chosen indexes. */
  'quiz.submit': {
    input: z.object({ topicId: id, answers: z.array(z.array(z.number().int().min(0).max(7)).max(8)).min(1).max(50) }).strict(),
    output: progressReply.extend({ score: z.number().int(), passed: z.boolean(), results: z.array(questionResult) }),
  },
  /** A branch's completion of a topic: the rate, who has finished and who has not (by name). */
  'topics.progress': {
    input: topicRef,
    output: z.object({ members: z.number().int(), completed: z.number().int(), rate: z.number(), notFinished: z.array(memberRow), finished: z.array(memberRow) }),
  },
  /** A park-wide topic's completion in every branch (park admin): the park's rate and each branch's, lowest first. */
  'topics.parkProgress': {
    input: z.object({ topicId: id }).strict(),
    output: z.object({
      members: z.number().int(), completed: z.number().int(), rate: z.number(),
      branches: z.array(z.object({ id, name: z.string(), members: z.number().int(), completed: z.number().int(), rate: z.number() })),
    }),
  },
  /** Remind everyone of the branch who has not finished (an inbox message, at most one per person per topic per day). */
  'topics.remind': {
    input: topicRef,
    output: z.object({
      reminded: z.number().int(),
      alreadyToday: z.number().int(),
      /** Names of those this call reminded (an inbox message each). */
      reached: z.array(z.string()),
      /** Names of those who have not bound WeChat: no reminder can reach them (invite them first). */
      unreachable: z.array(z.string()),
    }),
  },
  /** Who 一键提醒 would reach now, before it is sent: by WeChat message (counted quota, kind on) or in the inbox only. */
  'topics.remindPreview': {
    input: topicRef,
    output: z.object({
      toRemind: z.array(z.string()),
      wechat: z.array(z.string()),
      inboxOnly: z.array(z.string()),
      alreadyToday: z.array(z.string()),
      unreachable: z.array(z.string()),
    }),
  },
  /** The branch's notes for a topic (pending first), for the secretary to read. */
  'notes.list': {
    input: topicRef,
    output: z.object({ notes: z.array(note.extend({ personId: id, name: z.string() })) }),
  },
  /** Approve or reject a held note, and/or reply to a note. */
  'notes.review': {
    input: z
      .object({ noteId: id, decision: z.enum(['approve', 'reject']).optional(), reply: shortText(500, '回复').optional() })
      .strict()
      .refine((v) => v.decision !== undefined || v.reply !== undefined, { message: '请选择通过、退回或填写回复', path: ['decision'] }),
    output: z.object({ note: note.extend({ personId: id, name: z.string() }) }),
  },
  'inbox.list': { input: page.extend({ unreadOnly: z.boolean().default(false) }).strict(), output: z.object({ messages: z.array(inboxMessage), unread: z.number().int() }) },
  'inbox.markRead': { input: z.object({ ids: z.array(id).min(1).max(100) }).strict(), output: z.object({ marked: z.number().int() }) },
  /**
   * Schedule a 主题党日 or 大党课 for a branch (its secretary or a park admin): once, or on the same day
   * every month / quarter for `times` meetings in all (the first on `date`; a day a month lacks becomes its last day).
   */
  'meetings.create': {
    input: z
      .object({
        branchId: id,
        kind: z.enum(MEETING_KINDS),
        ...meetingFields,
        repeat: z.enum(MEETING_REPEATS).default('once'),
        times: z.number().int().min(1).max(12, '一次最多安排 12 次').default(1),
        /** 党小组会: which 党小组 (required for it, refused for any other kind). */
        groupId: id.optional(),
      })
      .strict()
      .refine((m) => (m.kind === 'groupMeeting') === (m.groupId !== undefined), { message: '党小组会请选择党小组', path: ['groupId'] })
      .refine((m) => (m.repeat === 'once') === (m.times === 1), { message: '重复安排请选择 2–12 次；只安排一次时次数为 1', path: ['times'] })
      .refine(...timesAgree)
      .refine(...endAfterStart),
    output: z.object({ meeting, meetings: z.array(meeting) }),
  },
  /**
   * Change a meeting's topic, date, times or place (the date and times not once someone checked in to it);
   * the branch is told by inbox. Without times the meeting becomes all-day (the form always sends them).
   */
  'meetings.update': {
    input: z.object({ meetingId: id, ...meetingFields }).strict().refine(...timesAgree).refine(...endAfterStart),
    output: z.object({ meeting, notified: z.number().int() }),
  },
  /** Cancel a meeting (and, with `following`, the later ones of its series); the branch is told by inbox. */
  'meetings.cancel': {
    input: z.object({ meetingId: id, following: z.boolean().default(false), reason: shortText(100, '取消原因') }).strict(),
    output: z.object({ cancelled: z.array(meeting), notified: z.number().int() }),
  },
  /** My branch's meetings (or a branch I manage), newest first. */
  'meetings.list': { input: z.object({ branchId: id.optional() }).strict(), output: z.object({ meetings: z.array(meeting) }) },
  /** The rotating check-in code to show at the meeting (valid 60 s; fetch a new one at refreshAt). */
  'meetings.code': { input: z.object({ meetingId: id }).strict(), output: z.object({ code: z.string(), expiresAt: z.string(), refreshAt: z.string() }) },
  /**
   * Check in with the code shown at the meeting (members of its branch, once), within its check-in window
   * (shared/schedule.ts checkInWindow). `points` says what the check-in gave (null when already checked in).
   * The meeting comes without its attendance count: the page shows what was checked in to, not how many came,
   * and counting them would cost every check-in one more request (issue 21).
   */
  'meetings.checkIn': {
    input: z.object({ code: z.string().trim().min(1, '请扫描签到码').max(500) }).strict(),
    output: z.object({ meeting: meeting.omit({ attendees: true }), alreadyCheckedIn: z.boolean(), points: pointsOutcome.nullable() }),
  },
  /** Who came and who did not (those marked by hand: by whom and why). */
  'meetings.attendance': {
    input: z.object({ meetingId: id }).strict(),
    output: z.object({
      meeting,
      present: z.array(z.object({ personId: id, name: z.string(), at: z.string(), byHand: z.object({ by: z.string(), reason: z.string() }).nullable() })),
      absent: z.array(z.object({ personId: id, name: z.string() })),
    }),
  },
  /**
   * Mark a Party member of the branch present by hand (no phone, or the scan failed), with a reason: from the
   * meeting's day on (not before), audited, points exactly as a check-in gives them (once per meeting).
   */
  'meetings.markPresent': {
    input: z.object({ meetingId: id, personId: id, reason: shortText(100, '原因') }).strict(),
    output: z.object({ meeting, name: z.string(), alreadyPresent: z.boolean(), points: pointsOutcome.nullable() }),
  },
  /**
   * Write (or correct) a meeting's record once its day has come: chair, recorder, agenda, minutes, decisions,
   * who was marked present by hand (no points: points come from 签到 / 补记签到) and who was absent and why.
   * Audited; the first entry's time is kept (after the meeting's day it says 补记).
   */
  'meetings.record': {
    input: z.object({ meetingId: id, ...recordFields }).strict().refine(...noOverlap),
    output: z.object({ meeting, record: meetingRecord }),
  },
  /**
   * A meeting that took place but was never scheduled here, entered afterwards with its record (补记): its date
   * today or earlier (not before last year), marked as entered now.
   */
  'meetings.backfill': {
    input: z
      .object({ branchId: id, kind: z.enum(MEETING_KINDS), groupId: id.optional(), ...meetingFields, ...recordFields })
      .strict()
      .refine(...timesAgree)
      .refine(...endAfterStart)
      .refine(...noOverlap)
      .refine((m) => (m.kind === 'groupMeeting') === (m.groupId !== undefined), { message: '党小组会请选择党小组', path: ['groupId'] }),
    output: z.object({ meeting, record: meetingRecord }),
  },
  /** A meeting's record with who came (checked in or marked) and who did not (with the reason when recorded). */
  'meetings.recordGet': {
    input: z.object({ meetingId: id }).strict(),
    output: z.object({
      meeting,
      record: meetingRecord.nullable(),
      present: z.array(z.object({ personId: id, name: z.string(), how: z.enum(['code', 'hand', 'record']) })),
      absent: z.array(z.object({ personId: id, name: z.string(), leave: z.boolean().nullable(), reason: z.string().nullable() })),
      /** Members of the branch to choose from (Party members; a 党小组会's group first). */
      members: z.array(z.object({ personId: id, name: z.string() })),
    }),
  },
} as const;
