// The people list (phones masked unless the viewer may see them), roles and the audit log.
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { C, _, db, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { AuditDoc, PersonDoc } from '../../_lib/types';
import { MAX_READ, branchOfPark, invalid, personOfPark, toPersonRow } from './helpers';

type H = Handlers<typeof orgContract>;

/** Names starting with `prefix`, as an index range (a RegExp would not use the index). */
const namePrefix = (prefix: string) => _.gte(prefix).and(_.lt(`${prefix}\uffff`));

const roleState = (p: Pick<PersonDoc, 'secretaryOf' | 'organizer' | 'parkAdmin'>) => ({ secretaryOf: p.secretaryOf, organizer: p.organizer, parkAdmin: p.parkAdmin });

export const peopleHandlers: Pick<H, 'people.list' | 'roles.set' | 'audit.list'> = {
  'people.list': {
    access: ['secretary', 'parkAdmin'],
    handler: async ({ offset, limit, branchId, search }, { person: me }) => {
      const where: Record<string, unknown> = { parkId: me.parkId };
      if (me.parkAdmin) {
        if (branchId) where.branchId = (await branchOfPark(me, branchId))._id;
      } else {
        // A secretary sees only the branches they lead; their first one unless they ask for another.
        const target = branchId ?? me.secretaryOf[0]!;
        if (!me.secretaryOf.includes(target)) throw new ActionError('FORBIDDEN', { message: '您只能查看自己担任书记的支部的名单' });
        where.branchId = target;
      }
      if (search) where.name = namePrefix(search);
      const q = db.collection(C.people).where(where);
      const [{ data }, { total }] = await Promise.all([
        q.orderBy('name', 'asc').skip(offset).limit(limit).get(),
        q.count() as Promise<{ total: number }>,
      ]);
      return { people: (data as PersonDoc[]).map((p) => toPersonRow(p, me)), total };
    },
  },
  'roles.set': {
    access: ['parkAdmin'],
    handler: async (input, { person: me, now }) => {
      const { personId, organizer, parkAdmin } = input;
      const secretaryOf = input.secretaryOf && [...new Set(input.secretaryOf)];
      if (secretaryOf === undefined && organizer === undefined && parkAdmin === undefined) {
        throw new ActionError('INVALID_INPUT', { message: '填写有误：请至少修改一项角色', fields: {} });
      }
      const target = await personOfPark(me, personId);
      if (target._id === me._id && parkAdmin === false) {
        throw new ActionError('FORBIDDEN', { message: '不能取消自己的园区党委管理员权限，以免园区无人管理；请另一位管理员操作' });
      }
      if (secretaryOf?.length) {
        // 支部书记 must be a full Party member (预备党员 cannot be elected).
        if (target.memberType !== 'full') throw invalid('secretaryOf', '只有正式党员可以担任支部书记');
        const { data } = await db.collection(C.branches).where({ _id: _.in(secretaryOf), parkId: me.parkId }).field({ _id: true }).limit(MAX_READ).get();
        if (data.length !== secretaryOf.length) throw invalid('secretaryOf', '有支部不在本园区，请重新选择');
      }
      const person = await runTransaction(async (tx) => {
        const cur = (await tx.collection(C.people).doc(personId).get()).data as PersonDoc;
        const before = roleState(cur);
        const after = { secretaryOf: secretaryOf ?? cur.secretaryOf, organizer: organizer ?? cur.organizer, parkAdmin: parkAdmin ?? cur.parkAdmin };
        await tx.collection(C.people).doc(personId).update({ ...after, updatedAt: now });
        await audit(me, 'roles.set', cur.name, { personId, before, after }, now, tx);
        return { ...cur, ...after, updatedAt: now };
      });
      return { person: toPersonRow(person, me) };
    },
  },
  'audit.list': {
    access: ['parkAdmin'],
    handler: async ({ offset, limit, action }, { person: me }) => {
      const q = db.collection(C.audit).where(action ? { parkId: me.parkId, action } : { parkId: me.parkId });
      const [{ data }, { total }] = await Promise.all([
        q.orderBy('at', 'desc').skip(offset).limit(limit).get(),
        q.count() as Promise<{ total: number }>,
      ]);
      return {
        entries: (data as Array<AuditDoc & { _id: string }>).map((e) => ({
          id: e._id, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, detail: e.detail ?? {},
        })),
        total,
      };
    },
  },
};
