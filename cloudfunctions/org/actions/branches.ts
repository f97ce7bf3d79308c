// Branches (单独 / 联合 / 挂靠 组建), the enterprises each covers, and their Party groups.
import { BRANCH_KIND_LABELS, type BranchKind, JOINT_BRANCH_MAX_ENTERPRISES } from '../../../shared/contract/common';
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { C, _, db, isDuplicateWrite, runTransaction, type Tx } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { type EnterpriseWithClaim, MAX_READ, branchOfPark, branchViews, invalid, newId } from './helpers';

type H = Handlers<typeof orgContract>;

/** 支部工作条例: single = one enterprise; joint = 2–5; attached = one or more. */
function checkKind(kind: BranchKind, enterpriseIds: string[]): void {
  if (new Set(enterpriseIds).size !== enterpriseIds.length) throw invalid('enterpriseIds', '同一家企业选了两次');
  const n = enterpriseIds.length;
  const label = BRANCH_KIND_LABELS[kind];
  if (kind === 'single' && n !== 1) throw invalid('enterpriseIds', `${label}的支部只能覆盖 1 家企业，联合组建请选“联合组建”`);
  if (kind === 'joint' && (n < 2 || n > JOINT_BRANCH_MAX_ENTERPRISES)) {
    throw invalid('enterpriseIds', `${label}的支部应覆盖 2 到 ${JOINT_BRANCH_MAX_ENTERPRISES} 家企业`);
  }
  if (n < 1) throw invalid('enterpriseIds', '至少选择 1 家企业');
}

/** Every enterprise exists in the park and no other branch covers it yet (seeded data included). */
async function checkEnterprises(parkId: string, enterpriseIds: string[], branchId: string): Promise<void> {
  const { data } = await db.collection(C.enterprises).where({ _id: _.in(enterpriseIds), parkId }).field({ name: true }).limit(MAX_READ).get();
  if (data.length !== enterpriseIds.length) throw invalid('enterpriseIds', `有 ${enterpriseIds.length - data.length} 家企业不在本园区，请重新选择`);
  const names = new Map((data as Array<{ _id: string; name: string }>).map((e) => [e._id, e.name]));
  // By the enterpriseIds index alone: the ids were just checked to be this park's.
  const { data: covering } = await db.collection(C.branches).where({ enterpriseIds: _.in(enterpriseIds) }).field({ name: true, enterpriseIds: true }).limit(MAX_READ).get();
  for (const b of covering as Array<{ _id: string; name: string; enterpriseIds: string[] }>) {
    if (b._id === branchId) continue;
    const ent = b.enterpriseIds.find((id) => names.has(id))!;
    throw covered(names.get(ent)!, b.name);
  }
}

const covered = (enterprise: string, branch: string) =>
  new ActionError('CONFLICT', { message: `“${enterprise}”已由“${branch}”覆盖，一家企业只能由一个支部覆盖` });

const nameTaken = (name: string) => new ActionError('CONFLICT', { message: `园区里已经有叫“${name}”的支部了，请换一个名称` });

/**
 * Inside the transaction: claim the added enterprises, release the removed ones. Reading the claim
 * here sees any branch committed before this snapshot; writing it makes a concurrent claim conflict.
 */
async function claim(tx: Tx, branchId: string, add: string[], release: string[]): Promise<void> {
  const ents = tx.collection(C.enterprises);
  await Promise.all([
    ...add.map(async (id) => {
      const { data } = await ents.doc(id).get();
      const e = data as EnterpriseWithClaim | null;
      if (e?.coveredBy && e.coveredBy !== branchId) {
        const other = (await tx.collection(C.branches).doc(e.coveredBy).get()).data as BranchDoc | null;
        throw covered(e.name, other?.name ?? '另一个支部');
      }
      await ents.doc(id).update({ coveredBy: branchId });
    }),
    ...release.map((id) => ents.doc(id).update({ coveredBy: null })),
  ]);
}

async function create(input: { name: string; kind: BranchKind; enterpriseIds: string[] }, me: PersonDoc, now: Date) {
  checkKind(input.kind, input.enterpriseIds);
  const dup = await db.collection(C.branches).where({ parkId: me.parkId, name: input.name }).limit(1).get();
  if (dup.data.length) throw nameTaken(input.name);
  const id = newId();
  await checkEnterprises(me.parkId, input.enterpriseIds, id);
  const doc: BranchDoc = { _id: id, parkId: me.parkId, name: input.name, kind: input.kind, enterpriseIds: input.enterpriseIds, groups: [], memberCount: 0, createdAt: now, updatedAt: now };
  try {
    await runTransaction(async (tx) => {
      await claim(tx, id, input.enterpriseIds, []);
      await tx.collection(C.branches).add(doc);
      await audit(me, 'branches.create', input.name, { branchId: id, kind: input.kind, enterpriseIds: input.enterpriseIds }, now, tx);
    });
  } catch (e) {
    if (isDuplicateWrite(e)) throw nameTaken(input.name); // a same-named branch committed meanwhile
    throw e;
  }
  return doc;
}

async function update(input: { branchId: string; name?: string; kind?: BranchKind; enterpriseIds?: string[] }, me: PersonDoc, now: Date) {
  const before = await branchOfPark(me, input.branchId);
  const after = { name: input.name ?? before.name, kind: input.kind ?? before.kind, enterpriseIds: input.enterpriseIds ?? before.enterpriseIds };
  if (input.kind !== undefined || input.enterpriseIds !== undefined) checkKind(after.kind, after.enterpriseIds);
  if (after.name !== before.name) {
    const dup = await db.collection(C.branches).where({ parkId: me.parkId, name: after.name }).limit(1).get();
    if (dup.data.length) throw nameTaken(after.name);
  }
  const added = after.enterpriseIds.filter((id) => !before.enterpriseIds.includes(id));
  const removed = before.enterpriseIds.filter((id) => !after.enterpriseIds.includes(id));
  const changed = after.name !== before.name || after.kind !== before.kind || added.length > 0 || removed.length > 0;
  if (!changed) return before;
  if (added.length) await checkEnterprises(me.parkId, added, before._id);
  try {
    await runTransaction(async (tx) => {
      const cur = (await tx.collection(C.branches).doc(before._id).get()).data as BranchDoc | null;
      // Someone changed the branch since we checked: let the person look again rather than overwrite.
      if (!cur || cur.updatedAt.getTime() !== new Date(before.updatedAt).getTime()) throw new ActionError('CONFLICT');
      await claim(tx, before._id, added, removed);
      await tx.collection(C.branches).doc(before._id).update({ ...after, updatedAt: now });
      const was = { name: before.name, kind: before.kind, enterpriseIds: before.enterpriseIds };
      await audit(me, 'branches.update', after.name, { branchId: before._id, before: was, after }, now, tx);
    });
  } catch (e) {
    if (isDuplicateWrite(e)) throw nameTaken(after.name);
    throw e;
  }
  return { ...before, ...after, updatedAt: now };
}

export const branchHandlers: Pick<H, 'branches.list' | 'branches.create' | 'branches.update' | 'groups.create'> = {
  'branches.list': {
    access: 'bound',
    handler: async (_input, { person }) => {
      const { data } = await db.collection(C.branches).where({ parkId: person.parkId }).orderBy('name', 'asc').limit(MAX_READ).get();
      return { branches: await branchViews(person.parkId, data as BranchDoc[]) };
    },
  },
  'branches.create': {
    access: ['parkAdmin'],
    handler: async (input, { person, now }) => {
      const doc = await create(input, person, now);
      return { branch: (await branchViews(person.parkId, [doc]))[0]! };
    },
  },
  'branches.update': {
    access: ['parkAdmin'],
    handler: async (input, { person, now }) => {
      const doc = await update(input, person, now);
      return { branch: (await branchViews(person.parkId, [doc]))[0]! };
    },
  },
  'groups.create': {
    // A park admin, or the secretary of that very branch (checked below).
    access: ['parkAdmin', 'secretary'],
    handler: async ({ branchId, name }, { person, now }) => {
      if (!person.parkAdmin && !person.secretaryOf.includes(branchId)) throw new ActionError('FORBIDDEN', { message: '只能为自己担任书记的支部建立党小组' });
      await branchOfPark(person, branchId);
      const branch = await runTransaction(async (tx) => {
        const b = (await tx.collection(C.branches).doc(branchId).get()).data as BranchDoc;
        if (b.groups.some((g) => g.name === name)) throw new ActionError('CONFLICT', { message: `“${b.name}”已经有“${name}”了，请换一个名称` });
        const group = { id: newId(), name };
        await tx.collection(C.branches).doc(branchId).update({ groups: _.push([group]), updatedAt: now });
        await audit(person, 'groups.create', b.name, { branchId, group }, now, tx);
        return { ...b, groups: [...b.groups, group] };
      });
      return { branch: (await branchViews(person.parkId, [branch]))[0]! };
    },
  },
};
