// Enterprises of the park and the park overview (企业党组织覆盖率 and head counts).
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { C, _, db, isDuplicateWrite, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, EnterpriseDoc, ParkDoc } from '../../_lib/types';
import { type EnterpriseWithClaim, MAX_READ, enterpriseOfPark, enterpriseView, newId } from './helpers';

type H = Handlers<typeof orgContract>;

const count = async (collection: string, where: object): Promise<number> => ((await db.collection(collection).where(where).count()) as { total: number }).total;

/** Which branch covers each enterprise, from the branches' own lists (the source of truth). */
async function coverage(parkId: string): Promise<{ branches: number; byEnterprise: Map<string, { id: string; name: string }> }> {
  const { data } = await db.collection(C.branches).where({ parkId }).field({ name: true, enterpriseIds: true }).limit(MAX_READ).get();
  const byEnterprise = new Map<string, { id: string; name: string }>();
  for (const b of data as Array<Pick<BranchDoc, '_id' | 'name' | 'enterpriseIds'>>) {
    for (const e of b.enterpriseIds) if (!byEnterprise.has(e)) byEnterprise.set(e, { id: b._id, name: b.name });
  }
  return { branches: data.length, byEnterprise };
}

const nameTaken = (name: string) => new ActionError('CONFLICT', { message: `园区里已经有“${name}”这家企业了，请换一个名称` });

/** The fields people edit; `industry: ''` from a cleared form field means "none". */
type EnterpriseFields = Pick<EnterpriseDoc, 'name' | 'industry' | 'employees'>;

async function nameFree(parkId: string, name: string): Promise<void> {
  const dup = await db.collection(C.enterprises).where({ parkId, name }).limit(1).get();
  if (dup.data.length) throw nameTaken(name);
}

export const enterpriseHandlers: Pick<H, 'park.overview' | 'enterprises.list' | 'enterprises.create' | 'enterprises.update'> = {
  'park.overview': {
    access: ['secretary', 'parkAdmin'],
    handler: async (_input, { person }) => {
      const parkId = person.parkId;
      // Counts through indexes: people by parkId(+memberType / +openid), enterprises by parkId.
      const [park, cov, enterprises, people, members, bound] = await Promise.all([
        db.collection(C.parks).doc(parkId).get(),
        coverage(parkId),
        count(C.enterprises, { parkId }),
        count(C.people, { parkId }),
        count(C.people, { parkId, memberType: _.in(['full', 'probationary']) }),
        count(C.people, { parkId, openid: _.gt('') }),
      ]);
      const ids = [...cov.byEnterprise.keys()];
      const covered = ids.length ? await count(C.enterprises, { _id: _.in(ids), parkId }) : 0;
      const p = park.data[0] as ParkDoc | undefined;
      return {
        park: { id: parkId, name: p?.name ?? '' },
        enterprises,
        coveredEnterprises: covered,
        coverageRate: enterprises ? covered / enterprises : 0,
        branches: cov.branches,
        people,
        members,
        bound,
      };
    },
  },
  'enterprises.list': {
    access: ['secretary', 'parkAdmin'],
    handler: async (_input, { person }) => {
      const [{ data }, cov] = await Promise.all([
        db.collection(C.enterprises).where({ parkId: person.parkId }).orderBy('name', 'asc').limit(MAX_READ).get(),
        coverage(person.parkId),
      ]);
      return {
        enterprises: (data as EnterpriseDoc[]).map((e) => ({
          id: e._id, name: e.name, industry: e.industry ?? null, employees: e.employees ?? null, branch: cov.byEnterprise.get(e._id) ?? null,
        })),
      };
    },
  },
  'enterprises.create': {
    access: ['parkAdmin'],
    handler: async (input, { person, now }) => {
      await nameFree(person.parkId, input.name);
      const doc: EnterpriseWithClaim = { _id: newId(), parkId: person.parkId, name: input.name, industry: input.industry || null, employees: input.employees, coveredBy: null, createdAt: now };
      try {
        await runTransaction(async (tx) => {
          await tx.collection(C.enterprises).add(doc);
          await audit(person, 'enterprises.create', input.name, { enterpriseId: doc._id }, now, tx);
        });
      } catch (e) {
        if (isDuplicateWrite(e)) throw nameTaken(input.name); // a same-named enterprise committed meanwhile
        throw e;
      }
      return { enterprise: { id: doc._id, name: doc.name, industry: doc.industry, employees: doc.employees, branch: null } };
    },
  },
  'enterprises.update': {
    access: ['parkAdmin'],
    handler: async ({ enterpriseId, ...input }, { person, now }) => {
      const cur = await enterpriseOfPark(person, enterpriseId);
      const wanted: Partial<EnterpriseFields> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.industry !== undefined ? { industry: input.industry || null } : {}),
        ...(input.employees !== undefined ? { employees: input.employees } : {}),
      };
      const keys = (Object.keys(wanted) as Array<keyof EnterpriseFields>).filter((k) => wanted[k] !== (cur[k] ?? null));
      // Nothing changed: no write, no audit entry.
      if (!keys.length) return { enterprise: await enterpriseView(cur) };
      const before = Object.fromEntries(keys.map((k) => [k, cur[k] ?? null]));
      const after = Object.fromEntries(keys.map((k) => [k, wanted[k]]));
      if (keys.includes('name')) await nameFree(person.parkId, wanted.name!);
      try {
        await runTransaction(async (tx) => {
          await tx.collection(C.enterprises).doc(cur._id).update(after);
          await audit(person, 'enterprises.update', wanted.name ?? cur.name, { enterpriseId: cur._id, before, after }, now, tx);
        });
      } catch (e) {
        if (isDuplicateWrite(e)) throw nameTaken(wanted.name!); // only the name is unique
        throw e;
      }
      return { enterprise: await enterpriseView({ ...cur, ...after }) };
    },
  },
};
