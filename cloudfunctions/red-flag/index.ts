// red-flag: the monthly 流动红旗 timer. At 01:00 on the 1st (China time) it gives each park's flag
// for the month before to the top ranked branch by the park's flag measure (ties: the first listed,
// i.e. by name). Idempotent: the flag's id is `<parkId>|<month>`, so a second firing, a retry or a
// run that died half-way leaves one flag per park and month; a park already done is skipped.
import { previousMonth, chinaPeriods } from '../../shared/periods';
import { C, db, getDoc, isDuplicateWrite } from '../_lib/db';
import { loadBranchTotals, loadSettings, rankBranches } from '../_lib/leaderboard';
import { scheduledTime, timerOnly } from '../_lib/timer';
import type { ParkDoc, RedFlagDoc } from '../_lib/types';

/** Parks per environment: a handful; the timer reads them in one query. */
const MAX_PARKS = 1000;

export type FlagOutcome = 'awarded' | 'already' | 'none';

export async function awardFlag(parkId: string, month: string, now: Date): Promise<FlagOutcome> {
  const id = `${parkId}|${month}`;
  if (await getDoc<RedFlagDoc>(C.redFlags, id)) return 'already';
  const settings = await loadSettings(parkId);
  const { ranked } = rankBranches(await loadBranchTotals(parkId, month), settings.flagMeasure, settings.minRankedMembers);
  const top = ranked[0];
  if (!top || top.rank !== 1 || top.value === null || top.value <= 0) return 'none';
  const flag: Omit<RedFlagDoc, '_id'> = { parkId, month, branchId: top.branch.id, branchName: top.branch.name, measure: settings.flagMeasure, value: top.value, awardedAt: now };
  try {
    await db.collection(C.redFlags).add({ _id: id, ...flag });
  } catch (e) {
    if (isDuplicateWrite(e)) return 'already'; // a concurrent run got there first
    throw e;
  }
  return 'awarded';
}

/**
 * The platform's timer only (_lib/timer.ts): a client could otherwise award this month's flag
 * before the month ends. The month is the one before the scheduled time, the same on a retry.
 */
export const main = timerOnly(async (event, now): Promise<{ month: string; parks: Record<string, FlagOutcome> }> => {
  const month = previousMonth(chinaPeriods(scheduledTime(event, now)).month);
  const { data } = await db.collection(C.parks).field({ _id: true }).limit(MAX_PARKS).get();
  const parks: Record<string, FlagOutcome> = {};
  for (const p of data as Array<Pick<ParkDoc, '_id'>>) parks[p._id] = await awardFlag(p._id, month, now);
  console.log(`red-flag ${month}: ${JSON.stringify(parks)}`);
  return { month, parks };
});
