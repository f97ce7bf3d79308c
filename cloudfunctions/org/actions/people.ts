// The people list (phones masked unless the viewer may see them), roles and the audit log.
import type { orgContract } from '../../../shared/contract/org';
import { audit } from '../../_lib/audit';
import { byPinyin, matchesSearch } from '../../../shared/pinyin';
import { C, _, db, readAll, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import { auditList } from './audit-list';
import { MAX_READ, branchOfPark, enterpriseNames, invalid, personOfPark, toPersonRow } from './helpers';

type H = Handlers<typeof orgContract>;

/** What a roster row needs (never the openid itself: only whether there is one). */
const ROW_FIELDS = {
  parkId: true, branchId: true, groupId: true, name: true, phone: true, memberType: true, joinedPartyOn: true, fullMemberOn: true,
  posts: true, responsibilityArea: true, enterpriseId: true, secretaryOf: true, organizer: true, parkAdmin: true, openid: true,
};

const roleState = (p: Pick<PersonDoc, 'secretaryOf' | 'organizer' | 'parkAdmin'>) => ({ secretaryOf: p.secretaryOf, organizer: p.organizer, parkAdmin: p.parkAdmin });

export const peopleHandlers: Pick<H, 'people.list' | 'roles.set' | 'audit.list'> = {
  'people.list': {
    access: ['secretary', 'parkAdmin'],
    // The whole list (a branch: tens to a few hundred; a park: a few thousand) is read complete in one
    // indexed query per 1,000 people, then sorted by pinyin (Intl.Collator: the database can only sort
    // by code point), searched by any part of the name or phone, and paged here.
    handler: async ({ offset, limit, branchId, search, unbound }, { person: me }) => {
      const where: Record<string, unknown> = { parkId: me.parkId };
      if (me.parkAdmin) {
        if (branchId) where.branchId = (await branchOfPark(me, branchId))._id;
      } else {
        // A secretary sees only the branches they lead; their first one unless they ask for another.
        const target = branchId ?? me.secretaryOf[0]!;
        if (!me.secretaryOf.includes(target)) throw new ActionError('FORBIDDEN', { message: '您只能查看自己担任书记的支部的名单' });
        where.branchId = target;
      }
      const everyone = (await readAll<PersonDoc>(C.people, where, ROW_FIELDS)).sort((a, b) => byPinyin(a.name, b.name));
      const found = everyone.filter((p) => (!search || matchesSearch(search, p)) && (!unbound || !p.openid));
      const shown = found.slice(offset, offset + limit);
      const enterprises = await enterpriseNames(me.parkId, shown.map((p) => p.enterpriseId));
      return {
        people: shown.map((p) => toPersonRow(p, me, enterprises)),
        total: found.length,
        unboundTotal: everyone.filter((p) => !p.openid).length,
      };
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
  'audit.list': auditList,
};
