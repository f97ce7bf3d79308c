// 评诺: colleagues (the same branch, or the same enterprise when recorded; members and 群众 alike) rate a fulfilled
// item 满意 / 基本满意 / 不满意 with an optional content-checked comment, once per rater and item (the rating's id is
// derived from both), never their own, only in the park's rating window and at most the park's daily limit a day.
// The rating, the item's counts and the rater's day count are one transaction: a refused rating writes nothing.
// No output to the person rated ever names a rater (the view carries counts only).
import type { pledgeContract } from '../../../shared/contract/pledge';
import { C, _, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { chinaDayStart } from '../../../shared/periods';
import type { PledgeDoc, PledgeRatingDoc } from '../types';
import { allOf, checkTexts, isColleague, loadSettings, pledgeFor, ratingId, ratingOpen, today, view, windowText } from './helpers';
import { branchName } from './items';
import { getDoc } from '../../_lib/db';

type H = Handlers<typeof pledgeContract>;

/** The rater's count of the day, kept with the rate limits (removed by housekeeping when the day is over). */
const dayCountId = (raterId: string, day: string) => `pledgeRating|${raterId}|${day}`;
interface DayCount { n: number }

export const ratingHandlers: Pick<H, 'rate' | 'rate.list'> = {
  rate: {
    access: 'bound',
    rate: 'content',
    handler: async ({ pledgeId, rating, comment }, { person: me, caller, now }) => {
      const p0 = await pledgeFor(me, pledgeId);
      if (p0.personId === me._id) throw new ActionError('FORBIDDEN', { message: '不能评价自己的承诺' });
      if (!isColleague(me, p0)) throw new ActionError('FORBIDDEN', { message: '只有同支部或同企业的同事可以评价' });
      if (p0.status !== 'fulfilled') throw new ActionError('CONFLICT', { message: '只有已践诺的承诺可以评价' });
      const { settings } = await loadSettings(me.parkId);
      if (!ratingOpen(settings, now)) throw new ActionError('CONFLICT', { message: `现在不在评诺时间内（每年${windowText(settings)}）` });
      const day = today(now);
      if (p0.year !== day.slice(0, 4)) throw new ActionError('CONFLICT', { message: '只能评价今年的承诺' });
      const { held } = comment ? await checkTexts(caller, [comment], now) : { held: false };
      const group = `${me.branchId === p0.branchId ? '同支部' : '同企业'}${me.memberType === 'none' ? '群众' : '党员'}`;
      const rid = ratingId(pledgeId, me._id);
      const cid = dayCountId(me._id, day);
      const p = await runTransaction(async (tx) => {
        const [cur, already, count] = [await txGet<PledgeDoc>(tx, C.pledges, pledgeId), await txGet<PledgeRatingDoc>(tx, C.pledgeRatings, rid), await txGet<DayCount>(tx, C.rateLimits, cid)];
        if (!cur || cur.status !== 'fulfilled') throw new ActionError('CONFLICT', { message: '只有已践诺的承诺可以评价' });
        if (already) throw new ActionError('CONFLICT', { message: '你已经评价过这项承诺' });
        const n = count?.n ?? 0;
        if (n >= settings.ratingDailyLimit) throw new ActionError('RATE_LIMITED', { message: `每天最多评价 ${settings.ratingDailyLimit} 项，明天再来` });
        const doc: Omit<PledgeRatingDoc, '_id'> = {
          parkId: cur.parkId, pledgeId, personId: cur.personId, branchId: cur.branchId, raterId: me._id, group, rating,
          comment: comment || null, commentHeld: held, day, at: now,
        };
        await tx.collection(C.pledgeRatings).doc(rid).set(doc);
        const start = chinaDayStart(day);
        await tx.collection(C.rateLimits).doc(cid).set({ kind: 'pledgeRating', key: me._id, n: n + 1, windowStart: start, expiresAt: new Date(start.getTime() + 86_400_000) });
        const ratings = { ...cur.ratings, [rating]: (cur.ratings?.[rating] ?? 0) + 1 };
        await tx.collection(C.pledges).doc(pledgeId).update({ ratings: _.set(ratings), updatedAt: now });
        return { ...cur, ratings };
      });
      return { pledge: view(p, me, await branchName(me.parkId, p.branchId), { myRating: rating, ratingOpen: true }) };
    },
  },

  'rate.list': {
    access: 'bound',
    handler: async (_i, { person: me, now }) => {
      const { settings } = await loadSettings(me.parkId);
      const open = ratingOpen(settings, now);
      const day = today(now);
      const count = await getDoc<DayCount>(C.rateLimits, dayCountId(me._id, day));
      const leftToday = Math.max(0, settings.ratingDailyLimit - (count?.n ?? 0));
      if (!open) return { open, window: windowText(settings), leftToday, items: [] };
      const year = day.slice(0, 4);
      const fulfilled = (await allOf<PledgeDoc>({ parkId: me.parkId, year, status: 'fulfilled' })).filter((p) => isColleague(me, p));
      const mine = new Set(
        (await allOf<PledgeRatingDoc>({ raterId: me._id, parkId: me.parkId }, C.pledgeRatings)).map((r) => r.pledgeId),
      );
      const names = new Map<string, string>();
      for (const p of fulfilled) if (!names.has(p.branchId)) names.set(p.branchId, await branchName(me.parkId, p.branchId));
      const items = fulfilled
        .filter((p) => !mine.has(p._id))
        .sort((a, b) => a.personName.localeCompare(b.personName, 'zh') || (a.dueOn < b.dueOn ? -1 : 1))
        .map((p) => view(p, me, names.get(p.branchId) ?? '', { ratingOpen: open }));
      return { open, window: windowText(settings), leftToday, items };
    },
  },
};
