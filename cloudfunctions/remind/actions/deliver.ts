// The outbox sender (the timer, every 10 minutes). Exactly once, per person:
//   1. read due rows (status pending, nextAt ≤ now), with the people's subscriber docs and openids;
//   2. per person: kinds turned off → optedOut; quiet hours → wait for the morning (nextAt = quiet end), unless
//      urgent; the rest is due: several → one digest ("3项待办：…", tap opens the inbox), one → its own template;
//      no openid or no counted quota → inboxOnly (the inbox has it already);
//   3. re-read the rows still pending (another run may have sent them since the batch read), lock the person
//      (conditional update of their subscriber doc on the version the batch read: one send per person at a time, so
//      WeChat never sees two at once: 43108), send, record the rows' outcome, then release the lock with the quota.
// A run that dies after locking leaves the lock; once it expires, the rows it names that are still pending are
// marked `uncertain` (they may have reached the phone: WeChat has no way to ask) and never sent again; the inbox
// keeps them. At most PARALLEL sends are in flight, so a killed run leaves at most that many uncertain. A timer fired twice: the second run finds the rows sent, or the person locked, and sends nothing.
// The run stops taking people after its time budget: what is left stays pending for the next run.
import { randomUUID } from 'node:crypto';
import { DEFAULT_QUIET, DIGEST_TEMPLATE, REMINDER_KINDS, REMINDER_TEMPLATES, type TemplateId, digestText, fitFields, inQuietHours, isPermanentSendError } from '../../../shared/reminders';
import { chinaFormat } from '../../../shared/time';
import { C, _, app, db } from '../../_lib/db';
import { RC, type ReminderDoc, type SubscriberDoc, quotaOf } from '../../_lib/reminders';
import type { PersonDoc } from '../../_lib/types';

export const INBOX_PAGE = 'pages/study/index';
const LEASE_MS = 3 * 60_000;
const SLACK_MS = 60_000;
const BATCH = 500;
/** People served at once; a run killed mid-send leaves at most this many sends uncertain. */
export const PARALLEL = 8;
const MAX_ATTEMPTS = 6;
/** Retry after a temporary error: 2, 4, 8 … minutes, at most an hour. */
export const backoffMs = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000;

export interface DeliverResult {
  people: number;
  sent: number;
  digests: number;
  inboxOnly: number;
  optedOut: number;
  deferred: number;
  retried: number;
  failed: number;
  uncertain: number;
  skippedLocked: number;
  /** True when the time budget ran out with rows left: the next run continues. */
  more: boolean;
}

interface ParkQuiet {
  quietStart: string;
  quietEnd: string;
}

export async function quietOf(parkId: string): Promise<ParkQuiet> {
  const { data } = await db.collection(RC.settings).doc(parkId).get();
  const d = (Array.isArray(data) ? data[0] : data) as Partial<ParkQuiet> | undefined;
  return { quietStart: d?.quietStart ?? DEFAULT_QUIET.quietStart, quietEnd: d?.quietEnd ?? DEFAULT_QUIET.quietEnd };
}

/** The next instant the China wall clock reads `hhmm` after `now`. */
function nextClock(now: Date, hhmm: string): Date {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const at = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))) - 8 * 3_600_000;
  return new Date(at > now.getTime() ? at : at + 86_400_000);
}

async function setStatus(ids: string[], patch: Record<string, unknown>, now: Date): Promise<void> {
  if (!ids.length) return;
  await db.collection(RC.outbox).where({ _id: _.in(ids) }).update({ ...patch, updatedAt: now });
}


interface Send {
  template: TemplateId;
  rows: ReminderDoc[];
  digest: boolean;
  data: Record<string, { value: string }>;
  page: string;
}

/** What one person gets this window: a digest of every due row, or one row with its own template; null: no quota. */
export function chooseSend(due: ReminderDoc[], sub: SubscriberDoc | null): Send | null {
  if (!due.length) return null;
  if (due.length > 1 && quotaOf(sub, DIGEST_TEMPLATE) > 0) {
    const fields = fitFields(DIGEST_TEMPLATE, { thing1: digestText(due.map((r) => r.kind)), number2: String(due.length), thing3: '点开查看全部待办' });
    return { template: DIGEST_TEMPLATE, rows: due, digest: true, data: wrap(fields), page: INBOX_PAGE };
  }
  for (const row of due) {
    const template = REMINDER_KINDS[row.kind].template;
    if (quotaOf(sub, template) > 0) return { template, rows: [row], digest: false, data: wrap(row.fields), page: row.page };
  }
  return null;
}

const wrap = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }]));

/** Production template ids by our names (REMINDER_TEMPLATE_IDS, JSON, set at deploy); locally the names themselves. */
function wechatTemplateId(t: TemplateId): string {
  try {
    const map = JSON.parse(process.env.REMINDER_TEMPLATE_IDS ?? '{}') as Record<string, string>;
    return map[t] ?? t;
  } catch {
    return t;
  }
}

async function sendOne(openid: string, s: Send): Promise<{ errcode: number; msgid?: number }> {
  try {
    const res = await app.callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: { touser: openid, template_id: wechatTemplateId(s.template), page: s.page, data: s.data, miniprogram_state: process.env.MINIPROGRAM_STATE ?? 'formal', lang: 'zh_CN' },
    });
    const r = (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as { errcode?: number; msgid?: number } | undefined;
    return { errcode: typeof r?.errcode === 'number' ? r.errcode : -1, msgid: r?.msgid };
  } catch (e) {
    console.error('subscribeMessage.send threw:', (e as Error).message);
    return { errcode: -1 };
  }
}

export async function deliver(now: Date, budgetMs: number): Promise<DeliverResult> {
  const started = Date.now();
  const run = randomUUID();
  const out: DeliverResult = { people: 0, sent: 0, digests: 0, inboxOnly: 0, optedOut: 0, deferred: 0, retried: 0, failed: 0, uncertain: 0, skippedLocked: 0, more: false };
  const quiet = new Map<string, ParkQuiet>();
  const handled = new Set<string>();
  for (;;) {
    if (Date.now() - started > budgetMs) {
      out.more = true;
      break;
    }
    // A minute of slack: instances' clocks differ a little, and a row due at 08:00:00.01 belongs to the 08:00 run.
    const where: Record<string, unknown> = { status: 'pending', nextAt: _.lte(new Date(now.getTime() + SLACK_MS)) };
    if (handled.size) where.personId = _.nin([...handled].slice(-BATCH * 4));
    const { data } = await db.collection(RC.outbox).where(where).orderBy('nextAt', 'asc').limit(BATCH).get();
    const rows = (data as ReminderDoc[]).filter((r) => !handled.has(r.personId));
    if (!rows.length) break;
    const byPerson = new Map<string, ReminderDoc[]>();
    for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
    const personIds = [...byPerson.keys()];
    const [subs, people] = await Promise.all([
      db.collection(RC.subscribers).where({ _id: _.in(personIds) }).limit(BATCH).get(),
      db.collection(C.people).where({ _id: _.in(personIds) }).field({ _id: true, openid: true, parkId: true }).limit(BATCH).get(),
    ]);
    const subOf = new Map((subs.data as SubscriberDoc[]).map((s) => [s._id, s]));
    const personOf = new Map((people.data as Array<Pick<PersonDoc, '_id' | 'openid' | 'parkId'>>).map((p) => [p._id, p]));
    for (const parkId of new Set(rows.map((r) => r.parkId))) if (!quiet.has(parkId)) quiet.set(parkId, await quietOf(parkId));

    const queue = [...byPerson.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [personId, mine] = next;
        handled.add(personId);
        if (Date.now() - started > budgetMs) {
          out.more = true;
          continue;
        }
        await deliverTo(personId, mine, subOf.get(personId) ?? null, personOf.get(personId)?.openid ?? null, quiet.get(mine[0]!.parkId)!, now, run, out);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (out.more) break;
  }
  return out;
}

async function deliverTo(personId: string, rows: ReminderDoc[], sub: SubscriberDoc | null, openid: string | null, quiet: ParkQuiet, now: Date, run: string, out: DeliverResult): Promise<void> {
  out.people++;
  // A lock left by a run that died: what it held may have been sent; never send it again.
  const stale = sub?.sending && new Date(sub.sending.until).getTime() <= now.getTime() ? sub.sending.ids : [];
  if (sub?.sending && !stale.length && new Date(sub.sending.until).getTime() > now.getTime()) {
    out.skippedLocked++;
    return;
  }
  const uncertain = rows.filter((r) => stale.includes(r._id));
  const live = rows.filter((r) => !stale.includes(r._id));
  const off = live.filter((r) => sub?.off?.includes(r.kind));
  const on = live.filter((r) => !sub?.off?.includes(r.kind));
  const isQuiet = inQuietHours(now, quiet);
  const deferred = isQuiet ? on.filter((r) => !r.urgent) : [];
  const due = on.filter((r) => !deferred.includes(r));
  const send = openid ? chooseSend(due, sub) : null;
  // Without quota for their own template they stay in the inbox only; with quota they wait for the next window.
  const waiting = send ? due.filter((r) => !send.rows.includes(r) && quotaOf(sub, REMINDER_KINDS[r.kind].template) > 0) : [];
  const inboxOnly = due.filter((r) => !send?.rows.includes(r) && !waiting.includes(r));

  await setStatus(uncertain.map((r) => r._id), { status: 'uncertain' }, now);
  await setStatus(off.map((r) => r._id), { status: 'optedOut' }, now);
  await setStatus(deferred.map((r) => r._id), { nextAt: nextClock(now, quiet.quietEnd) }, now);
  await setStatus(waiting.map((r) => r._id), { nextAt: new Date(now.getTime() + 10 * 60_000) }, now);
  await setStatus(inboxOnly.map((r) => r._id), { status: 'inboxOnly' }, now);
  out.uncertain += uncertain.length;
  out.optedOut += off.length;
  out.deferred += deferred.length;
  out.inboxOnly += inboxOnly.length;
  if (!send || !openid || !sub) {
    if (stale.length && sub) await db.collection(RC.subscribers).where({ _id: personId, version: sub.version }).update({ sending: null, version: _.inc(1), updatedAt: now });
    return;
  }

  // The claim. Re-read the rows after the batch read the subscriber doc, then lock on the version read there: a run
  // that sent them in between has bumped the version (our lock fails) or marked them (the re-read sees it). The lock
  // is the last write before the send, so a run that dies leaves as few uncertain sends as possible.
  const ids = send.rows.map((r) => r._id);
  const { data: still } = await db.collection(RC.outbox).where({ _id: _.in(ids), status: 'pending' }).field({ _id: true }).limit(ids.length).get();
  if ((still as unknown[]).length !== ids.length) return; // another run got there first: nothing this time
  const lock = await db.collection(RC.subscribers).where({ _id: personId, version: sub.version }).update({ sending: _.set({ run, until: new Date(now.getTime() + LEASE_MS), ids }), version: _.inc(1), updatedAt: now });
  if ((lock as { updated?: number }).updated !== 1) {
    out.skippedLocked++;
    return;
  }
  const release = async (quota: number | null) => {
    const patch: Record<string, unknown> = { sending: null, version: _.inc(1), updatedAt: now };
    if (quota !== null) patch[`quota.${send.template}`] = quota;
    await db.collection(RC.subscribers).doc(personId).update(patch);
  };

  const { errcode, msgid } = await sendOne(openid, send);
  const left = quotaOf(sub, send.template);
  if (errcode === 0) {
    await setStatus(ids, { status: 'sent', sentAt: now, via: send.template, digest: send.digest, msgid: msgid ?? null, errcode: null }, now);
    out.sent += ids.length;
    if (send.digest) out.digests++;
    await release(left - 1);
  } else if (errcode === 43101) {
    // WeChat says there is no quota left: our count was wrong; it is zero now. The inbox keeps them.
    await setStatus(ids, { status: 'inboxOnly', errcode }, now);
    out.inboxOnly += ids.length;
    await release(0);
  } else if (isPermanentSendError(errcode)) {
    await setStatus(ids, { status: 'failed', errcode }, now);
    out.failed += ids.length;
    await release(null);
  } else {
    const attempts = Math.max(...send.rows.map((r) => r.attempts)) + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await setStatus(ids, { status: 'failed', errcode, attempts }, now);
      out.failed += ids.length;
    } else {
      await setStatus(ids, { nextAt: new Date(now.getTime() + backoffMs(attempts)), errcode, attempts }, now);
      out.retried += ids.length;
    }
    await release(null);
  }
}

export const clockText = (d: Date) => chinaFormat(d, 'YYYY年M月D日 HH:mm');
export { REMINDER_TEMPLATES };
