// topics.parkProgress: a park-wide topic's completion in every branch, for the park admin's 全园区学习
// page. Counted as topics.progress counts one branch (a branch's current Party members, and how many
// of them completed), for all branches at once in 3 reads whatever the park's size: the branches,
// the park's Party members (paged, only their branch), the topic's completed progress (paged).
import type { studyContract } from '../../../shared/contract/study';
import { byPinyin } from '../../../shared/pinyin';
import { C, _, db, readAll } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, PersonDoc, ProgressDoc } from '../../_lib/types';
import { MAX_READ, rate, topicOfPark } from './helpers';

type H = Handlers<typeof studyContract>;

export const parkHandlers: Pick<H, 'topics.parkProgress'> = {
  'topics.parkProgress': {
    access: ['parkAdmin'],
    handler: async ({ topicId }, { person: me }) => {
      const t = await topicOfPark(me, topicId);
      if (t.scope !== 'park') throw new ActionError('NOT_FOUND', { message: '这不是全园区专题，请在支部的学习页查看' });
      const [branches, members, done] = await Promise.all([
        db.collection(C.branches).where({ parkId: me.parkId }).field({ name: true }).limit(MAX_READ).get(),
        readAll<Pick<PersonDoc, '_id' | 'branchId'>>(C.people, { parkId: me.parkId, memberType: _.in(['full', 'probationary']) }, { branchId: true }),
        readAll<Pick<ProgressDoc, '_id' | 'personId'>>(C.topicProgress, { topicId: t._id, completedAt: _.neq(null) }, { personId: true }),
      ]);
      const branchOf = new Map(members.map((m) => [m._id, m.branchId]));
      const count = new Map<string, { members: number; completed: number }>();
      const at = (b: string) => count.get(b) ?? count.set(b, { members: 0, completed: 0 }).get(b)!;
      for (const m of members) at(m.branchId).members++;
      for (const p of done) {
        const b = branchOf.get(p.personId);
        if (b) at(b).completed++;
      }
      const rows = (branches.data as Array<Pick<BranchDoc, '_id' | 'name'>>)
        .map((b) => ({ id: b._id, name: b.name, ...(count.get(b._id) ?? { members: 0, completed: 0 }) }))
        .filter((b) => b.members > 0)
        .map((b) => ({ ...b, rate: rate(b.completed, b.members) }))
        .sort((a, b) => a.rate - b.rate || byPinyin(a.name, b.name));
      const total = rows.reduce((n, b) => n + b.members, 0);
      const completed = rows.reduce((n, b) => n + b.completed, 0);
      return { members: total, completed, rate: rate(completed, total), branches: rows };
    },
  },
};
