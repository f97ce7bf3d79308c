// housekeeping: the daily clean-up timer (03:30 China time). It removes rate-limit counters whose
// window has ended and uploads no record claimed within a day (_lib/files.ts), and finishes awards whose
// function died between its steps and that nobody retried (_lib/points.ts finishPendingAwards); later clean-ups belong
// here too. Only the platform's timer may run it (_lib/timer.ts). Idempotent: a retry removes what is left.
import { removeOldMediaChecks } from '../files/actions/check';
import { removeUnclaimedUploads } from '../_lib/files';
import { finishPendingAwards } from '../_lib/points';
import { removeExpiredCounters } from '../_lib/rate-limit';
import { timerOnly } from '../_lib/timer';

export const main = timerOnly(async (_event, now) => {
  const rateCounters = await removeExpiredCounters(now);
  const unclaimedUploads = await removeUnclaimedUploads(now);
  const mediaChecks = await removeOldMediaChecks(now);
  const pendingAwards = await finishPendingAwards(now);
  console.log(`housekeeping: removed ${rateCounters} expired rate-limit counters, ${unclaimedUploads} unclaimed uploads, ${mediaChecks} media check results; finished ${pendingAwards} pending awards`);
  return { rateCounters, unclaimedUploads, mediaChecks, pendingAwards };
});
