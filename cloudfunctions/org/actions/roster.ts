// Roster import, invite codes, transfers between branches and leaving the park (each in its own file).
import type { orgContract } from '../../../shared/contract/org';
import type { Handlers } from '../../_lib/dispatcher';
import { invitesCreate, invitesList } from './invites';
import { peopleLeave } from './leave';
import { rosterImport } from './roster-import';
import { transfersCreate, transfersList } from './transfers';

type H = Handlers<typeof orgContract>;
type Keys = 'roster.import' | 'invites.create' | 'invites.list' | 'transfers.create' | 'transfers.list' | 'people.leave';

export const rosterHandlers: Pick<H, Keys> = {
  'roster.import': rosterImport,
  'invites.create': invitesCreate,
  'invites.list': invitesList,
  'transfers.create': transfersCreate,
  'transfers.list': transfersList,
  'people.leave': peopleLeave,
};
