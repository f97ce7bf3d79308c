// review: 三评议, the yearly review of members by the enterprise's leader, colleagues and the branch.
// The park admin opens the year's review (window, leaders, committees); raters rate within the window;
// the branch records its decision with the votes behind it (at most one third 优秀); the member sees
// their own result, the secretary the branch's, the park admin completion per branch. Thin: the
// dispatcher checks access and validates; the handlers live in actions/.
import { reviewContract } from '../../shared/contract/review';
import { createRouter, implement } from '../_lib/dispatcher';
import { branchHandlers } from './actions/branch';
import { meHandlers } from './actions/me';
import { parkHandlers } from './actions/park';
import { rateHandlers } from './actions/rate';

export const main = createRouter(implement(reviewContract, { ...parkHandlers, ...rateHandlers, ...branchHandlers, ...meHandlers }));
