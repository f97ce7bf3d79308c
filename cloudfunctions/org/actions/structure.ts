// Branches, enterprises, Party groups, the park overview, the people list, roles and the audit log.
// Every handler is scoped to the caller's own park (person.parkId from the roster, never the payload);
// another park's branch or person answers NOT_FOUND, exactly like a missing one.
import type { orgContract } from '../../../shared/contract/org';
import type { Handlers } from '../../_lib/dispatcher';
import { branchHandlers } from './branches';
import { enterpriseHandlers } from './enterprises';
import { peopleCreate, peopleUpdate } from './people-edit';
import { peopleHandlers } from './people';
import { peopleHistory, peopleUnbind } from './people-history';

type H = Handlers<typeof orgContract>;
type Keys =
  | 'park.overview' | 'branches.list' | 'branches.create' | 'branches.update' | 'groups.create'
  | 'enterprises.list' | 'enterprises.create' | 'enterprises.update'
  | 'people.list' | 'people.create' | 'people.update' | 'roles.set' | 'audit.list' | 'people.unbind' | 'people.history';

export const structureHandlers: Pick<H, Keys> = {
  ...enterpriseHandlers,
  ...branchHandlers,
  ...peopleHandlers,
  'people.create': peopleCreate,
  'people.update': peopleUpdate,
  'people.unbind': peopleUnbind,
  'people.history': peopleHistory,
};
