// Publishing topics (park admin: park-wide; secretary or park admin: one branch) and reading them.
import type { studyContract } from '../../../shared/contract/study';
import { chinaDayStart } from '../../../shared/periods';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { recordBranchCounters } from '../../_lib/points';
import { runTransaction } from '../../_lib/db';
import type { BranchDoc, NoteDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import {
  MAX_READ, appliesTo, branchOfPark, byOf, managesTopic, newId, progressId, progressView, requireManages, topicOfPark, topicSummary,
} from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;
const READERS = ['member', 'secretary', 'parkAdmin'] as const;

export const topicHandlers: Pick<H, 'topics.create' | 'topics.list' | 'topics.get'> = {
  'topics.create': {
    access: MANAGERS,
    handler: async (input, { person: me, now }) => {
      let branches: BranchDoc[];
      if (input.scope === 'park') {
        if (!me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '全园区专题由园区党委管理员发布' });
        branches = (await db.collection(C.branches).where({ parkId: me.parkId }).limit(MAX_READ).get()).data as BranchDoc[];
      } else {
        const b = await branchOfPark(me, input.branchId!);
        requireManages(me, b._id, '只能为本支部发布专题');
        branches = [b];
      }
      const assigned = Object.fromEntries(branches.filter((b) => b.memberCount > 0).map((b) => [b._id, b.memberCount]));
      const topic: TopicDoc = {
        _id: newId(), parkId: me.parkId, scope: input.scope, branchId: input.branchId ?? null, month: input.month, title: input.title,
        deadline: input.deadline, materials: input.materials, noteMinLength: input.noteMinLength, quiz: input.quiz, assigned,
        createdBy: byOf(me), createdAt: now,
      };
      await runTransaction(async (tx) => {
        const { _id, ...rest } = topic;
        await tx.collection(C.topics).doc(_id).set(rest);
        await audit(me, 'topics.create', _id, { title: topic.title, scope: topic.scope, branchId: topic.branchId, month: topic.month }, now, tx);
      });
      // topicsAssigned: once per member the topic applies to, in the topic's month (each branch exactly once).
      const at = chinaDayStart(`${topic.month}-01`);
      await Promise.all(
        Object.entries(assigned).map(([branchId, n]) => recordBranchCounters({ parkId: me.parkId, branchId, sourceId: `topic:${topic._id}`, counters: { topicsAssigned: n }, at })),
      );
      return { topic: topicSummary(topic, now, null, false), assignedMembers: Object.values(assigned).reduce((a, b) => a + b, 0) };
    },
  },

  'topics.list': {
    access: READERS,
    handler: async ({ month, branchId }, { person: me, now }) => {
      let forBranch = me.memberType === 'none' ? null : me.branchId;
      if (branchId !== undefined && branchId !== me.branchId) {
        const b = await branchOfPark(me, branchId);
        requireManages(me, b._id, '只能查看本支部的专题');
        forBranch = b._id;
      }
      const m = month === undefined ? {} : { month };
      const [park, branch] = await Promise.all([
        db.collection(C.topics).where({ parkId: me.parkId, scope: 'park', ...m }).orderBy('month', 'desc').limit(100).get(),
        forBranch ? db.collection(C.topics).where({ branchId: forBranch, ...m }).orderBy('month', 'desc').limit(100).get() : Promise.resolve({ data: [] }),
      ]);
      const topics = [...(park.data as TopicDoc[]), ...(branch.data as TopicDoc[])].filter((t) => t.parkId === me.parkId);
      topics.sort((a, b) => b.month.localeCompare(a.month) || +new Date(b.createdAt) - +new Date(a.createdAt));
      const mineIds = topics.filter((t) => appliesTo(t, me)).map((t) => progressId(t._id, me._id));
      const mine = mineIds.length
        ? ((await db.collection(C.topicProgress).where({ _id: _.in(mineIds) }).limit(mineIds.length).get()).data as ProgressDoc[])
        : [];
      const byTopic = new Map(mine.map((p) => [p.topicId, p]));
      return { topics: topics.map((t) => topicSummary(t, now, byTopic.get(t._id), appliesTo(t, me))) };
    },
  },

  'topics.get': {
    access: READERS,
    handler: async ({ topicId }, { person: me, now }) => {
      const t = await topicOfPark(me, topicId);
      const applies = appliesTo(t, me);
      if (!applies && !managesTopic(t, me)) throw new ActionError('NOT_FOUND', { message: '没有找到这个专题' });
      const [p, note] = applies
        ? await Promise.all([getDoc<ProgressDoc>(C.topicProgress, progressId(t._id, me._id)), getDoc<NoteDoc>(C.notes, progressId(t._id, me._id))])
        : [null, null];
      return {
        topic: topicSummary(t, now, p, applies),
        materials: t.materials,
        noteMinLength: t.noteMinLength,
        // Never the answers: only the questions and choices.
        quiz: t.quiz
          ? { questions: t.quiz.questions.map((q) => ({ text: q.text, kind: q.kind, choices: q.choices })), passMark: t.quiz.passMark, maxAttempts: t.quiz.maxAttempts }
          : null,
        progress: applies ? progressView(t, p, note) : null,
      };
    },
  },
};
