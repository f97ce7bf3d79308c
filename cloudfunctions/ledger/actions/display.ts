// The park's display screen (issue 19): display keys (park admins create, list and revoke them) and `display.get`,
// what a TV in the 党群服务中心 shows, for whoever holds a valid key and nothing else — no WeChat identity (access
// 'key': the dispatcher loads no caller), no phone numbers, no person's ranking unless the park turned public
// individual rankings on and the person opted in (score's `individuals`, FACTS.md §4).
//
// A key's secret is 32 random bytes (base64url), shown once; only its sha256 is stored (unique index), so a stolen
// database copy opens no screen. A screen's call: the key by its hash (1 request), the per-key rate limit (1), then
// in parallel the park, its score settings, this month's leaderboard snapshot (1–2), the newest 流动红旗, the
// coming meetings and volunteer activities, this year's kept pledges and the months' branch totals (1 each), and
// `lastUsedAt` at most every DISPLAY_TOUCH_MS: about 10 requests whatever the refresh rate, all on indexes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DISPLAY_AHEAD_DAYS, DISPLAY_KEYS_MAX, DISPLAY_KEY_PATTERN, DISPLAY_REFRESH_SEC, type DisplayKey, type DisplayScreen } from '../../../shared/contract/display';
import type { ledgerContract } from '../../../shared/contract/ledger';
import type { MeetingKind } from '../../../shared/contract/study';
import { chinaPeriods } from '../../../shared/periods';
import { DAY, chinaClock, chinaDateString, iso } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { loadSettings, rankBranches } from '../../_lib/leaderboard';
import { branchTotalsFor } from '../../_lib/leaderboard-snapshot';
import { spendRate } from '../../_lib/rate-limit';
import type { ParkDoc, MeetingDoc, RedFlagDoc, TotalsDoc } from '../../_lib/types';
import { newId } from '../../org/actions/helpers';
import type { PledgeDoc } from '../../pledge/types';
import { individuals } from '../../score/actions/board';
import type { ActivityDoc } from '../../volunteer/types';
import type { DisplayKeyDoc } from '../types';

type H = Handlers<typeof ledgerContract>;

/** What every refused screen is told: unknown, malformed and revoked keys alike. */
export const DISPLAY_REFUSED = '此大屏链接已停用，请联系园区管理员';
/** `lastUsedAt` is written at most this often per key (a TV asks every minute). */
export const DISPLAY_TOUCH_MS = 5 * 60_000;
/** Branches shown in the ranking, and people in a public individual ranking. */
const DISPLAY_RANKED = 10;
const DISPLAY_INDIVIDUALS = 10;
/** Kept pledges shown by content. */
const DISPLAY_PLEDGES = 4;
/** The meetings a screen announces: the ones members attend together. */
const SHOWN_KINDS: readonly MeetingKind[] = ['partyDay', 'partyLecture', 'partyClass'];

export const hashKey = (secret: string) => createHash('sha256').update(secret).digest('hex');
const round1 = (x: number) => Math.round(x * 10) / 10;

function keyView(k: DisplayKeyDoc): DisplayKey {
  return {
    id: k._id, label: k.label, createdAt: iso(k.createdAt), createdBy: k.createdBy.name, lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt), revokedBy: k.revokedBy?.name ?? null,
  };
}

/** The key a secret opens, or NOT_FOUND (the same for unknown, malformed and revoked). The hash compared in constant time. */
async function keyFor(secret: string): Promise<DisplayKeyDoc> {
  if (!DISPLAY_KEY_PATTERN.test(secret)) throw new ActionError('NOT_FOUND', { message: DISPLAY_REFUSED });
  const hash = hashKey(secret);
  const { data } = await db.collection(C.displayKeys).where({ hash }).limit(1).get();
  const k = (data as DisplayKeyDoc[])[0];
  if (!k || k.hash.length !== hash.length || !timingSafeEqual(Buffer.from(k.hash), Buffer.from(hash)) || k.revokedAt) {
    throw new ActionError('NOT_FOUND', { message: DISPLAY_REFUSED });
  }
  return k;
}

async function screen(k: DisplayKeyDoc, now: Date): Promise<DisplayScreen> {
  const parkId = k.parkId;
  const periods = chinaPeriods(now);
  const today = chinaDateString(now);
  const until = chinaClock(now).add(DISPLAY_AHEAD_DAYS, 'day');
  const months = Array.from({ length: Number(periods.month.slice(5)) }, (_x, i) => `${periods.year}-${String(i + 1).padStart(2, '0')}`);
  const touch = !k.lastUsedAt || now.getTime() - new Date(k.lastUsedAt).getTime() >= DISPLAY_TOUCH_MS
    ? db.collection(C.displayKeys).doc(k._id).update({ lastUsedAt: now }).catch((e: unknown) => console.warn('display key not touched:', e))
    : Promise.resolve();
  const [park, settings, board, flags, meetings, activities, pledges, totals] = await Promise.all([
    getDoc<ParkDoc>(C.parks, parkId),
    loadSettings(parkId),
    branchTotalsFor(parkId, periods.month, now),
    db.collection(C.redFlags).where({ parkId }).orderBy('month', 'desc').limit(1).get(),
    db.collection(C.meetings).where({ parkId, date: _.and(_.gte(today), _.lte(until.format(DAY))) })
      .field({ kind: true, title: true, date: true, startTime: true, endTime: true, place: true, branchId: true, cancelled: true }).orderBy('date', 'asc').limit(200).get(),
    // Activities last hours, at most days: those started in the last week and not over, and the coming ones.
    db.collection(C.volunteerActivities).where({ parkId, status: 'published', startsAt: _.and(_.gte(new Date(now.getTime() - 7 * 86_400_000)), _.lte(until.toDate())) })
      .field({ title: true, startsAt: true, endsAt: true, place: true, scope: true, branchId: true }).orderBy('startsAt', 'asc').limit(100).get(),
    readAll<Pick<PledgeDoc, '_id' | 'what' | 'branchId' | 'decidedAt' | 'status'>>(C.pledges, { parkId, year: periods.year, status: 'fulfilled' }, { what: true, branchId: true, decidedAt: true, status: true }),
    readAll<Pick<TotalsDoc, '_id' | 'period' | 'volunteerHours'>>(C.pointsTotals, { parkId, scope: 'branch', period: _.in(months) }, { period: true, volunteerHours: true }),
    touch,
  ]);
  const names = new Map(board.rows.map((r) => [r.branch.id, r.branch.name]));
  const branchName = (id: string | null | undefined) => (id && names.get(id)) || '';
  const ranked = rankBranches(board.rows, settings.flagMeasure, settings.minRankedMembers).ranked;
  const flag = (flags.data as RedFlagDoc[])[0];
  const byMonth = months.map((month) => ({ month, hours: round1(totals.filter((t) => t.period === month).reduce((s, t) => s + (t.volunteerHours ?? 0), 0)) }));
  const kept = pledges.filter((p) => p.status === 'fulfilled').sort((a, b) => new Date(b.decidedAt ?? 0).getTime() - new Date(a.decidedAt ?? 0).getTime());
  return {
    parkName: park?.name ?? '园区',
    label: k.label,
    now: now.toISOString(),
    month: periods.month,
    year: periods.year,
    flag: flag ? { month: flag.month, branchName: flag.branchName, measure: flag.measure, value: flag.value } : null,
    ranking: { measure: settings.flagMeasure, rows: ranked.slice(0, DISPLAY_RANKED).map((r) => ({ rank: r.rank, name: r.branch.name, value: r.value })) },
    individuals: settings.individualRanking ? (await individuals(parkId, periods.month, names)).slice(0, DISPLAY_INDIVIDUALS) : null,
    meetings: (meetings.data as MeetingDoc[])
      .filter((m) => !m.cancelled && SHOWN_KINDS.includes(m.kind))
      .sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''))
      .slice(0, 8)
      .map((m) => ({ kind: m.kind, title: m.title, date: m.date, startTime: m.startTime ?? null, endTime: m.endTime ?? null, place: m.place, branchName: branchName(m.branchId) })),
    activities: (activities.data as ActivityDoc[])
      .filter((a) => new Date(a.endsAt).getTime() > now.getTime())
      .slice(0, 6)
      .map((a) => ({ title: a.title, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt), place: a.place, organizer: a.scope === 'park' ? '园区志愿服务联合会' : branchName(a.branchId) })),
    pledges: {
      kept: kept.length,
      latest: kept.slice(0, DISPLAY_PLEDGES).map((p) => ({ what: p.what, branchName: branchName(p.branchId), keptOn: p.decidedAt ? chinaDateString(new Date(p.decidedAt)) : '' })),
    },
    hours: { total: round1(byMonth.reduce((s, m) => s + m.hours, 0)), byMonth },
    refreshSec: DISPLAY_REFRESH_SEC,
  };
}

export const displayHandlers: Pick<H, 'displayKeys.create' | 'displayKeys.list' | 'displayKeys.revoke' | 'display.get'> = {
  'displayKeys.create': {
    access: ['parkAdmin'],
    handler: async ({ label }, { person: me, now }) => {
      const active = await db.collection(C.displayKeys).where({ parkId: me.parkId, revokedAt: null }).count();
      if ((active as { total: number }).total >= DISPLAY_KEYS_MAX) {
        throw new ActionError('CONFLICT', { message: `最多同时使用 ${DISPLAY_KEYS_MAX} 个大屏链接，请先停用不用的` });
      }
      const secret = randomBytes(32).toString('base64url');
      const doc: DisplayKeyDoc = {
        _id: newId(), parkId: me.parkId, label, hash: hashKey(secret), createdAt: now, createdBy: { id: me._id, name: me.name },
        lastUsedAt: null, revokedAt: null, revokedBy: null,
      };
      const { _id, ...fields } = doc;
      await db.collection(C.displayKeys).doc(_id).set(fields);
      await audit(me, 'display.keys.create', _id, { label }, now);
      return { key: keyView(doc), secret };
    },
  },
  'displayKeys.list': {
    access: ['parkAdmin'],
    handler: async (_input, { person: me }) => {
      const { data } = await db.collection(C.displayKeys).where({ parkId: me.parkId }).orderBy('createdAt', 'desc').limit(100).get();
      return { keys: (data as DisplayKeyDoc[]).map(keyView) };
    },
  },
  'displayKeys.revoke': {
    access: ['parkAdmin'],
    handler: async ({ keyId }, { person: me, now }) => {
      const k = await getDoc<DisplayKeyDoc>(C.displayKeys, keyId);
      if (!k || k.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这个大屏链接' });
      if (k.revokedAt) throw new ActionError('CONFLICT', { message: '这个大屏链接已经停用' });
      const r = await db.collection(C.displayKeys).where({ _id: k._id, revokedAt: null }).update({ revokedAt: now, revokedBy: _.set({ id: me._id, name: me.name }) }); // _.set: a plain object under the null would become dot paths
      if (r.updated !== 1) throw new ActionError('CONFLICT', { message: '这个大屏链接刚被其他管理员停用' });
      await audit(me, 'display.keys.revoke', k._id, { label: k.label }, now);
      return { key: keyView({ ...k, revokedAt: now, revokedBy: { id: me._id, name: me.name } }) };
    },
  },
  'display.get': {
    access: 'key',
    handler: async ({ key }, { now }) => {
      const k = await keyFor(key);
      await spendRate('display', `key:${k._id}`, now);
      return screen(k, now);
    },
  },
};
