// A person's consents and choices (我的 → 消息提醒), the park's quiet hours and the park admin's list of failed sends.
import type { remindContract } from '../../../shared/contract/remind';
import { REMINDER_KINDS, REMINDER_KIND_IDS, TEMPLATE_IDS, type ReminderKindId, quietProblem, sendErrorText } from '../../../shared/reminders';
import { invalid } from '../../org/actions/helpers';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { rolesOf } from '../../_lib/caller';
import { RC, type ReminderDoc, type SubscriberDoc } from '../../_lib/reminders';
import type { PersonDoc } from '../../_lib/types';
import { quietOf } from './deliver';

type H = Handlers<typeof remindContract>;

/** The kinds a person may get: organizer kinds only for organizers, secretaries and park admins. */
export function kindsFor(p: PersonDoc): ReminderKindId[] {
  const roles = rolesOf(p);
  const organizer = roles.has('organizer') || roles.has('secretary') || roles.has('parkAdmin');
  return REMINDER_KIND_IDS.filter((k) => REMINDER_KINDS[k].audience === 'member' || organizer);
}

const blank = (p: PersonDoc, now: Date): Omit<SubscriberDoc, '_id'> => ({ parkId: p.parkId, quota: {}, off: [], sending: null, version: 0, updatedAt: now });

async function subscriberOf(personId: string): Promise<SubscriberDoc | null> {
  return getDoc<SubscriberDoc>(RC.subscribers, personId);
}

/** Creates my subscriber doc if missing (a race with another first write loses nothing: the second add is a duplicate). */
async function ensure(p: PersonDoc, now: Date): Promise<void> {
  if (await subscriberOf(p._id)) return;
  try {
    await db.collection(RC.subscribers).add({ _id: p._id, ...blank(p, now) });
  } catch (e) {
    if ((e as { code?: string }).code !== 'DATABASE_DUPLICATE_WRITE') throw e;
  }
}

async function mine(p: PersonDoc) {
  const [sub, quiet] = await Promise.all([subscriberOf(p._id), quietOf(p.parkId)]);
  const quota = Object.fromEntries(TEMPLATE_IDS.map((t) => [t, Math.max(0, sub?.quota?.[t] ?? 0)]));
  return {
    kinds: kindsFor(p).map((kind) => ({ kind, label: REMINDER_KINDS[kind].label, on: !sub?.off?.includes(kind) })),
    quota,
    left: Object.values(quota).reduce((a, b) => a + b, 0),
    quiet,
  };
}

export const settingsHandlers: H = {
  'consent.record': {
    access: 'bound',
    handler: async ({ answers }, { person: me, now }) => {
      await ensure(me, now);
      const accepted = Object.entries(answers).filter(([, a]) => a === 'accept').map(([t]) => t);
      const patch: Record<string, unknown> = { updatedAt: now };
      for (const t of accepted) patch[`quota.${t}`] = _.inc(1);
      await db.collection(RC.subscribers).doc(me._id).update(patch);
      const { quota, left } = await mine(me);
      return { quota, left };
    },
  },

  'settings.mine': { access: 'bound', handler: async (_i, { person: me }) => mine(me) },

  'settings.set': {
    access: 'bound',
    handler: async ({ kind, on }, { person: me, now }) => {
      await ensure(me, now);
      await db.collection(RC.subscribers).doc(me._id).update({ off: on ? _.pull(kind) : _.addToSet(kind), updatedAt: now });
      return mine(me);
    },
  },

  'park.quiet': {
    access: ['parkAdmin'],
    handler: async ({ quietStart, quietEnd }, { person: me, now }) => {
      const problem = quietProblem({ quietStart, quietEnd });
      if (problem) throw invalid('quietEnd', problem);
      await db.collection(RC.settings).doc(me.parkId).set({ quietStart, quietEnd, updatedAt: now, updatedBy: { id: me._id, name: me.name } });
      await audit(me, 'remind.quiet', me.parkId, { quietStart, quietEnd }, now);
      return { quietStart, quietEnd };
    },
  },

  'errors.list': {
    access: ['parkAdmin'],
    handler: async ({ limit }, { person: me, now }) => {
      const week = new Date(now.getTime() - 7 * 86_400_000);
      const base = { parkId: me.parkId, updatedAt: _.gte(week) };
      const [failed, sent, inboxOnly, waiting, nFailed] = await Promise.all([
        db.collection(RC.outbox).where({ parkId: me.parkId, status: 'failed' }).orderBy('updatedAt', 'desc').limit(limit).get(),
        db.collection(RC.outbox).where({ ...base, status: 'sent' }).count(),
        db.collection(RC.outbox).where({ ...base, status: 'inboxOnly' }).count(),
        db.collection(RC.outbox).where({ parkId: me.parkId, status: 'pending' }).count(),
        db.collection(RC.outbox).where({ ...base, status: 'failed' }).count(),
      ]);
      const rows = failed.data as ReminderDoc[];
      const ids = [...new Set(rows.map((r) => r.personId))];
      const { data: people } = ids.length ? await db.collection(C.people).where({ _id: _.in(ids) }).field({ name: true }).limit(ids.length).get() : { data: [] };
      const nameOf = new Map((people as PersonDoc[]).map((p) => [p._id, p.name]));
      const total = (r: unknown) => (r as { total: number }).total;
      return {
        errors: rows.map((r) => ({
          name: nameOf.get(r.personId) ?? '已离开园区',
          kind: REMINDER_KINDS[r.kind]?.label ?? '提醒',
          title: Object.values(r.fields)[0] ?? '',
          reason: sendErrorText(r.errcode ?? -1),
          at: new Date(r.updatedAt).toISOString(),
        })),
        counts: { sent: total(sent), inboxOnly: total(inboxOnly), waiting: total(waiting), failed: total(nFailed) },
      };
    },
  },
};
