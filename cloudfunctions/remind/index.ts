// remind: reminders by WeChat subscription message. Clients record their consents (quota, counted here since
// WeChat reports none) and choose the kinds they want; the park admin sets quiet hours and sees failed sends.
// The timer (config.json, every 10 minutes) first raises the reminders that came due (actions/scans.ts), then
// sends the outbox (actions/deliver.ts): one digest per person per run, quiet hours, exactly once. Features raise
// event reminders themselves through _lib/reminders.ts; the kinds are registered in shared/reminders.ts.
import { remindContract } from '../../shared/contract/remind';
import { createRouter, implement } from '../_lib/dispatcher';
import { isPlatformTimer } from '../_lib/timer';
import { deliver } from './actions/deliver';
import { scanAll } from './actions/scans';
import { settingsHandlers } from './actions/settings';

const router = createRouter(implement(remindContract, { ...settingsHandlers }));

/** Stop taking new people after this share of the function's timeout (config.json: 60 s); the next run continues. */
export const BUDGET_MS = Number(process.env.REMIND_BUDGET_MS ?? 40_000);

export async function timer(now: Date) {
  const started = Date.now();
  const scans = await scanAll(now);
  // The budget covers the whole run: what the scans took is not left for sending.
  const sent = await deliver(now, Math.max(5_000, BUDGET_MS - (Date.now() - started)));
  return { ...scans, ...sent };
}

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isPlatformTimer(event, context)) {
    const r = await timer(new Date());
    console.log(`remind timer: ${JSON.stringify(r)}`);
    return r;
  }
  return router(event, context);
}
