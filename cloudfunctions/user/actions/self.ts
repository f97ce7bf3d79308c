// The caller's own view of themself (shared by me and bind).
import type { PersonSelf } from '../../../shared/contract';
import { rolesOf } from '../../_lib/caller';
import { C, db } from '../../_lib/db';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';

export async function personSelf(p: PersonDoc): Promise<PersonSelf> {
  const [branch, park] = await Promise.all([
    db.collection(C.branches).doc(p.branchId).get(),
    db.collection(C.parks).doc(p.parkId).get(),
  ]);
  const b = branch.data[0] as BranchDoc | undefined;
  const k = park.data[0] as ParkDoc | undefined;
  return {
    id: p._id,
    name: p.name,
    memberType: p.memberType,
    roles: [...rolesOf(p)],
    branch: { id: p.branchId, name: b?.name ?? '（支部已撤销）' },
    park: { id: p.parkId, name: k?.name ?? '' },
    secretaryOf: p.secretaryOf,
  };
}
