// pledge: 承诺践诺 and 评诺 (issue 17) — members' and branches' pledge items, the secretary's approval and
// confirmation, progress, withdrawal, the public board, 履诺率 and colleagues' ratings. Thin: the dispatcher checks
// access and validates; the handlers live in actions/. The timer trigger (config.json, hourly) marks items overdue
// the day after their due date (China time), tells their people through the inbox and settles branch counters and
// points left over by a call that died half-way; only the platform's timer reaches it (_lib/timer.ts).
import { pledgeContract } from '../../shared/contract/pledge';
import { createRouter, implement } from '../_lib/dispatcher';
import { isPlatformTimer } from '../_lib/timer';
import { boardHandlers } from './actions/board';
import { itemHandlers } from './actions/items';
import { progressHandlers } from './actions/progress';
import { ratingHandlers } from './actions/ratings';
import { reviewHandlers } from './actions/review';
import { pledgeTimer } from './actions/settle';

const router = createRouter(implement(pledgeContract, { ...itemHandlers, ...reviewHandlers, ...progressHandlers, ...boardHandlers, ...ratingHandlers }));

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isPlatformTimer(event, context)) {
    const r = await pledgeTimer(new Date());
    console.log(`pledge timer: ${JSON.stringify(r)}`);
    return r;
  }
  return router(event, context);
}
