// ledger (issue 19: 台账): 三会一课 compliance for a branch or the park, and the xlsx exports a branch hands in.
// Thin: the dispatcher checks access and validates; the handlers live in actions/. Records themselves are
// written by `study` (meetings.record / meetings.backfill); this function only reads and exports. The park's
// display screen and its keys (actions/display.ts) live here too: `display.get` is the one action that needs no
// WeChat identity (access 'key').
import { ledgerContract } from '../../shared/contract/ledger';
import { createRouter, httpRouter, implement } from '../_lib/dispatcher';
import { complianceHandlers } from './actions/compliance';
import { dashboardHandlers } from './actions/dashboard';
import { displayHandlers } from './actions/display';
import { exportHandlers } from './actions/export';

// httpRouter: the TV's browser reaches display.get through HTTP 访问服务 in production (docs/DEPLOY.md).
export const main = httpRouter(createRouter(implement(ledgerContract, { ...complianceHandlers, ...exportHandlers, ...dashboardHandlers, ...displayHandlers })));
