// study: 一月一专题 (topics, notes, quizzes, the secretary's view and reminders), the inbox, and
// 主题党日 / 大党课 meetings with a rotating check-in code. Thin: the dispatcher checks access and
// validates; the handlers live in actions/. Points go through _lib/points.ts (exactly once).
import { studyContract } from '../../shared/contract/study';
import { createRouter, implement } from '../_lib/dispatcher';
import { branchHandlers } from './actions/branch';
import { inboxHandlers } from './actions/inbox';
import { meetingHandlers } from './actions/meetings';
import { taskHandlers } from './actions/tasks';
import { topicHandlers } from './actions/topics';

export const main = createRouter(implement(studyContract, { ...topicHandlers, ...taskHandlers, ...branchHandlers, ...inboxHandlers, ...meetingHandlers }));
