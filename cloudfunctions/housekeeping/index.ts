// housekeeping: the daily clean-up timer (03:30 China time). Today it removes rate-limit counters
// whose window has ended; later clean-ups (expired temporary files, …) belong here too. Only the
// platform's timer may run it (_lib/timer.ts). Idempotent: a retry removes what is left.
import { removeExpiredCounters } from '../_lib/rate-limit';
import { timerOnly } from '../_lib/timer';

export const main = timerOnly(async (_event, now) => {
  const rateCounters = await removeExpiredCounters(now);
  console.log(`housekeeping: removed ${rateCounters} expired rate-limit counters`);
  return { rateCounters };
});
