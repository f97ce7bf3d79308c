// The `volunteer` function: 志愿服务. Organizers (the park's federation) and secretaries (their
// branch) publish activities with shifts (班次); members and 群众 sign up (a seat or the waitlist, never
// overbooked), sign in and out on site with a rotating signed code, and get hours the organizer confirms
// (points through the engine). Registration state, times and hours are written by the server only.
import { dateTimeString, id, page, shortText } from './common';
import { block } from './study';
import { volunteerRecordContract } from './volunteer-record';
import { z } from './zod';
import { ACTIVITY_STAGES, VOLUNTEER_CATEGORIES } from './labels';

export { VOLUNTEER_CATEGORIES, VOLUNTEER_CATEGORY_LABELS } from './labels';

/** everyone on the park roster; Party members only; (for a branch activity) the branch. */
export const AUDIENCES = ['all', 'members'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = { all: '园区全体职工', members: '仅限党员' };

/** The activity's stages (draft … cancelled): ./labels.ts. */
export { ACTIVITY_STAGES, ACTIVITY_STAGE_LABELS, type ActivityStage } from './labels';

/** registered: has a seat; waitlist: in line for one; cancelled: by the person, or the activity was cancelled. */
export const REGISTRATION_STATUSES = ['registered', 'waitlist', 'cancelled'] as const;

const shiftInput = z
  .object({
    /** Start and end in China time, "2026-12-05 09:00". */
    start: dateTimeString,
    end: dateTimeString,
    capacity: z.number().int().min(1, '至少 1 人').max(1000, '每班最多 1000 人'),
    /** An optional role for this shift, such as 引导 or 讲解. */
    role: shortText(20, '岗位').nullable(),
  })
  .strict()
  .refine((s) => s.end > s.start, { message: '结束时间要晚于开始时间', path: ['end'] })
  .refine((s) => hoursBetween(s.start, s.end) <= 24, { message: '一个班次最长 24 小时', path: ['end'] });

const hoursBetween = (a: string, b: string) => (Date.parse(`${b.replace(' ', 'T')}:00+08:00`) - Date.parse(`${a.replace(' ', 'T')}:00+08:00`)) / 3_600_000;

/** How hours are counted (志愿服务记录办法: actual time given; the common local rule of a minimum presence). */
export const hoursRule = z
  .object({
    /** Hours count only if the person was there for at least this share of the shift (0.6 = 60%). */
    minPresence: z.number().min(0.1).max(1),
    /** Hours are rounded down to this step (0.5 h, 0.25 h or whole hours). */
    roundTo: z.union([z.literal(0.25), z.literal(0.5), z.literal(1)]),
  })
  .strict();
export type HoursRule = z.infer<typeof hoursRule>;
export const DEFAULT_HOURS_RULE: HoursRule = { minPresence: 0.6, roundTo: 0.5 };

const activityFields = {
  title: shortText(60, '活动名称'),
  content: z.array(block).min(1, '请填写活动内容').max(50, '内容最多 50 段'),
  category: z.enum(VOLUNTEER_CATEGORIES),
  place: shortText(60, '地点'),
  audience: z.enum(AUDIENCES),
  /** Recruiting window, China time. */
  recruitFrom: dateTimeString,
  recruitUntil: dateTimeString,
  /** A person may cancel until this many hours before their shift starts. */
  cancelBeforeHours: z.number().int().min(0).max(168),
  contact: z.object({ name: shortText(20, '联系人'), phone: z.string().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或座机号') }).strict(),
  /** 志愿服务条例 Art. 12: risks are told before anyone signs up. */
  riskNotice: z.string().trim().max(500, '风险提示最多 500 字'),
  /** Art. 17: risky activities are insured. */
  insured: z.boolean(),
  hoursRule,
  shifts: z.array(shiftInput).min(1, '请至少安排一个班次').max(20, '最多 20 个班次'),
};

const activityInput = z
  .object({
    /** park: the federation's activity for the whole park (organizers); branch: one branch's (its secretary or a park admin). */
    scope: z.enum(['park', 'branch']),
    branchId: id.optional(),
    ...activityFields,
    /** false: keep it as a draft. */
    publish: z.boolean(),
  })
  .strict()
  .refine((a) => (a.scope === 'branch') === (a.branchId !== undefined), { message: '支部活动需要选择支部，全园区活动不需要', path: ['branchId'] })
  .refine((a) => a.recruitUntil > a.recruitFrom, { message: '招募结束要晚于开始', path: ['recruitUntil'] })
  .refine((a) => a.shifts.every((s) => s.start >= a.recruitUntil), { message: '招募要在第一个班次开始前结束', path: ['recruitUntil'] });

const activityUpdateInput = z
  .object({ activityId: id, ...activityFields, shifts: z.array(shiftInput.and(z.object({ id: id.optional() }))).min(1).max(20) })
  .strict()
  .refine((a) => a.recruitUntil > a.recruitFrom, { message: '招募结束要晚于开始', path: ['recruitUntil'] });

export const shift = z.object({
  id,
  start: z.string(),
  end: z.string(),
  capacity: z.number().int(),
  role: z.string().nullable(),
  /** Seats taken and people waiting. */
  taken: z.number().int(),
  waiting: z.number().int(),
  confirmed: z.boolean(),
});

/** One person's registration for a shift, as they see it. */
export const myRegistration = z.object({
  shiftId: id,
  status: z.enum(REGISTRATION_STATUSES),
  /** 1 = next in line (only for the waitlist). */
  waitPosition: z.number().int().nullable(),
  signedInAt: z.string().nullable(),
  signedOutAt: z.string().nullable(),
  /** Computed hours (before confirmation) and why ("签到 9:12 · 签退 11:05 · 计 1.5 小时"). */
  hours: z.number().nullable(),
  hoursNote: z.string().nullable(),
  confirmedHours: z.number().nullable(),
  /** Until when it can be cancelled (ISO); null once that is past. */
  cancellableUntil: z.string().nullable(),
});

export const activity = z.object({
  id,
  scope: z.enum(['park', 'branch']),
  branch: z.object({ id, name: z.string() }).nullable(),
  title: z.string(),
  content: z.array(block),
  category: z.enum(VOLUNTEER_CATEGORIES),
  place: z.string(),
  audience: z.enum(AUDIENCES),
  recruitFrom: z.string(),
  recruitUntil: z.string(),
  cancelBeforeHours: z.number().int(),
  contact: z.object({ name: z.string(), phone: z.string() }),
  riskNotice: z.string(),
  insured: z.boolean(),
  hoursRule,
  stage: z.enum(ACTIVITY_STAGES),
  cancelReason: z.string().nullable(),
  shifts: z.array(shift),
  /** Whether the caller may sign up (audience, branch); false for someone not bound yet. */
  open: z.boolean(),
  /** Why not, in words (e.g. 本活动仅限党员参加), when `open` is false. */
  notOpenReason: z.string().nullable(),
  /** The caller's registrations for this activity's shifts. */
  mine: z.array(myRegistration),
  /** Whether the caller manages it (edits, codes, roster, confirmation). */
  manages: z.boolean(),
  editedAt: z.string().nullable(),
});
export type Activity = z.infer<typeof activity>;

const summary = activity.pick({ id: true, title: true, category: true, place: true, stage: true, scope: true, branch: true, audience: true, recruitUntil: true, shifts: true, mine: true });

/** A person on a shift's roster, for the organizer. */
export const rosterRow = z.object({
  personId: id,
  name: z.string(),
  branchName: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  waitPosition: z.number().int().nullable(),
  signedInAt: z.string().nullable(),
  signedOutAt: z.string().nullable(),
  /** self: scanned; organizer: marked by hand (with reason); timer: a forgotten sign-out closed at the shift's end, to check. */
  signOutBy: z.enum(['self', 'organizer', 'timer']).nullable(),
  manualReason: z.string().nullable(),
  hours: z.number().nullable(),
  hoursNote: z.string().nullable(),
  confirmedHours: z.number().nullable(),
});

const signResult = z.object({
  activity: z.object({ id, title: z.string() }),
  shift: z.object({ id, start: z.string(), end: z.string(), role: z.string().nullable() }),
  /** What this scan did. */
  step: z.enum(['signedIn', 'signedOut', 'alreadyDone']),
  registration: myRegistration,
  /** A sentence for the person: 签到成功 9:12 / 签退成功，计 1.5 小时 / … */
  message: z.string(),
});

export const volunteerContract = {
  /** The record, make-ups, corrections, ratings, stars and certificates (./volunteer-record.ts). */
  ...volunteerRecordContract,
  /** Publish (or save as a draft) an activity with its shifts. */
  'activities.create': { input: activityInput, output: z.object({ activity }) },
  /** Change an activity: everything but its scope; shifts people signed up for keep their times. Tells them. */
  'activities.update': { input: activityUpdateInput, output: z.object({ activity, told: z.number().int() }) },
  'activities.publish': { input: z.object({ activityId: id }).strict(), output: z.object({ activity }) },
  /** Cancel with a reason: every sign-up is cancelled and told. */
  'activities.cancel': { input: z.object({ activityId: id, reason: shortText(200, '取消原因') }).strict(), output: z.object({ activity, told: z.number().int() }) },
  /** Open activities the caller may join, and those they signed up for; `manage`: the ones they organize (drafts too). */
  'activities.list': {
    input: page.extend({ view: z.enum(['open', 'mine', 'manage']).default('open') }).strict(),
    output: z.object({ activities: z.array(summary), hoursThisYear: z.number(), total: z.number().int() }),
  },
  /** One activity: anyone with the link may look (a shared card), to sign up they must be bound and in its audience. */
  'activities.get': { input: z.object({ activityId: id }).strict(), output: z.object({ activity }) },
  /** Sign up for a shift: a seat, or the waitlist when it is full. A second tap answers the same. */
  signUp: { input: z.object({ shiftId: id }).strict(), output: z.object({ registration: myRegistration, message: z.string() }) },
  /** Cancel within the activity's rule; the first on the waitlist gets the seat and is told. */
  cancel: { input: z.object({ shiftId: id }).strict(), output: z.object({ registration: myRegistration, promoted: z.boolean() }) },
  /** Scan the organizer's code: the first scan signs in, the next (after 10 minutes) signs out. */
  scan: { input: z.object({ code: shortText(512, '签到码') }).strict(), output: signResult },
  /** The rotating sign-in code of a shift (the organizer's screen). */
  'shifts.code': {
    input: z.object({ shiftId: id }).strict(),
    output: z.object({ code: z.string(), expiresAt: z.string(), refreshAt: z.string(), opensAt: z.string(), closesAt: z.string() }),
  },
  /** Who signed up, the waitlist in order, who came, hours, and no-shows. */
  'shifts.roster': {
    input: z.object({ shiftId: id }).strict(),
    output: z.object({ activity: summary, shift, rows: z.array(rosterRow), needsReview: z.number().int() }),
  },
  /** The organizer scans a volunteer's 亮码 (for people who cannot scan): signs them in or out. */
  'shifts.scanCard': { input: z.object({ shiftId: id, cardCode: shortText(512, '身份码') }).strict(), output: signResult.extend({ name: z.string() }) },
  /** Mark someone present by hand (no phone, a failed scan), with the times and a reason; audited. */
  'shifts.markPresent': {
    input: z
      .object({ shiftId: id, personId: id, signedInAt: dateTimeString, signedOutAt: dateTimeString.nullable(), reason: shortText(100, '原因') })
      .strict()
      .refine((m) => m.signedOutAt === null || m.signedOutAt > m.signedInAt, { message: '签退要晚于签到', path: ['signedOutAt'] }),
    output: z.object({ row: rosterRow }),
  },
  /**
   * Find people to register by hand (a walk-in without a phone): names starting with `name`, among
   * those who may join the activity (its branch for a branch activity; Party members when it is for
   * members only). Names and branches only, no phones. At most 20.
   */
  'shifts.findPeople': {
    input: z.object({ shiftId: id, name: shortText(20, '姓名') }).strict(),
    output: z.object({
      people: z.array(z.object({ personId: id, name: z.string(), branchName: z.string(), onRoster: z.boolean() })),
    }),
  },
  /** Confirm the shift's hours (corrections per person with a reason); points follow, exactly once. Audited. */
  'shifts.confirm': {
    input: z
      .object({
        shiftId: id,
        corrections: z.array(z.object({ personId: id, hours: z.number().min(0).max(24), reason: shortText(100, '修改原因') }).strict()).max(1000).default([]),
      })
      .strict(),
    output: z.object({ rows: z.array(rosterRow), confirmed: z.number().int(), hours: z.number() }),
  },
} as const;
