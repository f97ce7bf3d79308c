// Writing items (a member's own, a branch's 支部承诺), reading one, my items with my 履诺率, and the park's settings.
import type { pledgeContract } from '../../../shared/contract/pledge';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, db, readAll, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import { branchOfPark, managesBranch, personOfPark } from '../../org/actions/helpers';
import type { PledgeDoc, PledgeRatingDoc, PledgeSettingsDoc } from '../types';
import {
  ZERO_RATINGS, addCounts, allOf, checkTexts, invalid, isOwner, loadSettings, newId, notFound, pledgeFor, ratingId, ratingOpen, rateOf, satisfactionOf,
  today, view, who, wrongState,
} from './helpers';
import { getDoc } from '../../_lib/db';

type H = Handlers<typeof pledgeContract>;
export const MEMBERS = ['member'] as const;
export const MANAGERS = ['secretary', 'parkAdmin'] as const;

export async function branchName(parkId: string, branchId: string): Promise<string> {
  const b = await getDoc<{ parkId: string; name: string }>(C.branches, branchId);
  return b && b.parkId === parkId ? b.name : '';
}

interface ItemIn { kind: PledgeDoc['kind']; what: string; howSeen: string; dueOn: string; term: PledgeDoc['term'] }

/** A due date in the current or next year, not in the past (China time). */
function checkDue(dueOn: string, now: Date): void {
  const day = today(now);
  if (dueOn < day) throw invalid('dueOn', '践诺期限不能早于今天');
  if (Number(dueOn.slice(0, 4)) > Number(day.slice(0, 4)) + 1) throw invalid('dueOn', '践诺期限最远到明年年底');
}

/** Yearly items of a member's year that count against the park's limit (not returned or withdrawn). */
async function yearlyCount(me: PersonDoc, year: string, except: string | null): Promise<number> {
  const items = await readAll<PledgeDoc>(C.pledges, { personId: me._id, year, scope: 'member' }, { status: true, term: true });
  return items.filter((p) => p._id !== except && p.term === 'yearly' && p.status !== 'withdrawn' && p.status !== 'returned').length;
}

async function checkLimit(me: PersonDoc, item: ItemIn, except: string | null): Promise<void> {
  if (item.term !== 'yearly') return;
  const { settings } = await loadSettings(me.parkId);
  const n = await yearlyCount(me, item.dueOn.slice(0, 4), except);
  if (n >= settings.maxPerYear) throw invalid('term', `${item.dueOn.slice(0, 4)}年的年度承诺最多 ${settings.maxPerYear} 项，已经写了 ${n} 项`);
}

export const itemHandlers: Pick<H, 'settings.get' | 'settings.update' | 'mine' | 'create' | 'update' | 'branch.create' | 'get'> = {
  'settings.get': { access: 'bound', handler: async (_i, { person: me }) => loadSettings(me.parkId) },

  'settings.update': {
    access: ['parkAdmin'],
    handler: async ({ settings }, { person: me, now }) => {
      await runTransaction(async (tx) => {
        const doc: Omit<PledgeSettingsDoc, '_id'> = { ...settings, updatedAt: now, updatedBy: who(me) };
        await tx.collection(C.pledgeSettings).doc(me.parkId).set(doc);
        await audit(me, 'pledge.settings.update', me.parkId, { ...settings }, now, tx);
      });
      return { settings };
    },
  },

  mine: {
    access: MEMBERS,
    handler: async ({ year }, { person: me, now }) => {
      const y = year ?? today(now).slice(0, 4);
      const [items, { settings }, bname] = await Promise.all([
        allOf<PledgeDoc>({ personId: me._id, year: y }).then((l) => l.filter((p) => p.parkId === me.parkId)),
        loadSettings(me.parkId),
        branchName(me.parkId, me.branchId),
      ]);
      const names = new Map<string, string>([[me.branchId, bname]]);
      for (const p of items) if (!names.has(p.branchId)) names.set(p.branchId, await branchName(me.parkId, p.branchId));
      items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.createdAt < b.createdAt ? -1 : 1));
      const ratings = items.reduce((c, p) => addCounts(c, p.ratings ?? ZERO_RATINGS), ZERO_RATINGS);
      const own = items.filter((p) => p.scope === 'member');
      return {
        year: y,
        items: items.map((p) => view(p, me, names.get(p.branchId) ?? '')),
        rate: rateOf(own, today(now)),
        yearlyCount: own.filter((p) => p.term === 'yearly' && p.status !== 'withdrawn' && p.status !== 'returned').length,
        minPerYear: settings.minPerYear,
        maxPerYear: settings.maxPerYear,
        satisfaction: satisfactionOf(ratings),
        ratings,
      };
    },
  },

  create: {
    access: MEMBERS,
    rate: 'content',
    handler: async (item, { person: me, caller, now }) => {
      checkDue(item.dueOn, now);
      await checkLimit(me, item, null);
      await checkTexts(caller, [item.what, item.howSeen], now);
      const p: PledgeDoc = {
        _id: newId(), parkId: me.parkId, branchId: me.branchId, scope: 'member', personId: me._id, personName: me.name, enterpriseId: me.enterpriseId ?? null,
        authorId: me._id, year: item.dueOn.slice(0, 4), ...item, status: 'submitted', overdue: false, overdueAt: null, comment: null, claimNote: null,
        unfulfilledReason: null, withdrawReason: null, withdrawFrom: null, progress: [], ratings: { ...ZERO_RATINGS }, settled: true, dueCounted: false,
        decidedBy: null, decidedAt: null, createdAt: now, updatedAt: now,
      };
      const { _id, ...rest } = p;
      await db.collection(C.pledges).doc(_id).set(rest);
      return { pledge: view(p, me, await branchName(me.parkId, me.branchId)) };
    },
  },

  update: {
    access: MEMBERS,
    rate: 'content',
    handler: async ({ pledgeId, ...item }, { person: me, caller, now }) => {
      const before = await pledgeFor(me, pledgeId);
      if (before.scope !== 'member' || !isOwner(me, before)) throw notFound();
      if (before.status !== 'submitted' && before.status !== 'returned') throw wrongState('这项承诺已经审核通过，不能再修改；情况变化可以申请撤回');
      checkDue(item.dueOn, now);
      await checkLimit(me, item, pledgeId);
      await checkTexts(caller, [item.what, item.howSeen], now);
      const p = await runTransaction(async (tx) => {
        const cur = await txGet<PledgeDoc>(tx, C.pledges, pledgeId);
        if (!cur || (cur.status !== 'submitted' && cur.status !== 'returned')) throw wrongState('这项承诺已经审核通过，不能再修改');
        const next = { ...item, year: item.dueOn.slice(0, 4), status: 'submitted' as const, updatedAt: now };
        await tx.collection(C.pledges).doc(pledgeId).update(next);
        return { ...cur, ...next };
      });
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId)) };
    },
  },

  'branch.create': {
    access: MANAGERS,
    rate: 'content',
    handler: async ({ branchId, responsibleId, ...item }, { person: me, caller, now }) => {
      const b = await branchOfPark(me, branchId);
      if (!managesBranch(me, b._id)) throw new ActionError('FORBIDDEN', { message: '只有本支部书记可以填写支部承诺' });
      const r = await personOfPark(me, responsibleId).catch(() => {
        throw invalid('responsibleId', '请选择本支部的责任人');
      });
      if (r.branchId !== b._id) throw invalid('responsibleId', '请选择本支部的责任人');
      checkDue(item.dueOn, now);
      await checkTexts(caller, [item.what, item.howSeen], now);
      const p: PledgeDoc = {
        _id: newId(), parkId: me.parkId, branchId: b._id, scope: 'branch', personId: r._id, personName: r.name, enterpriseId: null, authorId: me._id,
        year: item.dueOn.slice(0, 4), ...item, status: 'approved', overdue: false, overdueAt: null, comment: null, claimNote: null, unfulfilledReason: null,
        withdrawReason: null, withdrawFrom: null, progress: [], ratings: { ...ZERO_RATINGS }, settled: true, dueCounted: false,
        decidedBy: who(me), decidedAt: now, createdAt: now, updatedAt: now,
      };
      await runTransaction(async (tx) => {
        const { _id, ...rest } = p;
        await tx.collection(C.pledges).doc(_id).set(rest);
        await audit(me, 'pledge.branch.create', p._id, { branch: b.name, person: r.name, personId: r._id, what: p.what, dueOn: p.dueOn }, now, tx);
      });
      return { pledge: view(p, me, b.name) };
    },
  },

  get: {
    access: 'bound',
    handler: async ({ pledgeId }, { person: me, now }) => {
      const p = await pledgeFor(me, pledgeId);
      const [{ settings }, mine, bname] = await Promise.all([
        loadSettings(me.parkId),
        getDoc<PledgeRatingDoc>(C.pledgeRatings, ratingId(p._id, me._id)),
        branchName(me.parkId, p.branchId),
      ]);
      // The breakdown is for whoever manages the branch, never for the person rated (a secretary's own item).
      const breakdown = managesBranch(me, p.branchId) && p.personId !== me._id ? await breakdownOf(p) : null;
      return { pledge: view(p, me, bname, { myRating: mine?.rating ?? null, ratingOpen: ratingOpen(settings, now) }), breakdown };
    },
  },
};

/** Counts by rating and by how the raters know the person, and the comments: never who rated. */
async function breakdownOf(p: PledgeDoc) {
  const all = await readAll<PledgeRatingDoc>(C.pledgeRatings, { pledgeId: p._id }, { rating: true, group: true, comment: true, at: true, parkId: true });
  const groups = new Map<string, { satisfied: number; basic: number; unsatisfied: number }>();
  for (const r of all) {
    const g = groups.get(r.group) ?? { ...ZERO_RATINGS };
    g[r.rating]++;
    groups.set(r.group, g);
  }
  const comments = all
    .filter((r) => r.comment)
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .map((r) => ({ rating: r.rating, text: r.comment!, at: chinaDateString(new Date(r.at)) }));
  return { counts: p.ratings ?? ZERO_RATINGS, byGroup: [...groups.entries()].map(([group, counts]) => ({ group, counts })), comments };
}
