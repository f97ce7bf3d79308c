import type { userContract } from '../../../shared/contract/user';
import type { Handlers } from '../../_lib/dispatcher';
import { personSelf } from './self';

export const me: Handlers<typeof userContract>['me'] = {
  access: 'public',
  handler: async (_input, { caller }) => ({ bound: !!caller.person, person: caller.person ? await personSelf(caller.person) : null }),
};
