// Shared by the pledge handlers: loading an item the caller may see, who may do what with it, the view (which
// never names a rater), the park's settings, the content check of every text others read, and 履诺率.
import { createHash, randomBytes } from 'node:crypto';
import {
  DEFAULT_PLEDGE_SETTINGS, PUBLIC_STATUSES, type PledgeRate, type PledgeSettings, type PledgeStatus, type PledgeView, type RatingCounts,
} from '../../../shared/contract/pledge';
import { chinaDateString } from '../../../shared/time';
import { ActionError } from '../../_lib/action-error';
import { secCheck } from '../../_lib/content-check';
import { C, _, db, getDoc } from '../../_lib/db';
import type { InboxDoc, PersonDoc } from '../../_lib/types';
import { managesBranch } from '../../org/actions/helpers';
import type { PledgeDoc, PledgeSettingsDoc } from '../types';

export const newId = (): string => randomBytes(16).toString('hex');
export const sha32 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
export const ratingId = (pledgeId: string, raterId: string) => sha32(`pledge-rating|${pledgeId}|${raterId}`);
export const who = (p: PersonDoc) => ({ id: p._id, name: p.name });
export const ZERO_RATINGS: RatingCounts = { satisfied: 0, basic: 0, unsatisfied: 0 };

export function invalid(field: string, message: string): ActionError {
  return new ActionError('INVALID_INPUT', { message: `填写有误：${message}`, fields: { [field]: [message] } });
}
export const notFound = () => new ActionError('NOT_FOUND', { message: '没有找到这项承诺' });
export const wrongState = (message: string) => new ActionError('CONFLICT', { message });

export async function loadSettings(parkId: string): Promise<{ settings: PledgeSettings; saved: boolean }> {
  const d = await getDoc<PledgeSettingsDoc>(C.pledgeSettings, parkId);
  if (!d) return { settings: { ...DEFAULT_PLEDGE_SETTINGS }, saved: false };
  return { settings: { minPerYear: d.minPerYear, maxPerYear: d.maxPerYear, ratingFrom: d.ratingFrom, ratingTo: d.ratingTo, ratingDailyLimit: d.ratingDailyLimit }, saved: true };
}

export const today = (now: Date) => chinaDateString(now);
export function ratingOpen(s: PledgeSettings, now: Date): boolean {
  const md = today(now).slice(5);
  return md >= s.ratingFrom && md <= s.ratingTo;
}
export const windowText = (s: PledgeSettings) => `${Number(s.ratingFrom.slice(0, 2))}月${Number(s.ratingFrom.slice(3))}日至${Number(s.ratingTo.slice(0, 2))}月${Number(s.ratingTo.slice(3))}日`;

/** The member, or for a branch item its responsible person. */
export const isOwner = (me: PersonDoc, p: PledgeDoc) => p.personId === me._id;
/** The one who writes progress and claims: the member; for a branch item, its responsible person or the secretary. */
export const actsFor = (me: PersonDoc, p: PledgeDoc) => isOwner(me, p) || (p.scope === 'branch' && managesBranch(me, p.branchId));
export const isPublic = (s: PledgeStatus) => (PUBLIC_STATUSES as readonly string[]).includes(s);

/** The item if the caller may see it: its owner, whoever manages its branch, or anyone of the park once public. */
export async function pledgeFor(me: PersonDoc, pledgeId: string): Promise<PledgeDoc> {
  const p = await getDoc<PledgeDoc>(C.pledges, pledgeId);
  if (!p || p.parkId !== me.parkId) throw notFound();
  if (!actsFor(me, p) && !managesBranch(me, p.branchId) && !isPublic(p.status)) throw notFound();
  return p;
}

/** May rate: a colleague (same branch, or same enterprise when recorded), not the person rated. */
export function isColleague(me: PersonDoc, p: PledgeDoc): boolean {
  if (me._id === p.personId || me.parkId !== p.parkId) return false;
  return me.branchId === p.branchId || (!!p.enterpriseId && me.enterpriseId === p.enterpriseId);
}

/** Past its due date (China time) without being decided: counts as due. */
export function isDue(p: Pick<PledgeDoc, 'status' | 'dueOn'>, day: string): boolean {
  if (p.status === 'fulfilled' || p.status === 'unfulfilled') return true;
  return (p.status === 'approved' || p.status === 'claimed' || p.status === 'withdrawing') && p.dueOn < day;
}

export function rateOf(items: Array<Pick<PledgeDoc, 'status' | 'dueOn'>>, day: string): PledgeRate {
  const due = items.filter((p) => isDue(p, day));
  const fulfilled = due.filter((p) => p.status === 'fulfilled').length;
  return { fulfilled, due: due.length, rate: due.length ? Math.round((fulfilled / due.length) * 10000) / 10000 : null };
}

/** Items due in a year, or a quarter of it (by due date). */
export function inPeriod(p: Pick<PledgeDoc, 'dueOn'>, year: string, quarter: number | null): boolean {
  if (p.dueOn.slice(0, 4) !== year) return false;
  return quarter === null || Math.ceil(Number(p.dueOn.slice(5, 7)) / 3) === quarter;
}

export function satisfactionOf(c: RatingCounts): number | null {
  const all = c.satisfied + c.basic + c.unsatisfied;
  return all ? Math.round(((c.satisfied + c.basic) / all) * 10000) / 10000 : null;
}
export const addCounts = (a: RatingCounts, b: RatingCounts): RatingCounts => ({ satisfied: a.satisfied + b.satisfied, basic: a.basic + b.basic, unsatisfied: a.unsatisfied + b.unsatisfied });

export function view(p: PledgeDoc, me: PersonDoc, branchName: string, extra: { myRating?: PledgeView['myRating']; ratingOpen?: boolean } = {}): PledgeView {
  const owner = isOwner(me, p);
  const acts = actsFor(me, p);
  const manages = managesBranch(me, p.branchId);
  const seesHeld = acts || manages;
  return {
    id: p._id, scope: p.scope, branchId: p.branchId, branchName, personName: p.personName, year: p.year, kind: p.kind, what: p.what,
    howSeen: p.howSeen, dueOn: p.dueOn, term: p.term, status: p.status, overdue: p.overdue,
    comment: owner || manages ? p.comment : null,
    claimNote: p.claimNote,
    unfulfilledReason: p.unfulfilledReason,
    withdrawReason: owner || manages ? p.withdrawReason : null,
    progress: p.progress.filter((n) => !n.held || seesHeld).map((n) => ({ at: new Date(n.at).toISOString(), text: n.text, by: n.by })),
    ratings: p.ratings ?? ZERO_RATINGS,
    satisfaction: satisfactionOf(p.ratings ?? ZERO_RATINGS),
    can: {
      edit: p.scope === 'member' && owner && (p.status === 'submitted' || p.status === 'returned'),
      review: manages && p.status === 'submitted',
      progress: acts && (p.status === 'approved' || p.status === 'claimed'),
      claim: acts && p.status === 'approved',
      confirm: manages && p.status === 'claimed',
      withdraw: acts && (p.status === 'approved' || p.status === 'claimed' || p.status === 'submitted' || p.status === 'returned'),
      decideWithdrawal: manages && p.status === 'withdrawing',
      rate: !!extra.ratingOpen && p.status === 'fulfilled' && isColleague(me, p) && !extra.myRating,
    },
    myRating: extra.myRating ?? null,
  };
}

/**
 * Every text others will read passes WeChat's check: risky is refused (nothing stored); 'review' comes back as
 * held (the caller decides who still sees it).
 */
export async function checkTexts(caller: { openid: string }, texts: string[], now: Date): Promise<{ held: boolean }> {
  const content = texts.map((t) => t.trim()).filter(Boolean).join('\n');
  if (!content) return { held: false };
  const suggest = await secCheck(caller.openid, content, now);
  if (suggest === 'risky') throw new ActionError('CONTENT_RISKY');
  return { held: suggest === 'review' };
}

/** An inbox message about an item (deterministic id: a retried run writes it once). */
export function pledgeMessage(p: PledgeDoc, key: string, kind: InboxDoc['kind'], title: string, body: string, now: Date): InboxDoc {
  return { _id: `pledge|${p._id}|${key}`, parkId: p.parkId, personId: p.personId, kind, title, body, topicId: null, meetingId: null, activityId: null, at: now, read: false };
}

export const shortWhat = (p: Pick<PledgeDoc, 'what'>) => (p.what.length > 20 ? `${p.what.slice(0, 20)}…` : p.what);

/** Every pledge matching `where`, whole documents, page by page after the last _id (no silent cut-off). */
export async function allOf<T extends { _id: string }>(where: Record<string, unknown>, collection: string = C.pledges): Promise<T[]> {
  const out: T[] = [];
  for (let after: string | null = null; ; ) {
    const q: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const { data }: { data: unknown[] } = await db.collection(collection).where(q).orderBy('_id', 'asc').limit(1000).get();
    out.push(...(data as T[]));
    if (data.length < 1000) return out;
    after = (data[data.length - 1] as T)._id;
  }
}
