// Raising a reminder: the one call the features make (study, volunteer, and pledges / 三评议 when they land; the
// kinds are registered in shared/reminders.ts). A reminder is an outbox row with a deterministic id
// `<personId>|<kind>|<occasion>` and, unless the feature wrote its own, an inbox message: raising it again (a retried
// call, a timer fired twice) writes nothing new. The `remind` function's timer sends the outbox (quota, digest,
// quiet hours, exactly once) — see docs/REMINDERS.md.
import { DIGEST_TEMPLATE, REMINDER_KINDS, type ReminderKindId, fitFields } from '../../shared/reminders';
import { C, _, db, isDuplicateWrite, type Tx } from './db';
import type { InboxDoc } from './types';

export const RC = { outbox: 'reminder_outbox', subscribers: 'reminder_subscribers', settings: 'reminder_settings', scans: 'reminder_scans' } as const;

export type OutboxStatus = 'pending' | 'sent' | 'inboxOnly' | 'optedOut' | 'failed' | 'uncertain';

/** reminder_outbox. */
export interface ReminderDoc {
  _id: string;
  parkId: string;
  personId: string;
  kind: ReminderKindId;
  occasion: string;
  /** The inbox message that keeps it (always written). */
  inboxId: string;
  /** The kind's template fields, already fitted to WeChat's limits. */
  fields: Record<string, string>;
  /** Where a tap on the message opens. */
  page: string;
  urgent: boolean;
  /** Not sent before this (also the retry time after a temporary error). */
  nextAt: Date;
  status: OutboxStatus;
  attempts: number;
  /** Set when sent: the template used, part of a digest or not, WeChat's msgid. */
  sentAt?: Date | null;
  via?: string | null;
  digest?: boolean;
  msgid?: number | null;
  errcode?: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** reminder_subscribers: `_id` = personId. Counted quota, the kinds turned off, and the per-person send lock. */
export interface SubscriberDoc {
  _id: string;
  parkId: string;
  quota: Record<string, number>;
  off: string[];
  /** A send in flight: whoever holds it may send to this person; expired = its run died (see remind/actions/deliver.ts). */
  sending: { run: string; until: Date; ids: string[] } | null;
  /** Bumped by every lock and release: the lock is a conditional update on it. */
  version: number;
  updatedAt: Date;
}

export interface RaiseInput {
  parkId: string;
  personId: string;
  kind: ReminderKindId;
  /** What this reminder is about, deterministic: the topic and deadline, the meeting and its date, the shift… */
  occasion: string;
  /** Values for the kind's template fields (fitted here). */
  fields: Record<string, string>;
  page: string;
  /** Not before this instant (default: now). */
  notBefore?: Date;
  /** Overrides the kind's urgency (e.g. a cancelled activity today). */
  urgent?: boolean;
  /** The inbox message: `write` it, or name the one the feature already wrote. */
  inbox: { write: Omit<InboxDoc, '_id' | 'parkId' | 'personId' | 'read' | 'at'> } | { existing: string };
}

/** Where a pledge reminder opens (我的承诺): the pledge function and the remind timer raise them. */
export const PLEDGE_PAGE = 'packages/pledge/pages/mine/index';

export const reminderId = (personId: string, kind: string, occasion: string) => `${personId}|${kind}|${occasion}`;
const inboxIdOf = (outboxId: string) => `rm|${outboxId}`;

function docsOf(r: RaiseInput, now: Date): { outbox: ReminderDoc; inbox: InboxDoc | null } {
  const _id = reminderId(r.personId, r.kind, r.occasion);
  const inboxId = 'existing' in r.inbox ? r.inbox.existing : inboxIdOf(_id);
  const kind = REMINDER_KINDS[r.kind];
  const urgent = r.urgent ?? ('urgent' in kind && kind.urgent === true);
  const outbox: ReminderDoc = {
    _id, parkId: r.parkId, personId: r.personId, kind: r.kind, occasion: r.occasion, inboxId, fields: fitFields(kind.template, r.fields), page: r.page,
    urgent, nextAt: r.notBefore && r.notBefore > now ? r.notBefore : now, status: 'pending', attempts: 0, createdAt: now, updatedAt: now,
  };
  const inbox = 'write' in r.inbox ? { _id: inboxId, parkId: r.parkId, personId: r.personId, read: false, at: now, ...r.inbox.write } : null;
  return { outbox, inbox };
}

const CHUNK = 100;

/**
 * Raise reminders (any number, any people): those already raised are left alone. Costs one read per 100 and one
 * batch insert per 100 for each of the outbox and the inbox. Returns how many were new.
 */
export async function raiseReminders(items: RaiseInput[], now: Date): Promise<number> {
  let added = 0;
  const unique = [...new Map(items.map((r) => [reminderId(r.personId, r.kind, r.occasion), r])).values()];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK).map((r) => docsOf(r, now));
    const ids = part.map((p) => p.outbox._id);
    const { data } = await db.collection(RC.outbox).where({ _id: _.in(ids) }).field({ _id: true }).limit(CHUNK).get();
    const have = new Set((data as Array<{ _id: string }>).map((d) => d._id));
    const fresh = part.filter((p) => !have.has(p.outbox._id));
    if (!fresh.length) continue;
    // Inbox first: a run that dies between the two leaves an inbox message and no outbox row, which the next run
    // (same ids) completes; the other way round a reminder could be sent with nothing in the inbox.
    await insertAll(C.inbox, fresh.flatMap((p) => (p.inbox ? [p.inbox] : [])));
    added += await insertAll(RC.outbox, fresh.map((p) => p.outbox));
  }
  return added;
}

export const raiseReminder = (r: RaiseInput, now: Date) => raiseReminders([r], now);

/** Inside a feature's transaction (e.g. a waitlist promotion): the outbox row is written with the transaction. */
export async function raiseReminderInTx(tx: Tx, r: RaiseInput, now: Date): Promise<void> {
  const { outbox, inbox } = docsOf(r, now);
  if (inbox) {
    const { _id, ...rest } = inbox;
    await tx.collection(C.inbox).doc(_id).set(rest);
  }
  const { _id, ...rest } = outbox;
  await tx.collection(RC.outbox).doc(_id).set(rest);
}

/** Batch insert; where another run inserted some of them first, insert the rest one by one. Returns how many landed. */
async function insertAll(collection: string, docs: Array<{ _id: string }>): Promise<number> {
  if (!docs.length) return 0;
  try {
    await db.collection(collection).add(docs);
    return docs.length;
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
  }
  let n = 0;
  for (const d of docs) {
    try {
      await db.collection(collection).add(d);
      n++;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e;
    }
  }
  return n;
}

export const quotaOf = (sub: SubscriberDoc | null, t: string) => Math.max(0, sub?.quota?.[t] ?? 0);

/** Would a reminder of `kind` reach this person by WeChat now (bound, kind on, counted quota for its template or the digest)? */
export function reachesByWechat(kind: ReminderKindId, sub: SubscriberDoc | null, openid: string | null | undefined): boolean {
  return !!openid && !sub?.off?.includes(kind) && quotaOf(sub, REMINDER_KINDS[kind].template) + quotaOf(sub, DIGEST_TEMPLATE) > 0;
}

/** The subscriber docs of some people (one read per 100). */
export async function subscribersOf(personIds: string[]): Promise<Map<string, SubscriberDoc>> {
  const out = new Map<string, SubscriberDoc>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const { data } = await db.collection(RC.subscribers).where({ _id: _.in(personIds.slice(i, i + CHUNK)) }).limit(CHUNK).get();
    for (const d of data as SubscriberDoc[]) out.set(d._id, d);
  }
  return out;
}
