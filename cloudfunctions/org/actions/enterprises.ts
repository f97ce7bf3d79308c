// Enterprises of the park and the park overview (企业党组织覆盖率 and head counts).
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { C, _, db } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, EnterpriseDoc, ParkDoc } from '../../_lib/types';
import { type EnterpriseWithClaim, MAX_READ, inTransaction, isDuplicate, newId } from './helpers';

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

export const enterpriseHandlers: Pick<H, 'park.overview' | 'enterprises.list' | 'enterprises.create'> = {
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
      const taken = () => new ActionError('CONFLICT', { message: `园区里已经有“${input.name}”这家企业了` });
      const dup = await db.collection(C.enterprises).where({ parkId: person.parkId, name: input.name }).limit(1).get();
      if (dup.data.length) throw taken();
      const doc: EnterpriseWithClaim = { _id: newId(), parkId: person.parkId, name: input.name, industry: input.industry || null, employees: input.employees, coveredBy: null, createdAt: now };
      try {
        await inTransaction(async (tx) => {
          await tx.collection(C.enterprises).add(doc);
          await audit(person, 'enterprises.create', input.name, { enterpriseId: doc._id }, now, tx);
        });
      } catch (e) {
        if (isDuplicate(e)) throw taken();
        throw e;
      }
      return { enterprise: { id: doc._id, name: doc.name, industry: doc.industry, employees: doc.employees, branch: null } };
    },
  },
};
