/**
 * Asking for consent to send reminders (WeChat subscription messages): one consent = one message later. WeChat opens
 * the prompt only from a tap, and an `await` before wx.requestSubscribeMessage loses the tap (Taro issue #5065), so
 * call `askConsent` FIRST in a tap handler, before anything is awaited:
 *
 *   const signUp = async () => {
 *     askConsent('signUp');                 // synchronous start of the prompt, not awaited
 *     const r = await call('volunteer', 'signUp', { shiftId });
 *
 * The answers are recorded with remind consent.record (each accept is one more message of that template, counted by
 * the function since WeChat reports no remaining quota). At most 3 templates per prompt (WeChat's limit), only the
 * ones that matter for the moment. In the H5 build (local mode) the emulator's WeChat stand-in takes the part of the
 * prompt and accepts, so the whole path can be tried in a browser.
 */
import Taro from '@tarojs/taro';
import type { TemplateId } from '@shared/reminders';
import { call } from './api';
import { personaOpenid } from './persona';

/** The moments the app asks, and the templates each asks for. */
export const CONSENT_MOMENTS = {
  /** Signing up for a volunteer shift: the start reminder, a promotion or a cancellation, the digest. */
  signUp: ['TPL_ACTIVITY_START', 'TPL_TODO'],
  /** Checking in to a 主题党日: the next meeting, and the digest. */
  checkIn: ['TPL_PARTY_DAY', 'TPL_TODO'],
  /** Opening a topic: its deadline, the next topic, the digest. */
  openTopic: ['TPL_STUDY_DUE', 'TPL_TOPIC_PUBLISHED', 'TPL_TODO'],
  /** Submitting a pledge item: 7 days before it is due, overdue, returned; the digest (三评议 to rate comes in it). */
  submitPledge: ['TPL_PLEDGE_DUE', 'TPL_TODO'],
  /** 我的 → 消息提醒: every kind of reminder (three at most per prompt). */
  settings: ['TPL_STUDY_DUE', 'TPL_PARTY_DAY', 'TPL_ACTIVITY_START'],
} as const satisfies Record<string, readonly TemplateId[]>;
export type ConsentMoment = keyof typeof CONSENT_MOMENTS;

/**
 * The WeChat template ids of the park's mini-program, by Redpark's names: REMINDER_TEMPLATE_IDS (the same JSON the
 * remind function reads) baked in at build time by miniapp/config's defineConstants, as the CloudBase env id is
 * (docs/DEPLOY.md). Unset: empty, the names themselves (local and tests).
 */
export const WECHAT_TEMPLATE_IDS: Partial<Record<TemplateId, string>> = templateIds(process.env.REMINDER_TEMPLATE_IDS);

// The build checked it is JSON and the deploy that it names our templates (shared/reminders.ts parseTemplateIds, not
// imported here: the main package stays small); anything else is ignored rather than breaking the app.
function templateIds(raw: string | undefined): Partial<Record<TemplateId, string>> {
  try {
    const v: unknown = raw ? JSON.parse(raw) : {};
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Partial<Record<TemplateId, string>>) : {};
  } catch {
    return {};
  }
}
const wechatId = (t: TemplateId) => WECHAT_TEMPLATE_IDS[t] ?? t;

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

/** Start the consent prompt for a moment; resolves (never rejects) once the answers are recorded. */
export function askConsent(moment: ConsentMoment): Promise<void> {
  const templates = [...CONSENT_MOMENTS[moment]] as TemplateId[];
  return prompt(templates)
    .then(async (answers) => {
      if (Object.values(answers).some((a) => a === 'accept')) await call('remind', 'consent.record', { answers });
    })
    .catch((e) => console.warn('subscription consent failed', e));
}

function prompt(templates: TemplateId[]): Promise<Partial<Record<TemplateId, Answer>>> {
  if (process.env.TARO_ENV === 'h5') {
    const openid = personaOpenid();
    if (!openid) return Promise.resolve({});
    return fetch('/_emulator/wx/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, templateIds: templates }),
    })
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, Answer>>) : ({} as Record<string, Answer>)))
      .then((byId) => Object.fromEntries(templates.map((t) => [t, byId[t] ?? 'reject'])) as Partial<Record<TemplateId, Answer>>);
  }
  // Called synchronously from the tap: the prompt opens.
  return Taro.requestSubscribeMessage({ tmplIds: templates.map(wechatId), entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then((res) => {
    const r = res as unknown as Record<string, string>;
    return Object.fromEntries(templates.map((t) => [t, (r[wechatId(t)] as Answer) ?? 'reject'])) as Partial<Record<TemplateId, Answer>>;
  });
}
