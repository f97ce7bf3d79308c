// org: the park's organisation and people. Thin: the dispatcher checks access and validates; the
// handlers live in actions/.
import { orgContract } from '../../shared/contract/org';
import { createRouter, implement } from '../_lib/dispatcher';
import { rosterHandlers } from './actions/roster';
import { structureHandlers } from './actions/structure';

export const main = createRouter(implement(orgContract, { ...structureHandlers, ...rosterHandlers }));
