// Ratings (办法 Art. 10): the organizer may rate a volunteer's service on a shift; the volunteer may rate
// the activity with a short comment (content-checked, since the organizer reads it). One of each per
// shift and person (a second rating replaces the first). Never public, never ranked.
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { iso } from '../../../shared/time';
import { secCheck } from '../../_lib/content-check';
import { C, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { RatingDoc, RegistrationDoc } from '../types';
import { MAX_READ, activityOfPark, managedShift, registrationId, requireManagesActivity, shiftOfPark } from './helpers';

type H = Handlers<typeof volunteerContract>;
const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;

async function save(r: RatingDoc): Promise<void> {
  const { _id, ...rest } = r;
  await db.collection(C.volunteerRatings).doc(_id).set(rest);
}

export const ratingHandlers: Pick<H, 'ratings.rateVolunteer' | 'ratings.rateActivity' | 'ratings.list'> = {
  'ratings.rateVolunteer': {
    access: MANAGERS,
    handler: async ({ shiftId, personId, stars, note }, { person: me, now }) => {
      const { shift } = await managedShift(me, shiftId);
      const reg = await getDoc<RegistrationDoc>(C.volunteerRegistrations, registrationId(shift._id, personId));
      if (!reg || !reg.signedInAt) throw new ActionError('NOT_REGISTERED', { message: '此人没有参加这个班次' });
      await save({ _id: `${shift._id}|${personId}|org`, parkId: me.parkId, activityId: shift.activityId, shiftId: shift._id, personId, name: reg.name, by: 'org', stars, comment: note ?? '', raterId: me._id, at: now });
      return { ok: true as const };
    },
  },

  'ratings.rateActivity': {
    access: 'bound',
    rate: 'content',
    handler: async ({ shiftId, stars, comment }, { person: me, caller, now }) => {
      const { shift } = await shiftOfPark(me, shiftId);
      const reg = await getDoc<RegistrationDoc>(C.volunteerRegistrations, registrationId(shift._id, me._id));
      if (!reg || !reg.signedInAt) throw new ActionError('NOT_REGISTERED', { message: '参加活动之后才能评价' });
      if (comment && (await secCheck(caller.openid, comment, now)) !== 'pass') throw new ActionError('CONTENT_RISKY');
      await save({ _id: `${shift._id}|${me._id}|vol`, parkId: me.parkId, activityId: shift.activityId, shiftId: shift._id, personId: me._id, name: me.name, by: 'vol', stars, comment, raterId: me._id, at: now });
      return { ok: true as const };
    },
  },

  'ratings.list': {
    access: MANAGERS,
    handler: async ({ activityId }, { person: me }) => {
      const a = await activityOfPark(me, activityId);
      requireManagesActivity(me, a);
      const { data } = await db.collection(C.volunteerRatings).where({ activityId: a._id, by: 'vol' }).limit(MAX_READ).get();
      const ratings = (data as RatingDoc[]).sort((x, y) => +new Date(y.at) - +new Date(x.at));
      const average = ratings.length ? Math.round((ratings.reduce((n, r) => n + r.stars, 0) / ratings.length) * 10) / 10 : null;
      return { average, ratings: ratings.map((r) => ({ name: r.name, stars: r.stars, comment: r.comment, at: iso(r.at) })) };
    },
  },
};
