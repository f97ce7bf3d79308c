// The `remind` function: subscription-message reminders. Each person's consents (counted quota per template,
// since WeChat reports none), which kinds they want (我的 → 消息提醒), the park's quiet hours, and the park admin's
// list of sends WeChat refused for good. Reminders themselves are raised by the features that own the events
// (cloudfunctions/_lib/reminders.ts) and sent by this function's timer; the inbox keeps every one.
import { REMINDER_KIND_IDS, TEMPLATE_IDS } from '../reminders';
import { z } from './zod';

export const templateId = z.enum(TEMPLATE_IDS as [string, ...string[]]);
export const reminderKind = z.enum(REMINDER_KIND_IDS as [string, ...string[]]);
/** wx.requestSubscribeMessage's answer per template. */
export const subscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter']);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式如 22:00');

const mySettings = z.object({
  /** The kinds this person may get, with their choice (on unless turned off). */
  kinds: z.array(z.object({ kind: reminderKind, label: z.string(), on: z.boolean() })),
  /** Sends left per template (counted: each accept +1, each send −1, WeChat's 43101 → 0). */
  quota: z.record(z.string(), z.number().int()),
  /** Total sends left over all templates. */
  left: z.number().int(),
  quiet: z.object({ quietStart: z.string(), quietEnd: z.string() }),
});

export const remindContract = {
  /** The answers of one wx.requestSubscribeMessage: each accept is one more send of that template. */
  'consent.record': {
    input: z.object({ answers: z.partialRecord(templateId, subscribeAnswer).refine((a) => Object.keys(a).length > 0 && Object.keys(a).length <= 3, '一次最多 3 个模板') }).strict(),
    output: z.object({ quota: z.record(z.string(), z.number().int()), left: z.number().int() }),
  },
  /** 我的 → 消息提醒. */
  'settings.mine': { input: z.object({}).strict(), output: mySettings },
  /** Turn one kind on or off for myself (the inbox keeps it either way). */
  'settings.set': {
    input: z.object({ kind: reminderKind, on: z.boolean() }).strict(),
    output: mySettings,
  },
  /** The park's quiet hours (park admin). */
  'park.quiet': {
    input: z.object({ quietStart: hhmm, quietEnd: hhmm }).strict(),
    output: z.object({ quietStart: z.string(), quietEnd: z.string() }),
  },
  /** Sends WeChat refused for good (47003, 40037, 41030, 45168 …) and those given up after retries (park admin). */
  'errors.list': {
    input: z.object({ limit: z.number().int().min(1).max(100).default(50) }).strict(),
    output: z.object({
      errors: z.array(z.object({ name: z.string(), kind: z.string(), title: z.string(), reason: z.string(), at: z.string() })),
      /** Counts of the outbox by state over the last 7 days. */
      counts: z.object({ sent: z.number().int(), inboxOnly: z.number().int(), waiting: z.number().int(), failed: z.number().int() }),
    }),
  },
} as const;

export type RemindContract = typeof remindContract;
