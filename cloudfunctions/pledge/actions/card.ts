// The member's current public pledge for the 亮身份 card and the verified card: the item in progress (approved or
// claimed) due soonest this year or later; else this year's latest fulfilled one; null with none. One indexed read.
import { chinaDateString } from '../../../shared/time';
import { C, _, db } from '../../_lib/db';
import type { PersonDoc } from '../../_lib/types';
import type { PledgeDoc } from '../types';

export async function currentPledgeOf(p: Pick<PersonDoc, '_id' | 'parkId'>, now: Date): Promise<{ content: string; dueOn: string | null } | null> {
  const year = chinaDateString(now).slice(0, 4);
  const { data } = await db
    .collection(C.pledges)
    .where({ personId: p._id, year: _.gte(year), scope: 'member', status: _.in(['approved', 'claimed', 'fulfilled']) })
    .field({ what: true, dueOn: true, status: true, parkId: true, year: true })
    .limit(100)
    .get();
  const items = (data as PledgeDoc[]).filter((d) => d.parkId === p.parkId);
  const open = items.filter((d) => d.status !== 'fulfilled').sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
  if (open) return { content: open.what, dueOn: open.dueOn };
  const done = items.filter((d) => d.status === 'fulfilled' && d.year === year).sort((a, b) => (a.dueOn < b.dueOn ? 1 : -1))[0];
  return done ? { content: `${done.what}（已践诺）`, dueOn: null } : null;
}
