// The emulator's stand-in for WeChat openapi, reached through the admin action `wx.api`
// (`app.callWxOpenApi({ apiName, requestData })`). Like WeChat, failures are errcodes in the reply, never throws,
// so product code is exercised on the same reply shapes it meets in production. Sources for the codes:
//  - -604101: CloudBase cloud call without the API in the function's config.json permissions.openapi
//    (docs.cloudbase.net/faq/knowledge/cloud-call-604101-permission-error).
//  - -604100: the same cloud-call range (-604102 timeout, -604104 illegal source); developers report it for an API
//    the gateway would not serve. WeChat documents no "unknown API" code, so this is our choice.
//  - subscribeMessage.send: 40003 touser invalid, 40037 template_id invalid, 43101 user refused / no consent,
//    47003 data invalid ("argument invalid! data.thing3.value is empty"), 41030 page invalid
//    (developers.weixin.qq.com …/subscribe-message/subscribeMessage.send.html and community replies with errmsgs).
//    Field rules: WeChat's 参数值内容限制说明 table (thing ≤ 20 characters, phrase ≤ 5 汉字, …).
//    43108: two sends to one openid at the same time (callAsync holds each send for `sendHoldMs`, as a real send
//    takes a round trip; a second send to the same touser meanwhile gets 43108). 45168: a field holding one of
//    the secCheck risky words (WeChat's sensitive-word refusal). Tests make a send fail with any errcode through
//    failSends (POST /_emulator/wx/send-faults): a temporary -1 (system busy) or a permanent 41030.
//  - security.msgSecCheck 2.0: 40003 openid, 40129 scene, 44002 empty, 47001 format
//    (developers.weixin.qq.com …/sec-check/security.msgSecCheck.html); labels 100 正常, 20006 违法犯罪, 21000 其他.
//    Over 2,500 characters has no documented code: 45002 is WeChat's global "content size out of limit".
//  - security.mediaCheckAsync 2.0: the same openid / scene / version codes; media_url must be an http(s) link
//    WeChat can fetch (a cloud:// id is refused: 47001), media_type 1 audio or 2 image (else 40097). The reply is
//    {errcode: 0, trace_id}; the result comes later as a message event (media-check.ts).
import type { FieldType, WxConfig, WxTemplate } from './config.js';

export const WxErrcode = {
  API_NOT_FOUND: -604100,
  NO_PERMISSION: -604101,
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE: 40037,
  INVALID_ARGS: 40097, // WeChat's generic "invalid args": version ≠ 2, bad miniprogram_state / lang
  INVALID_SCENE: 40129,
  INVALID_PAGE: 41030,
  USER_REFUSED: 43101,
  CONCURRENT_SEND: 43108,
  SENSITIVE_WORDS: 45168,
  EMPTY_DATA: 44002,
  CONTENT_TOO_LONG: 45002,
  DATA_FORMAT: 47001,
  ARGUMENT_INVALID: 47003,
} as const;

export type WxReply = Record<string, unknown>;
export interface WxCaller {
  /** Set when a cloud function calls: its config.json permissions.openapi are then enforced. */
  functionName?: string;
  permissions?: string[];
  /** The invoking user. Not used to fill in openid/touser: production requires them in requestData. */
  openid?: string;
}
export type SubscribeResult = 'accept' | 'reject';

export interface OutboxMessage {
  /** Equals the `msgid` of the send reply. */
  id: number;
  at: string;
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  functionName?: string;
  /** The template's title and keyword names, as the phone shows them (from the wx config). */
  title?: string;
  labels?: Record<string, string>;
}

/** Thrown by grantSubscription for a request the client API would refuse (it fails the whole call there too). */
export class WxGrantError extends Error {}

/** A configured secCheck word and its normalized form (see normalize). */
interface Word {
  word: string;
  norm: string;
}

export const SEC_CHECK_MAX_CHARS = 2500;
const MAX_TEMPLATES_PER_REQUEST = 3; // wx.requestSubscribeMessage accepts at most 3 one-time templates per call
const LABEL = { pass: 100, review: 21000, risky: 20006 } as const;

const reply = (errcode: number, errmsg: string): WxReply => ({ errcode, errmsg });

// Real openids are 28 characters of [A-Za-z0-9_-]; local ones are shorter ('o_member_1'), so only the
// alphabet and a sane length are checked. Anything else (empty, spaces, non-string) is WeChat's 40003.
export const isOpenid = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);

/** A send failure a test asked for: the next `times` sends (to `touser`, or anyone) reply `errcode`. */
export interface SendFault {
  errcode: number;
  touser?: string;
  times: number;
}

export class WxOpenApi {
  readonly outbox: OutboxMessage[] = [];
  /** How long callAsync holds a subscribeMessage.send (real milliseconds): the 43108 window. */
  sendHoldMs = 15;
  private readonly sending = new Set<string>(); // touser of sends in flight (callAsync)
  private readonly sendFaults: SendFault[] = [];
  private readonly quotas = new Map<string, Map<string, number>>(); // openid → template → remaining sends
  private readonly risky: Word[];
  private readonly review: Word[];
  private nextMsgId = 1;
  private traces = 0;

  constructor(
    readonly config: WxConfig,
    private readonly now: () => number = Date.now,
  ) {
    const prepare = (words: string[]) => words.map((word) => ({ word, norm: normalize(word) })).filter((w) => w.norm.length > 0);
    this.risky = prepare(config.secCheck.risky);
    this.review = prepare(config.secCheck.review);
  }

  /** One openapi call; returns WeChat's reply object. `requestData` may be the SDK's JSON string or an object. */
  call(apiName: string, requestData: unknown, caller: WxCaller = {}): WxReply {
    if (caller.functionName && !(caller.permissions ?? []).includes(apiName))
      return reply(WxErrcode.NO_PERMISSION, `function has no permission to call this API: add "${apiName}" to ${caller.functionName}/config.json permissions.openapi`);
    const body = parseRequestData(requestData);
    switch (apiName) {
      case 'subscribeMessage.send':
        return body ? this.send(body, caller) : reply(WxErrcode.DATA_FORMAT, 'data format error: requestData must be a JSON object');
      case 'security.msgSecCheck':
        return body ? this.secCheck(body) : reply(WxErrcode.DATA_FORMAT, 'data format error: requestData must be a JSON object');
      case 'security.mediaCheckAsync':
        return body ? this.mediaCheckAsync(body, caller) : reply(WxErrcode.DATA_FORMAT, 'data format error: requestData must be a JSON object');
      default:
        return reply(WxErrcode.API_NOT_FOUND, `API not found: ${apiName} (the emulator implements subscribeMessage.send, security.msgSecCheck and security.mediaCheckAsync)`);
    }
  }

  /**
   * As `call`, but a subscribeMessage.send takes `sendHoldMs` like a real round trip, and a second send to the same
   * touser while one is in flight gets 43108 (WeChat refuses concurrent sends to one openid). The admin API uses this.
   */
  async callAsync(apiName: string, requestData: unknown, caller: WxCaller = {}): Promise<WxReply> {
    if (apiName !== 'subscribeMessage.send') return this.call(apiName, requestData, caller);
    const touser = parseRequestData(requestData)?.touser;
    if (!isOpenid(touser)) return this.call(apiName, requestData, caller);
    if (this.sending.has(touser)) return reply(WxErrcode.CONCURRENT_SEND, 'concurrent send to the same openid, try again later');
    this.sending.add(touser);
    try {
      if (this.sendHoldMs > 0) await new Promise((r) => setTimeout(r, this.sendHoldMs));
      return this.call(apiName, requestData, caller);
    } finally {
      this.sending.delete(touser);
    }
  }

  /** The next `times` valid sends (to `touser`, or to anyone) fail with `errcode`, spending no quota. */
  failSends(fault: SendFault): void {
    this.sendFaults.push({ ...fault });
  }

  /** Forget the send faults not used yet; returns how many there were. */
  clearSendFaults(): number {
    return this.sendFaults.splice(0).length;
  }

  /**
   * The user's answer to wx.requestSubscribeMessage: each accepted template gives one send (consents accumulate);
   * a rejection changes nothing. Throws WxGrantError where the client API would fail the whole request.
   */
  grantSubscription(openid: string, templateIds: string[], accept = true): Record<string, SubscribeResult> {
    if (!isOpenid(openid)) throw new WxGrantError(`invalid openid ${JSON.stringify(openid)}`);
    const ids = [...new Set(templateIds)];
    if (ids.length === 0) throw new WxGrantError('templateIds is empty');
    if (ids.length > MAX_TEMPLATES_PER_REQUEST)
      throw new WxGrantError(`at most ${MAX_TEMPLATES_PER_REQUEST} templates per request (got ${ids.length}), as wx.requestSubscribeMessage`);
    const unknown = ids.filter((id) => !this.template(id));
    if (unknown.length) throw new WxGrantError(`unknown template id ${unknown.join(', ')} (not in the wx config)`);
    const mine = this.quotas.get(openid) ?? new Map<string, number>();
    this.quotas.set(openid, mine);
    const result: Record<string, SubscribeResult> = {};
    for (const id of ids) {
      result[id] = accept ? 'accept' : 'reject';
      if (accept) mine.set(id, (mine.get(id) ?? 0) + 1);
    }
    return result;
  }

  /** Remaining sends per configured template for one user (0 where there is no consent). */
  quota(openid: string): Record<string, number> {
    const mine = this.quotas.get(openid);
    return Object.fromEntries(Object.keys(this.config.templates).map((id) => [id, mine?.get(id) ?? 0]));
  }

  /** Empties the outbox; returns how many messages it held. */
  clearOutbox(): number {
    return this.outbox.splice(0).length;
  }

  private template(id: string): WxTemplate | undefined {
    return Object.hasOwn(this.config.templates, id) ? this.config.templates[id] : undefined;
  }

  private send(body: Record<string, unknown>, caller: WxCaller): WxReply {
    const { touser, template_id, page, data, miniprogram_state, lang } = body;
    if (!isOpenid(touser)) return reply(WxErrcode.INVALID_OPENID, 'invalid openid: touser is empty or not an openid');
    const template = typeof template_id === 'string' ? this.template(template_id) : undefined;
    if (!template || typeof template_id !== 'string') return reply(WxErrcode.INVALID_TEMPLATE, `invalid template_id ${JSON.stringify(template_id ?? null)}`);
    if (page !== undefined && typeof page !== 'string') return reply(WxErrcode.INVALID_PAGE, 'invalid page: page must be a string');
    if (miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(miniprogram_state as string))
      return reply(WxErrcode.INVALID_ARGS, 'invalid args: miniprogram_state must be developer, trial or formal');
    if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang as string))
      return reply(WxErrcode.INVALID_ARGS, 'invalid args: lang must be zh_CN, en_US, zh_HK or zh_TW');
    const problem = checkData(template_id, template, data);
    if (problem) return reply(WxErrcode.ARGUMENT_INVALID, `argument invalid! ${problem}`);
    const values0 = Object.values(data as Record<string, { value: string }>).map((v) => normalize(v.value));
    const sensitive = this.risky.find((w) => values0.some((v) => v.includes(w.norm)));
    if (sensitive) return reply(WxErrcode.SENSITIVE_WORDS, 'data contains sensitive words');
    const fault = this.sendFaults.findIndex((f) => f.times > 0 && (f.touser === undefined || f.touser === touser));
    if (fault >= 0) {
      const f = this.sendFaults[fault]!;
      if (--f.times <= 0) this.sendFaults.splice(fault, 1);
      return reply(f.errcode, `emulated failure ${f.errcode}`);
    }

    // Quota only after validation, so a rejected message never spends the user's consent.
    const mine = this.quotas.get(touser);
    const left = mine?.get(template_id) ?? 0;
    if (!mine || left <= 0) return reply(WxErrcode.USER_REFUSED, 'user refuse to accept the msg');
    mine.set(template_id, left - 1);

    const msgid = this.nextMsgId++;
    const values = data as Record<string, { value: string }>;
    const message: OutboxMessage = {
      id: msgid,
      at: new Date(this.now()).toISOString(),
      touser,
      template_id,
      data: Object.fromEntries(Object.keys(template.fields).map((k) => [k, { value: values[k]!.value }])),
    };
    message.title = template.title;
    if (template.labels) message.labels = { ...template.labels };
    if (page !== undefined) message.page = page as string;
    if (miniprogram_state !== undefined) message.miniprogram_state = miniprogram_state as string;
    if (lang !== undefined) message.lang = lang as string;
    if (caller.functionName) message.functionName = caller.functionName;
    this.outbox.push(message);
    return { errcode: 0, errmsg: 'ok', msgid };
  }

  private secCheck(body: Record<string, unknown>): WxReply {
    const { content, version, scene, openid } = body;
    if (!isOpenid(openid)) return reply(WxErrcode.INVALID_OPENID, 'invalid openid');
    if (version !== 2) return reply(WxErrcode.INVALID_ARGS, 'invalid args: version must be 2 (msgSecCheck 2.0)');
    if (typeof scene !== 'number' || !Number.isInteger(scene) || scene < 1 || scene > 4)
      return reply(WxErrcode.INVALID_SCENE, 'invalid scene: must be 1 (资料), 2 (评论), 3 (论坛) or 4 (社交日志)');
    if (content === undefined || content === null || content === '') return reply(WxErrcode.EMPTY_DATA, 'empty post data: content is empty');
    const extras = (['title', 'nickname', 'signature'] as const).map((k) => body[k]);
    if (typeof content !== 'string' || extras.some((v) => v !== undefined && typeof v !== 'string'))
      return reply(WxErrcode.DATA_FORMAT, 'data format error: content, title, nickname and signature must be strings');
    const length = charCount(content);
    if (length > SEC_CHECK_MAX_CHARS)
      return reply(WxErrcode.CONTENT_TOO_LONG, `content size out of limit: ${length} characters, at most ${SEC_CHECK_MAX_CHARS}`);

    // Each text is matched on its own, so a word cannot be formed across the title/content boundary.
    const texts = [content, ...extras].filter((v): v is string => typeof v === 'string').map(normalize);
    const find = (words: Word[]) => words.find((w) => texts.some((t) => t.includes(w.norm)))?.word;
    const riskyWord = find(this.risky);
    const reviewWord = riskyWord === undefined ? find(this.review) : undefined;
    const keyword = riskyWord ?? reviewWord;
    const suggest = riskyWord !== undefined ? 'risky' : reviewWord !== undefined ? 'review' : 'pass';
    const label = LABEL[suggest];
    // Shape of a real 2.0 reply: a keyword strategy entry (with the word when one hit) and a model entry.
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        keyword === undefined
          ? { strategy: 'keyword', errcode: 0 }
          : { strategy: 'keyword', errcode: 0, suggest, label, level: 90, keyword },
        { strategy: 'content_model', errcode: 0, suggest, label, prob: 90 },
      ],
      trace_id: this.traceId(),
    };
  }

  /** Set by the server: where accepted media checks go (media-check.ts). */
  onMediaCheck?: (check: { traceId: string; mediaUrl: string; mediaType: number; openid: string; scene: number; at: string; functionName?: string }) => void;

  private mediaCheckAsync(body: Record<string, unknown>, caller: WxCaller): WxReply {
    const { media_url, media_type, version, scene, openid } = body;
    if (!isOpenid(openid)) return reply(WxErrcode.INVALID_OPENID, 'invalid openid');
    if (version !== 2) return reply(WxErrcode.INVALID_ARGS, 'invalid args: version must be 2 (mediaCheckAsync 2.0)');
    if (typeof scene !== 'number' || !Number.isInteger(scene) || scene < 1 || scene > 4)
      return reply(WxErrcode.INVALID_SCENE, 'invalid scene: must be 1 (资料), 2 (评论), 3 (论坛) or 4 (社交日志)');
    if (media_type !== 1 && media_type !== 2) return reply(WxErrcode.INVALID_ARGS, 'invalid args: media_type must be 1 (audio) or 2 (image)');
    if (typeof media_url !== 'string' || !/^https?:\/\/\S+$/.test(media_url) || media_url.length > 2048)
      return reply(WxErrcode.DATA_FORMAT, 'data format error: media_url must be an http(s) link WeChat can fetch');
    const traceId = this.traceId();
    this.onMediaCheck?.({ traceId, mediaUrl: media_url, mediaType: media_type, openid, scene, at: new Date(this.now()).toISOString(), functionName: caller.functionName });
    return { errcode: 0, errmsg: 'ok', trace_id: traceId };
  }

  private traceId(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const n = ++this.traces;
    return `${hex(Math.floor(this.now() / 1000))}-${hex(n)}-${hex(Math.imul(n, 2654435761))}`;
  }
}

function parseRequestData(requestData: unknown): Record<string, unknown> | undefined {
  let v = requestData;
  if (typeof v === 'string') {
    if (v === '') return {}; // the SDK sends '' when requestData is falsy
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (v === undefined || v === null) return {};
  return typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

// Case-insensitive matching after NFKC (full-width Ａ → A) and removing all whitespace and zero-width characters,
// so "代 开 发 票" or "代\u200B开发票" still matches "代开发票": spacing a word out is the oldest evasion.
function normalize(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u200B-\u200D\u2060\uFEFF]/gu, '').toLowerCase();
}

// WeChat counts characters, not UTF-16 units or bytes: count grapheme clusters, so 👍 or 👨‍👩‍👧 is one.
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
export function charCount(s: string): number {
  let n = 0;
  for (const _ of graphemes.segment(s)) n++;
  return n;
}

/** First problem with `data` against the template, phrased like WeChat's 47003 errmsg; undefined when valid. */
function checkData(id: string, template: WxTemplate, data: unknown): string | undefined {
  const fields = Object.keys(template.fields);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return `data is empty (template ${id} needs ${fields.join(', ')})`;
  const given = data as Record<string, unknown>;
  for (const key of fields)
    if (!Object.hasOwn(given, key)) return `data.${key} is missing (template ${id} needs ${fields.join(', ')})`;
  // WeChat may ignore unknown keys; rejecting them catches a renamed template field before production does.
  for (const key of Object.keys(given))
    if (!Object.hasOwn(template.fields, key)) return `data.${key} is not a field of template ${id} (fields: ${fields.join(', ')})`;
  for (const key of fields) {
    const entry = given[key];
    const value = entry !== null && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return `data.${key}.value is empty`;
    if (typeof value !== 'string') return `data.${key}.value invalid: must be a string`;
    const why = checkValue(template.fields[key]!, value);
    if (why) return `data.${key}.value invalid: ${why}`;
  }
  return undefined;
}

const HAN = /\p{Script=Han}/u;

/** Why `value` breaks WeChat's rule for `type`, or undefined. Rules from WeChat's 参数值内容限制说明. */
export function checkValue(type: FieldType, value: string): string | undefined {
  const n = charCount(value);
  switch (type) {
    case 'thing':
      return n <= 20 ? undefined : `${n} characters, thing allows at most 20`;
    case 'phrase':
      return /^\p{Script=Han}{1,5}$/u.test(value) ? undefined : 'phrase must be at most 5 Chinese characters and nothing else';
    case 'name':
      // Chinese (or mixed) names ≤ 10 characters; pure Latin names ≤ 20 letters or symbols.
      if (HAN.test(value)) return /^[\p{Script=Han}A-Za-z·•. ]+$/u.test(value) && n <= 10 ? undefined : 'a Chinese name must be at most 10 characters, no digits';
      return /^[A-Za-z .·'-]{1,20}$/.test(value) ? undefined : 'a name must be at most 10 Chinese characters or 20 letters';
    case 'number':
      return /^\d+(\.\d+)?$/.test(value) && value.length <= 32 ? undefined : 'number must be digits (a decimal point allowed), at most 32';
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? undefined : 'letter must be at most 32 letters';
    case 'symbol':
      return /^[^\p{L}\p{N}\s]+$/u.test(value) && n <= 5 ? undefined : 'symbol must be at most 5 symbols';
    case 'character_string':
      return /^[\x21-\x7E]{1,32}$/.test(value) ? undefined : 'character_string must be at most 32 letters, digits or symbols';
    case 'amount':
      return /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? undefined : 'amount must be a currency symbol and at most 10 digits, e.g. ¥29.90';
    case 'phone_number':
      return /^[0-9+\-() ]{1,17}$/.test(value) && /\d/.test(value) ? undefined : 'phone_number must be at most 17 digits or symbols';
    case 'car_number':
      return /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]{0,6}[\p{Script=Han}A-Za-z0-9]?$/u.test(value) ? undefined : 'car_number must be at most 8 characters, Chinese only first or last';
    case 'time':
    case 'date':
      return checkTimeOrDate(type, value);
  }
}

// time: 24-hour time, optionally with a date ("14:00", "2026年11月21日 14:00", "2026-11-21 14:00:00").
// date: a date, optionally with a time ("2026年11月21日", "2026-11-21 14:00"). Either may be a range "a~b".
function checkTimeOrDate(type: 'time' | 'date', value: string): string | undefined {
  const example = type === 'time' ? '14:00 or 2026年11月21日 14:00' : '2026年11月21日 or 2026-11-21 14:00';
  const points = value.split(/\s*[~～]\s*/);
  if (points.length > 2) return `${type} must be one point or a range a~b, e.g. ${example}`;
  for (const [i, point] of points.entries()) {
    const p = parsePoint(point);
    if (!p) return `"${point}" is not a ${type}, e.g. ${example}`;
    if (type === 'time' && !p.time) return `a time needs hours and minutes, e.g. ${example}`;
    if (type === 'date' && i === 0 && !p.date) return `a date needs year, month and day, e.g. ${example}`;
  }
  return undefined;
}

function parsePoint(s: string): { date: boolean; time: boolean } | undefined {
  const tokens = s.trim().replace(/日(?=\d)/, '日 ').split(/\s+/);
  if (tokens.length > 2) return undefined;
  let date = false;
  let time = false;
  for (const [i, token] of tokens.entries()) {
    const d = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2}))$/.exec(token);
    const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(token);
    if (d && i === 0) {
      const [year, month, day] = [Number(d[1]), Number(d[2] ?? d[4] ?? d[6]), Number(d[3] ?? d[5] ?? d[7])];
      if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
      date = true;
    } else if (t && !time && (i === tokens.length - 1)) {
      if (Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3] ?? 0) > 59) return undefined;
      time = true;
    } else return undefined;
  }
  return date || time ? { date, time } : undefined;
}
