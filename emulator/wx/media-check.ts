// The stand-in for WeChat's asynchronous media check (security.mediaCheckAsync, version 2). The openapi call
// (openapi.ts) validates the request and answers a trace id at once; the check itself happens here: like
// WeChat, the emulator fetches `media_url` (the product hands it a temporary link of its own storage), decides
// from word lists configured like msgSecCheck's (`mediaCheck.risky` / `.review` in the wx config, matched in
// the file's bytes: a test image carries a marker such as REDPARK-TEST-RISKY in a comment or text chunk), and
// pushes the result as a message event to the function the config names in `messagePush` (the CloudBase
// console's 消息推送 target). Event shape from WeChat's docs of mediaCheckAsync:
//   { ToUserName, FromUserName, CreateTime, MsgType: 'event', Event: 'wxa_media_check', appid, trace_id,
//     version: 2, detail: [{ strategy, errcode, suggest, label, prob }], errcode, errmsg, result: { suggest, label } }
// The invocation's SOURCE is `wx_message` (our choice: WeChat documents none for a pushed message) with no
// user. A link that cannot be fetched answers errcode 47001 with no result (our choice too).
// Results are pushed right away, or held (`hold`) until released: tests see the 审核中 state that way.
//   GET  /_emulator/wx/media-checks            → {hold, checks}
//   POST /_emulator/wx/media-checks            {hold: boolean}
//   POST /_emulator/wx/media-checks/deliver    {traceId?, suggest?: pass|review|risky} → the checks delivered
import type { CallerIdentity } from '../functions/identity.js';

export type MediaSuggest = 'pass' | 'review' | 'risky';
const LABEL = { pass: 100, review: 21000, risky: 20002 } as const;

export interface MediaCheck {
  traceId: string;
  mediaUrl: string;
  mediaType: number;
  openid: string;
  scene: number;
  at: string;
  functionName?: string;
  state: 'queued' | 'held' | 'delivered' | 'undelivered';
  suggest?: MediaSuggest;
  errcode?: number;
  deliveredAt?: string;
  /** What the message-push function answered, or why it could not be reached. */
  reply?: unknown;
  error?: string;
}

export interface MediaCheckOptions {
  appid: string;
  now: () => number;
  words: () => { risky: string[]; review: string[] };
  /** The function message pushes go to (undefined: none configured). */
  target: () => string | undefined;
  invoke: (fn: string, event: unknown, identity: CallerIdentity) => Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s/gu, '').toLowerCase();

export class MediaChecks {
  hold = false;
  readonly checks: MediaCheck[] = [];
  private running = new Set<Promise<void>>();

  constructor(private readonly opts: MediaCheckOptions) {}

  /** A check the openapi call accepted. */
  add(c: Omit<MediaCheck, 'state'>): void {
    const check: MediaCheck = { ...c, state: this.hold ? 'held' : 'queued' };
    this.checks.push(check);
    if (this.checks.length > 1000) this.checks.shift();
    if (!this.hold) this.track(new Promise((r) => setImmediate(r)).then(() => this.deliver(check)));
  }

  /** Delivers held checks (one by trace id, or all), optionally with a forced result; answers them once pushed. */
  async release(traceId?: string, suggest?: MediaSuggest): Promise<MediaCheck[]> {
    const due = this.checks.filter((c) => (c.state === 'held' || c.state === 'queued') && (!traceId || c.traceId === traceId));
    for (const c of due) await this.deliver(c, suggest);
    return due;
  }

  /** Waits for every push in flight (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private track(p: Promise<void>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private async decide(url: string): Promise<{ errcode: number; suggest?: MediaSuggest }> {
    let text: string;
    try {
      const res = await fetch(url);
      if (!res.ok) return { errcode: 47001 };
      text = norm(Buffer.from(await res.arrayBuffer()).toString('utf8'));
    } catch {
      return { errcode: 47001 };
    }
    const words = this.opts.words();
    if (words.risky.some((w) => text.includes(norm(w)))) return { errcode: 0, suggest: 'risky' };
    if (words.review.some((w) => text.includes(norm(w)))) return { errcode: 0, suggest: 'review' };
    return { errcode: 0, suggest: 'pass' };
  }

  private async deliver(c: MediaCheck, forced?: MediaSuggest): Promise<void> {
    if (c.state === 'delivered' || c.state === 'undelivered') return;
    c.state = 'delivered';
    const d = forced ? { errcode: 0, suggest: forced } : await this.decide(c.mediaUrl);
    c.errcode = d.errcode;
    c.suggest = d.suggest;
    c.deliveredAt = new Date(this.opts.now()).toISOString();
    const event: Record<string, unknown> = {
      ToUserName: `gh_${this.opts.appid}`, FromUserName: c.openid, CreateTime: Math.floor(this.opts.now() / 1000), MsgType: 'event', Event: 'wxa_media_check',
      appid: this.opts.appid, trace_id: c.traceId, version: 2, errcode: d.errcode, errmsg: d.errcode === 0 ? 'ok' : 'media download failed',
    };
    if (d.suggest) {
      event.result = { suggest: d.suggest, label: LABEL[d.suggest] };
      event.detail = [{ strategy: 'content_model', errcode: 0, suggest: d.suggest, label: LABEL[d.suggest], prob: 90 }];
    }
    const target = this.opts.target();
    if (!target) {
      c.state = 'undelivered';
      c.error = 'no messagePush function in the wx config';
      return;
    }
    try {
      const r = await this.opts.invoke(target, event, { source: 'wx_message' });
      c.reply = r.ok ? r.result : r.error;
    } catch (e) {
      c.state = 'undelivered';
      c.error = (e as Error).message;
    }
  }
}
