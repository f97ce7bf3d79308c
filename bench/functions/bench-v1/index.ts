// Bench-only function (npm run bench:leaderboard): the points engine and leaderboard view as they were before
// issue 21 (commit c59a5e6: points-v1.ts, snapshot-v1.ts), measured in the same run as today's as the baseline.
//   { op: 'award', input: AwardInput }                      the old awardPoints (one transaction)
//   { op: 'view', openid, period }                          the old leaderboard action's reads: the caller, the
//                                                           settings, the old snapshot, the newest flag, ranked
import { C, db } from '../../../cloudfunctions/_lib/db';
import { loadSettings, rankBranches } from '../../../cloudfunctions/_lib/leaderboard';
import { type AwardInput, awardPoints } from './points-v1';
import { branchTotalsFor } from './snapshot-v1';

type Event = { op: 'award'; input: AwardInput } | { op: 'view'; openid: string; period: string };

export async function main(event: Event) {
  if (event.op === 'award') {
    const input = { ...event.input, at: event.input.at ? new Date(event.input.at as unknown as string) : undefined };
    return awardPoints(input);
  }
  const now = new Date();
  const { data } = await db.collection(C.people).where({ openid: event.openid }).limit(1).get();
  const me = data[0] as { parkId: string; branchId: string };
  const [settings, rows, flags] = await Promise.all([
    loadSettings(me.parkId),
    branchTotalsFor(me.parkId, event.period, now).then((r) => r.rows),
    db.collection(C.redFlags).where({ parkId: me.parkId }).orderBy('month', 'desc').limit(1).get(),
  ]);
  const board = rankBranches(rows, 'pointsPerMember', settings.minRankedMembers);
  return { ranked: board.ranked.length, unranked: board.unranked.length, flag: flags.data.length };
}
