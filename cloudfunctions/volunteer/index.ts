// volunteer: 志愿服务 — activities and their shifts, sign-up with a waitlist that never overbooks,
// on-site sign-in/out by a rotating signed code, the organizer's roster and confirmed hours (points
// through _lib/points.ts, exactly once). Thin: the dispatcher checks access and validates; the handlers
// live in actions/. The timer trigger (config.json, every 10 minutes) closes forgotten sign-outs and
// finishes cancellations that died half-way; only the platform's timer reaches it (_lib/timer.ts).
import { volunteerContract } from '../../shared/contract/volunteer';
import { C, db } from '../_lib/db';
import { createRouter, implement } from '../_lib/dispatcher';
import { isPlatformTimer } from '../_lib/timer';
import type { ActivityDoc } from './types';
import { activityHandlers, finishCancellation } from './actions/activities';
import { closeForgottenSignOuts, onsiteHandlers } from './actions/onsite';
import { certificateHandlers } from './actions/certificates';
import { correctionHandlers } from './actions/corrections';
import { makeupHandlers } from './actions/makeups';
import { ratingHandlers } from './actions/ratings';
import { recordHandlers } from './actions/record';
import { rosterHandlers } from './actions/roster';
import { signUpHandlers } from './actions/signup';

const router = createRouter(implement(volunteerContract, {
  ...activityHandlers, ...signUpHandlers, ...onsiteHandlers, ...rosterHandlers,
  ...recordHandlers, ...makeupHandlers, ...correctionHandlers, ...ratingHandlers, ...certificateHandlers,
}));

async function timer(now: Date) {
  const closedSignOuts = await closeForgottenSignOuts(now);
  const { data } = await db.collection(C.volunteerActivities).where({ cancelPending: true }).limit(100).get();
  let cancellationsFinished = 0;
  for (const a of data as ActivityDoc[]) {
    await finishCancellation(a, now);
    cancellationsFinished++;
  }
  return { closedSignOuts, cancellationsFinished };
}

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isPlatformTimer(event, context)) {
    const r = await timer(new Date());
    console.log(`volunteer timer: ${JSON.stringify(r)}`);
    return r;
  }
  return router(event, context);
}
