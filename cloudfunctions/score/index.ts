// score: points (积分), branch leaderboards (争先创优) and the 流动红旗. Thin: the dispatcher checks
// access and validates; the handlers live in actions/. Points themselves are awarded only by the
// features that own the events, through _lib/points.ts.
import { scoreContract } from '../../shared/contract/score';
import { createRouter, implement } from '../_lib/dispatcher';
import { boardHandlers } from './actions/board';
import { ledgerHandlers } from './actions/ledger';
import { meHandlers } from './actions/me';
import { rulesHandlers } from './actions/rules';

export const main = createRouter(implement(scoreContract, { ...meHandlers, ...boardHandlers, ...rulesHandlers, ...ledgerHandlers }));
