// The volunteer record (志愿服务记录与证明出具办法): each person's confirmed shifts and make-up hours, kept
// apart (信用时数 / 补录时数); make-up hours entered by one organizer and approved by another; corrections a
// volunteer asks for; ratings both ways; star levels; certificates (志愿服务证明) issued by the organizing
// body, verifiable by anyone and revoked when a record they covered is corrected downward. Part of the
// `volunteer` function's contract.
import { dateString, id, shortText } from './common';
import { z } from './zod';

/** What stars and certificates count: both kinds of hours (shown apart), or the confirmed ones only. */
export const HOURS_COUNTED = ['both', 'credit'] as const;
export const HOURS_COUNTED_LABELS: Record<(typeof HOURS_COUNTED)[number], string> = { both: '信用时数和补录时数', credit: '仅信用时数' };
/** 中国社区志愿者注册管理办法: 1–5 stars at 100 / 300 / 600 / 1000 / 1500 hours. */
export const DEFAULT_STARS = [100, 300, 600, 1000, 1500] as const;

export const volunteerSettings = z
  .object({
    /** Hours for 1…5 stars, rising. */
    stars: z.array(z.number().int().min(1).max(100_000)).length(5, '需要 5 个星级门槛').refine((s) => s.every((h, i) => i === 0 || h > s[i - 1]!), '星级门槛要逐级升高'),
    hoursCounted: z.enum(HOURS_COUNTED),
    /** The federation: the body that records and certifies park-wide activities. */
    federation: z
      .object({
        name: shortText(40, '组织名称'),
        personInCharge: shortText(20, '负责人'),
        handler: shortText(20, '经办人'),
        contactPhone: z.string().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或座机号'),
      })
      .strict(),
    /** Public holidays on weekdays and worked weekend days (调休), for the 10-working-day recording window. */
    holidays: z.array(dateString).max(100),
    workdays: z.array(dateString).max(50),
  })
  .strict();
export type VolunteerSettings = z.infer<typeof volunteerSettings>;

export const HOURS_KINDS = ['credit', 'makeup'] as const;
export const HOURS_KIND_LABELS: Record<(typeof HOURS_KINDS)[number], string> = { credit: '信用时数', makeup: '补录时数' };

/** One line of a person's record: a confirmed shift or an approved make-up. */
export const recordEntry = z.object({
  /** The registration (credit) or the make-up (makeup). */
  id,
  kind: z.enum(HOURS_KINDS),
  activityId: id,
  /** The shift (confirmed hours), to rate the activity; null for a make-up. */
  shiftId: id.nullable(),
  title: z.string(),
  /** The activity's content, shortened, for the certificate. */
  summary: z.string(),
  date: dateString,
  place: z.string(),
  hours: z.number(),
  /** 谁组织谁记录: the organizing body and the person in charge. */
  organizer: z.string(),
  personInCharge: z.string(),
  /** A correction asked for and not decided yet. */
  correctionOpen: z.boolean(),
});

export const totals = z.object({ credit: z.number(), makeup: z.number() });

export const starProgress = z.object({
  stars: z.number().int().min(0).max(5),
  /** Hours counted for stars (per the park's setting). */
  hours: z.number(),
  /** Hours for the next star; null at five stars. */
  next: z.number().nullable(),
});

export const MAKEUP_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const makeup = z.object({
  id,
  activityId: id,
  title: z.string(),
  personId: id,
  name: z.string(),
  hours: z.number(),
  reason: z.string(),
  evidence: z.string(),
  status: z.enum(MAKEUP_STATUSES),
  enteredBy: z.string(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  at: z.string(),
  /** Whether the caller may approve it (a manager who did not enter it). */
  mayDecide: z.boolean(),
});

export const CORRECTION_STATUSES = ['open', 'accepted', 'answered'] as const;
export const correction = z.object({
  id,
  recordId: id,
  kind: z.enum(HOURS_KINDS),
  title: z.string(),
  personId: id,
  name: z.string(),
  /** Hours on the record when asked, and what the volunteer thinks is right. */
  hoursBefore: z.number(),
  hoursAsked: z.number().nullable(),
  reason: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  hoursAfter: z.number().nullable(),
  answer: z.string().nullable(),
  at: z.string(),
  decidedAt: z.string().nullable(),
});

export const CERTIFICATE_STATUSES = ['requested', 'issued', 'declined', 'revoked'] as const;
const period = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('year'), year: z.string().regex(/^\d{4}$/, '年份格式应为 2026') }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);
export const certificate = z.object({
  id,
  /** ZYFW-2026-000123, unique in the park (only once issued). */
  number: z.string().nullable(),
  status: z.enum(CERTIFICATE_STATUSES),
  name: z.string(),
  period,
  periodLabel: z.string(),
  issuer: z.object({ kind: z.enum(['park', 'branch']), branchId: id.nullable(), name: z.string(), personInCharge: z.string(), handler: z.string(), contactPhone: z.string() }),
  hours: totals,
  hoursCounted: z.enum(HOURS_COUNTED),
  activities: z.array(z.object({ title: z.string(), date: dateString, hours: z.number(), kind: z.enum(HOURS_KINDS) })),
  requestedAt: z.string(),
  issuedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** The QR code's text: opens the public verification (signed, so numbers cannot be guessed). */
  verifyCode: z.string().nullable(),
});

const record = z.object({
  name: z.string(),
  entries: z.array(recordEntry),
  /** Totals per China year ('2026') and overall. */
  byYear: z.array(z.object({ year: z.string(), credit: z.number(), makeup: z.number() })),
  overall: totals,
  stars: starProgress,
  hoursCounted: z.enum(HOURS_COUNTED),
  pendingMakeups: z.array(makeup),
  corrections: z.array(correction),
});

const rating = z.number().int().min(1, '请打 1–5 星').max(5, '请打 1–5 星');

export const volunteerRecordContract = {
  'settings.get': { input: z.object({}).strict(), output: z.object({ settings: volunteerSettings, updatedAt: z.string().nullable() }) },
  'settings.update': { input: volunteerSettings, output: z.object({ settings: volunteerSettings, updatedAt: z.string().nullable() }) },
  /** My record: every confirmed shift and approved make-up, totals per year and overall, stars, my corrections. */
  'record.mine': { input: z.object({}).strict(), output: record },
  /** A person's record, for those who organize their activities (and their secretary, a park admin). */
  'record.of': { input: z.object({ personId: id }).strict(), output: record },
  /** What an organizer has to do: finished shifts in the recording window, make-ups to approve, corrections, certificate requests. */
  todo: {
    input: z.object({}).strict(),
    output: z.object({
      shiftsToConfirm: z.array(z.object({ shiftId: id, activityId: id, title: z.string(), start: z.string(), end: z.string(), lastDay: dateString, daysLeft: z.number().int() })),
      makeupsToDecide: z.array(makeup),
      corrections: z.array(correction),
      certificateRequests: z.array(certificate),
    }),
  },
  /** Enter make-up hours for a person and an activity, with a reason and evidence; someone else approves. */
  'makeups.create': {
    input: z.object({
      activityId: id, personId: id, hours: z.number().min(0.25, '至少 0.25 小时').max(24, '最多 24 小时'),
      reason: shortText(200, '补录原因'), evidence: shortText(200, '证明材料'),
    }).strict(),
    output: z.object({ makeup }),
  },
  'makeups.decide': { input: z.object({ makeupId: id, approve: z.boolean(), note: shortText(200, '意见').optional() }).strict(), output: z.object({ makeup }) },
  /** A volunteer questions a record; the organizer accepts (with the right hours) or answers. */
  'corrections.create': {
    input: z.object({ recordId: id, kind: z.enum(HOURS_KINDS), hoursAsked: z.number().min(0).max(24).nullable(), reason: shortText(300, '理由') }).strict(),
    output: z.object({ correction }),
  },
  'corrections.decide': {
    input: z
      .object({ correctionId: id, accept: z.boolean(), hours: z.number().min(0).max(24).optional(), answer: shortText(300, '答复') })
      .strict()
      .refine((c) => !c.accept || c.hours !== undefined, { message: '接受更正时请填写正确的时长', path: ['hours'] }),
    output: z.object({ correction, revokedCertificates: z.number().int() }),
  },
  /** The organizer rates a volunteer's service on a shift (办法 Art. 10). */
  'ratings.rateVolunteer': { input: z.object({ shiftId: id, personId: id, stars: rating, note: shortText(100, '评价').optional() }).strict(), output: z.object({ ok: z.literal(true) }) },
  /** The volunteer rates the activity, with a short comment the organizer reads (content-checked). */
  'ratings.rateActivity': { input: z.object({ shiftId: id, stars: rating, comment: z.string().trim().max(200, '评价最多 200 字') }).strict(), output: z.object({ ok: z.literal(true) }) },
  'ratings.list': {
    input: z.object({ activityId: id }).strict(),
    output: z.object({ average: z.number().nullable(), ratings: z.array(z.object({ name: z.string(), stars: z.number().int(), comment: z.string(), at: z.string() })) }),
  },
  /** Ask for a certificate from an organizing body (the federation, or a branch) for a year or all time. */
  'certificates.request': { input: z.object({ issuer: z.union([z.literal('park'), id]), period }).strict(), output: z.object({ certificate }) },
  /** The organizing body issues (a number, the date) or declines with a reason. */
  'certificates.issue': { input: z.object({ certificateId: id, issue: z.boolean(), note: shortText(200, '说明').optional() }).strict(), output: z.object({ certificate }) },
  'certificates.list': { input: z.object({ view: z.enum(['mine', 'manage']).default('mine') }).strict(), output: z.object({ certificates: z.array(certificate) }) },
  'certificates.revoke': { input: z.object({ certificateId: id, reason: shortText(200, '撤销原因') }).strict(), output: z.object({ certificate }) },
  /** Anyone who scans the certificate's QR: the number, a masked name, the hours, the issuer, valid or not. */
  'certificates.verify': {
    input: z.object({ code: shortText(512, '证明编码') }).strict(),
    output: z.object({
      number: z.string(), name: z.string(), periodLabel: z.string(), hours: totals, hoursCounted: z.enum(HOURS_COUNTED), issuer: z.string(),
      issuedAt: z.string(), valid: z.boolean(), revokedReason: z.string().nullable(),
    }),
  },
} as const;
