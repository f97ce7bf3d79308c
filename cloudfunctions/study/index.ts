// study: 一月一专题 (publishing and correcting topics, notes, quizzes, the secretary's view and
// reminders), the inbox, and 主题党日 / 大党课 meetings with a rotating check-in code. Thin: the
// dispatcher checks access and validates; the handlers live in actions/. Points go through
// _lib/points.ts (exactly once). The timer trigger (config.json) finishes publications that died
// half-way (actions/publish.ts) and finishes check-ins whose call died half-way (their count and points) (actions/checkin.ts).
import { studyContract } from '../../shared/contract/study';
import { createRouter, implement } from '../_lib/dispatcher';
import { isPlatformTimer } from '../_lib/timer';
import { branchHandlers } from './actions/branch';
import { checkInHandlers, finishCheckIns } from './actions/checkin';
import { inboxHandlers } from './actions/inbox';
import { meetingHandlers } from './actions/meetings';
import { parkHandlers } from './actions/park';
import { publishHandlers, settlePendingTopics } from './actions/publish';
import { recordHandlers } from './actions/records';
import { taskHandlers } from './actions/tasks';
import { topicHandlers } from './actions/topics';

const router = createRouter(implement(studyContract, { ...publishHandlers, ...topicHandlers, ...taskHandlers, ...branchHandlers, ...inboxHandlers, ...meetingHandlers, ...checkInHandlers, ...parkHandlers, ...recordHandlers }));

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isPlatformTimer(event, context)) {
    const r = { ...(await settlePendingTopics()), checkIns: await finishCheckIns(new Date()) };
    console.log(`study timer: ${JSON.stringify(r)}`);
    return r;
  }
  return router(event, context);
}
