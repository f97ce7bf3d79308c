// housekeeping: the daily clean-up timer (03:30 China time). It removes rate-limit counters whose
// window has ended, uploads no record claimed within a day (_lib/files.ts) and 台账 exports whose link has
// expired (ledger/actions/cleanup.ts), and settles the day's awards (_lib/points.ts settlePendingAwards): confirms
// those in every total in bulk and finishes any whose function died between its steps; later clean-ups belong
// here too. Only the platform's timer may run it (_lib/timer.ts). Idempotent: a retry removes what is left.
import { removeOldMediaChecks } from '../files/actions/check';
import { removeUnclaimedUploads } from '../_lib/files';
import { settlePendingAwards } from '../_lib/points';
import { removeExpiredCounters } from '../_lib/rate-limit';
import { timerOnly } from '../_lib/timer';
import { removeExpiredExports } from '../ledger/actions/cleanup';

export const main = timerOnly(async (_event, now) => {
  const rateCounters = await removeExpiredCounters(now);
  const unclaimedUploads = await removeUnclaimedUploads(now);
  const mediaChecks = await removeOldMediaChecks(now);
  const awards = await settlePendingAwards(now);
  const ledgerExports = await removeExpiredExports(now);
  console.log(`housekeeping: removed ${rateCounters} expired rate-limit counters, ${unclaimedUploads} unclaimed uploads, ${mediaChecks} media check results, ${ledgerExports} expired 台账 exports; confirmed ${awards.confirmed} awards and finished ${awards.finished}${awards.failed ? `; ${awards.failed} could not be finished (see the errors above)` : ''}`);
  return { rateCounters, unclaimedUploads, mediaChecks, ledgerExports, awardsConfirmed: awards.confirmed, awardsFinished: awards.finished, awardsFailed: awards.failed };
});
