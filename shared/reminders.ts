// Reminders by WeChat subscription message: the templates Redpark uses (the one place that names them: the
// functions fill them, the app asks consent for them, cloudfunctions/wx.local.json registers them with the
// emulator and docs/REMINDERS.md lists them for a park's application in the WeChat console), and the registry
// of reminder kinds.
//
// Adding a reminder kind (pledges, 三评议 and whatever lands later):
//   1. add an entry to REMINDER_KINDS below: its Chinese label (我的 → 消息提醒 shows it), the template it is sent
//      with, who it is for (member / organizer), a short word for digests and whether it may break quiet hours;
//   2. where the event happens, call `raiseReminders([...])` from cloudfunctions/_lib/reminders.ts with a
//      deterministic `occasion` (a retried call then raises nothing twice) and the template's field values
//      (`fitFields` shortens them to WeChat's limits), or, for something that comes due at a time, add a scan to
//      cloudfunctions/remind/actions/scans.ts;
//   3. if it needs a new template, add it to REMINDER_TEMPLATES and cloudfunctions/wx.local.json (the unit test
//      test/unit/reminders.test.ts fails until both agree and the longest real values fit).
// Nothing else changes: the outbox, the digest, quiet hours, quota and the preferences page read the registry.

import { chinaFormat } from './time';

export type TemplateFieldType = 'thing' | 'time' | 'date' | 'phrase' | 'name' | 'number' | 'character_string';

export interface ReminderTemplate {
  /** The template's title in WeChat's template library (选用模板). */
  title: string;
  /** Keyword id → type, as WeChat's console gives them after choosing the keywords (thing1, time2 …). */
  fields: Record<string, TemplateFieldType>;
  /** Keyword names, in the order chosen in the console. */
  labels: Record<string, string>;
  /** When the app asks for it, in people's words (shown on 消息提醒). */
  purpose: string;
}

/** Template ids as used in code and in the local wx config; production maps them to the console's ids (deploy docs). */
export const REMINDER_TEMPLATES = {
  TPL_TOPIC_PUBLISHED: {
    title: '新专题发布', purpose: '新的学习专题发布时',
    fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
    labels: { thing1: '专题名称', time2: '截止时间', thing3: '备注' },
  },
  TPL_STUDY_DUE: {
    title: '学习截止提醒', purpose: '学习专题快到截止时间时',
    fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
    labels: { thing1: '学习内容', time2: '截止时间', thing3: '温馨提示' },
  },
  TPL_PARTY_DAY: {
    title: '主题党日提醒', purpose: '主题党日、大党课的前一天',
    fields: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
    labels: { thing1: '活动主题', time2: '活动时间', thing3: '活动地点', thing4: '所属支部' },
  },
  TPL_ACTIVITY_START: {
    title: '志愿活动开始提醒', purpose: '志愿活动开始前、候补转正、活动取消时',
    fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
    labels: { thing1: '活动名称', time2: '开始时间', thing3: '地点' },
  },
  TPL_TODO: {
    title: '待办事项提醒', purpose: '有几件事要办时（合并成一条）',
    fields: { thing1: 'thing', number2: 'number', thing3: 'thing' },
    labels: { thing1: '待办事项', number2: '待办数量', thing3: '温馨提示' },
  },
  TPL_PLEDGE_DUE: {
    title: '承诺到期提醒', purpose: '承诺快到期、已逾期或被退回修改时',
    fields: { thing1: 'thing', date2: 'date', phrase3: 'phrase', thing4: 'thing' },
    labels: { thing1: '承诺内容', date2: '到期日期', phrase3: '当前状态', thing4: '备注' },
  },
} as const satisfies Record<string, ReminderTemplate>;

export type TemplateId = keyof typeof REMINDER_TEMPLATES;
export const TEMPLATE_IDS = Object.keys(REMINDER_TEMPLATES) as TemplateId[];
/** The digest's template: several reminders for one person in one window become one message. */
export const DIGEST_TEMPLATE: TemplateId = 'TPL_TODO';

export interface ReminderKind {
  /** 我的 → 消息提醒, the park admin's list of failed sends. */
  label: string;
  /** One word for a digest: "3项待办：学习、主题党日、志愿". */
  short: string;
  template: TemplateId;
  /** Who gets it (the preferences page shows organizer kinds only to organizers and secretaries). */
  audience: 'member' | 'organizer';
  /** May be sent during quiet hours (something that changes today). */
  urgent?: boolean;
}

export const REMINDER_KINDS = {
  meetingTomorrow: { label: '主题党日、大党课前一天', short: '主题党日', template: 'TPL_PARTY_DAY', audience: 'member' },
  topicPublished: { label: '新专题发布', short: '新专题', template: 'TPL_TOPIC_PUBLISHED', audience: 'member' },
  topicDue: { label: '专题截止前三天（未完成时）', short: '学习', template: 'TPL_STUDY_DUE', audience: 'member' },
  topicNudge: { label: '书记的一键学习提醒', short: '学习', template: 'TPL_STUDY_DUE', audience: 'member' },
  shiftSoon: { label: '志愿服务开始前两小时', short: '志愿', template: 'TPL_ACTIVITY_START', audience: 'member' },
  waitlistPromoted: { label: '候补转为正式报名', short: '候补转正', template: 'TPL_ACTIVITY_START', audience: 'member', urgent: true },
  seatLost: { label: '报名的活动取消', short: '活动取消', template: 'TPL_ACTIVITY_START', audience: 'member', urgent: true },
  hoursPending: { label: '志愿时长待确认（组织者）', short: '确认时长', template: 'TPL_TODO', audience: 'organizer' },
  recordClosing: { label: '记录期限快到（组织者）', short: '记录期限', template: 'TPL_TODO', audience: 'organizer' },
  pledgeDueSoon: { label: '承诺到期前七天', short: '践诺', template: 'TPL_PLEDGE_DUE', audience: 'member' },
  pledgeOverdue: { label: '承诺已过期限', short: '践诺', template: 'TPL_PLEDGE_DUE', audience: 'member' },
  pledgeReturned: { label: '承诺被退回修改', short: '承诺修改', template: 'TPL_PLEDGE_DUE', audience: 'member' },
  reviewToRate: { label: '三评议待评议', short: '三评议', template: 'TPL_TODO', audience: 'member' },
} as const satisfies Record<string, ReminderKind>;

export type ReminderKindId = keyof typeof REMINDER_KINDS;

/** One line under each kind on 我的 → 消息提醒: what it is and when it comes. */
export const REMINDER_KIND_HINTS: Record<ReminderKindId, string> = {
  meetingTomorrow: '活动前一天提醒时间和地点',
  topicPublished: '本支部或全园区发布新的学习专题时',
  topicDue: '截止前三天还没学完时提醒一次',
  topicNudge: '支部书记点「一键提醒」时',
  shiftSoon: '报名的班次开始前两小时',
  waitlistPromoted: '候补的名额空出来、转为正式报名时',
  seatLost: '报名的活动被取消时，当天的会立即发',
  hoursPending: '班次结束后志愿者的时长还没确认时',
  recordClosing: '时长确认期限只剩两个工作日时',
  pledgeDueSoon: '承诺到期前七天，还没申报践诺时',
  pledgeOverdue: '承诺过了期限还没申报践诺时',
  pledgeReturned: '支部书记退回承诺、请您修改时',
  reviewToRate: '评议开始时和结束前三天，还有人没评时',
};
export const REMINDER_KIND_IDS = Object.keys(REMINDER_KINDS) as ReminderKindId[];

/** Field limits (WeChat's 参数值内容限制说明): characters, not bytes. */
export const FIELD_MAX: Partial<Record<TemplateFieldType, number>> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32 };

// WeChat counts characters as people see them (an emoji with its joiners is one): grapheme clusters where the runtime
// has Intl.Segmenter (Node), code points elsewhere (which only ever cuts shorter).
type Segmenter = new (locale: string, o: { granularity: 'grapheme' }) => { segment(s: string): Iterable<{ segment: string }> };
const SegmenterCtor = (Intl as unknown as { Segmenter?: Segmenter }).Segmenter;
const graphemes = (s: string): string[] => (SegmenterCtor ? Array.from(new SegmenterCtor('zh', { granularity: 'grapheme' }).segment(s), (g) => g.segment) : Array.from(s));

/** One value made to fit its type: no newlines, and a `thing` longer than 20 ends in "…" at 20. */
export function fitValue(type: TemplateFieldType, value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  const max = FIELD_MAX[type];
  if (type === 'thing' || type === 'name') {
    const g = graphemes(flat);
    const cut = max ?? 20;
    return g.length <= cut ? flat : `${g.slice(0, cut - 1).join('')}…`;
  }
  if (type === 'phrase') return Array.from(flat.replace(/[^\p{Script=Han}]/gu, '')).slice(0, 5).join('') || '提醒';
  if (type === 'number') return /^\d+$/.test(flat) ? flat.slice(0, 32) : '0';
  if (type === 'character_string') return flat.replace(/[^\x21-\x7E]/g, '').slice(0, 32) || '-';
  return flat;
}

/** Every field of a template filled and fitted; a field left out gets "详见消息" so WeChat never gets an empty value. */
export function fitFields(template: TemplateId, values: Record<string, string>): Record<string, string> {
  const t = REMINDER_TEMPLATES[template] as ReminderTemplate;
  return Object.fromEntries(Object.entries(t.fields).map(([k, type]) => [k, fitValue(type, values[k] ?? (type === 'thing' ? '详见消息' : ''))]));
}

/** The digest's text: "3项待办：主题党日、学习、志愿" (each kind's short word once, in the registry's order). */
export function digestText(kinds: ReminderKindId[]): string {
  const order = (k: ReminderKindId) => REMINDER_KIND_IDS.indexOf(k);
  const words = [...new Set([...kinds].sort((a, b) => order(a) - order(b)).map((k) => REMINDER_KINDS[k].short))];
  return fitValue('thing', `${kinds.length}项待办：${words.join('、')}`);
}

/** Quiet hours in China time, "22:00"–"08:00" by default (the park admin may change them). */
export const DEFAULT_QUIET = { quietStart: '22:00', quietEnd: '08:00' } as const;

/** Quiet hours are at least 1 hour and at most 14 (longer, and reminders of the day would wait until the evening). */
export const QUIET_MIN_HOURS = 1;
export const QUIET_MAX_HOURS = 14;

/** How long quiet hours last, in minutes ("22:00"–"08:00": 600); 0 when start = end. */
export function quietMinutes(q: { quietStart: string; quietEnd: string }): number {
  const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return (m(q.quietEnd) - m(q.quietStart) + 1440) % 1440;
}

/** What is wrong with quiet hours, in people's words (the park admin's screen and remind park.quiet); null: fine. */
export function quietProblem(q: { quietStart: string; quietEnd: string }): string | null {
  const ok = (t: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
  if (!ok(q.quietStart) || !ok(q.quietEnd)) return '请选择开始和结束时间';
  const min = quietMinutes(q);
  if (min < QUIET_MIN_HOURS * 60) return `免打扰时段至少 ${QUIET_MIN_HOURS} 小时，开始和结束不能相同`;
  if (min > QUIET_MAX_HOURS * 60) return `免打扰时段最长 ${QUIET_MAX_HOURS} 小时，现在是 ${Math.floor(min / 60)} 小时${min % 60 ? ` ${min % 60} 分` : ''}，白天的提醒会发不出去`;
  return null;
}

/** "每天 22:00 到次日 08:00（10 小时）". */
export function quietText(q: { quietStart: string; quietEnd: string }): string {
  const min = quietMinutes(q);
  const wraps = q.quietEnd <= q.quietStart;
  return `每天 ${q.quietStart} 到${wraps ? '次日 ' : ' '}${q.quietEnd}（${Math.floor(min / 60)} 小时${min % 60 ? ` ${min % 60} 分` : ''}）`;
}

/** True when the China wall clock at `now` is inside [start, end) (which may wrap midnight). */
export function inQuietHours(now: Date, quiet: { quietStart: string; quietEnd: string }): boolean {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
  const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const [s, e] = [m(quiet.quietStart), m(quiet.quietEnd)];
  if (s === e) return false;
  return s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}

/** What a send failure means for a reminder, in people's words (the park admin's list). */
export const SEND_ERRORS: Record<number, { permanent: boolean; text: string }> = {
  40003: { permanent: true, text: '微信账号无效' },
  40037: { permanent: true, text: '模板编号不对，请核对消息模板设置' },
  41030: { permanent: true, text: '跳转页面未发布，请先发布小程序' },
  43101: { permanent: false, text: '对方没有可用的订阅次数' },
  43108: { permanent: false, text: '同时发送过多，稍后重试' },
  45009: { permanent: false, text: '当天发送次数已满，稍后重试' },
  45168: { permanent: true, text: '内容含敏感词，未能发送' },
  47003: { permanent: true, text: '内容格式不符合模板要求' },
};

export const isPermanentSendError = (errcode: number) => SEND_ERRORS[errcode]?.permanent === true;
export const sendErrorText = (errcode: number) => SEND_ERRORS[errcode]?.text ?? '微信暂时无法发送，已自动重试';

// ---- The field values of each kind, built in one place (the functions call these; the unit test fills them with
// the longest values the contracts allow and checks WeChat would take them).
const dayText = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
/** "2026年12月3日 14:00" in China time: a `time` field with its date. */
export const timeText = (d: Date) => chinaFormat(d, 'YYYY年M月D日 HH:mm');
/** A deadline day lasts until 23:59 China time. */
export const deadlineText = (day: string) => `${dayText(day)} 23:59`;

export const REMINDER_FIELDS = {
  topicPublished: (v: { title: string; deadline: string }) => ({ thing1: v.title, time2: deadlineText(v.deadline), thing3: '点开开始学习' }),
  topicDue: (v: { title: string; deadline: string }) => ({ thing1: v.title, time2: deadlineText(v.deadline), thing3: '还有3天截止，请抓紧完成' }),
  topicNudge: (v: { title: string; deadline: string; from: string }) => ({ thing1: v.title, time2: deadlineText(v.deadline), thing3: `${v.from}提醒您按时完成学习` }),
  meetingTomorrow: (v: { label: string; title: string; date: string; startTime: string | null; place: string; branch: string }) =>
    ({ thing1: `${v.label}：${v.title}`, time2: `${dayText(v.date)} ${v.startTime ?? '08:30'}`, thing3: v.place, thing4: v.branch }),
  shiftSoon: (v: { title: string; start: Date; place: string }) => ({ thing1: v.title, time2: timeText(v.start), thing3: v.place }),
  waitlistPromoted: (v: { title: string; start: Date; place: string }) => ({ thing1: `候补成功：${v.title}`, time2: timeText(v.start), thing3: v.place }),
  seatLost: (v: { title: string; start: Date; place: string }) => ({ thing1: `活动取消：${v.title}`, time2: timeText(v.start), thing3: '详情请查看消息' }),
  hoursPending: (v: { title: string }) => ({ thing1: `确认时长：${v.title}`, number2: '1', thing3: '请确认志愿者的服务时长' }),
  recordClosing: (v: { title: string; lastDay: string }) => ({ thing1: `记录期限快到：${v.title}`, number2: '1', thing3: `请在${dayText(v.lastDay)}前确认` }),
  pledgeDueSoon: (v: { what: string; dueOn: string }) => ({ thing1: v.what, date2: dayText(v.dueOn), phrase3: '即将到期', thing4: '还有7天到期，请按时践诺' }),
  pledgeOverdue: (v: { what: string; dueOn: string }) => ({ thing1: v.what, date2: dayText(v.dueOn), phrase3: '已逾期', thing4: '请尽快提交践诺情况或向支部说明' }),
  pledgeReturned: (v: { what: string; dueOn: string; comment: string }) => ({ thing1: v.what, date2: dayText(v.dueOn), phrase3: '退回修改', thing4: `修改意见：${v.comment}` }),
  /** `toRate`: members still to rate; `until`: the window's last day. */
  reviewToRate: (v: { year: string; toRate: number; until: string }) => ({ thing1: `${v.year}年度三评议待评议`, number2: String(v.toRate), thing3: `请在${dayText(v.until)}前完成评议` }),
} satisfies Record<ReminderKindId, (v: never) => Record<string, string>>;

/**
 * The WeChat template ids of a park's mini-program by Redpark's names, as set in REMINDER_TEMPLATE_IDS (JSON,
 * `{"TPL_STUDY_DUE":"Xy…", …}`): the remind function reads it at run time, the weapp build bakes it in
 * (miniapp/config defineConstants, npm run deploy checks it). Unset: {} (the names themselves, local and tests).
 */
export function parseTemplateIds(raw: string | undefined | null): { ids: Partial<Record<TemplateId, string>>; problem: string | null } {
  if (raw === undefined || raw === null || raw.trim() === '') return { ids: {}, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ids: {}, problem: 'REMINDER_TEMPLATE_IDS 不是 JSON，应当像 {"TPL_STUDY_DUE":"微信给的模板ID", …}' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ids: {}, problem: 'REMINDER_TEMPLATE_IDS 应当是 {"模板名":"模板ID"} 的对象' };
  const unknown = Object.keys(value).filter((k) => !(TEMPLATE_IDS as string[]).includes(k));
  if (unknown.length) return { ids: {}, problem: `REMINDER_TEMPLATE_IDS 里有不认识的模板名：${unknown.join('、')}（应为 ${TEMPLATE_IDS.join('、')}）` };
  const bad = Object.entries(value).filter(([, v]) => typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v)).map(([k]) => k);
  if (bad.length) return { ids: {}, problem: `REMINDER_TEMPLATE_IDS 里 ${bad.join('、')} 的模板ID不对：从微信公众平台「订阅消息 → 我的模板」复制` };
  return { ids: value as Partial<Record<TemplateId, string>>, problem: null };
}
