// study: 一月一专题 (publishing and correcting topics, notes, quizzes, the secretary's view and
// reminders), the inbox, and 主题党日 / 大党课 meetings with a rotating check-in code. Thin: the
// dispatcher checks access and validates; the handlers live in actions/. Points go through
// _lib/points.ts (exactly once). The timer trigger (config.json) finishes publications that died
// half-way (actions/publish.ts).
import { studyContract } from '../../shared/contract/study';
import { tcb } from '../_lib/db';
import { createRouter, implement } from '../_lib/dispatcher';
import { branchHandlers } from './actions/branch';
import { checkInHandlers } from './actions/checkin';
import { inboxHandlers } from './actions/inbox';
import { meetingHandlers } from './actions/meetings';
import { publishHandlers, settlePendingTopics } from './actions/publish';
import { taskHandlers } from './actions/tasks';
import { topicHandlers } from './actions/topics';

const router = createRouter(implement(studyContract, { ...publishHandlers, ...topicHandlers, ...taskHandlers, ...branchHandlers, ...inboxHandlers, ...meetingHandlers, ...checkInHandlers }));

/** A timer event from the platform: no WeChat user behind it (a client cannot pose as one). */
function isTimer(event: unknown, context: unknown): boolean {
  if ((event as { Type?: unknown } | null)?.Type !== 'Timer') return false;
  return !tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]).WX_OPENID;
}

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isTimer(event, context)) {
    const r = await settlePendingTopics();
    console.log(`study timer: ${JSON.stringify(r)}`);
    return r;
  }
  return router(event, context);
}
