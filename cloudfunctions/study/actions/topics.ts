// Reading topics: the ones that apply to me or to a branch I manage, and one topic's materials.
import type { studyContract } from '../../../shared/contract/study';
import { C, _, db, getDoc, readAll } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { NoteDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import {
  appliesTo, branchMembers, branchOfPark, managesTopic, progressId, progressView, rate, requireManages, topicOfPark, topicSummary,
} from './helpers';

type H = Handlers<typeof studyContract>;

/**
 * A branch's completion of many topics at once, counted as topics.progress counts one: its current
 * Party members, and how many of them completed. One roster read and the completed progress, paged.
 */
async function completionOf(branchId: string, topicIds: string[]) {
  if (!topicIds.length) return () => null;
  const [members, done] = await Promise.all([
    branchMembers(branchId),
    readAll<Pick<ProgressDoc, '_id' | 'topicId' | 'personId'>>(C.topicProgress, { branchId, topicId: _.in(topicIds), completedAt: _.neq(null) }, { topicId: true, personId: true }),
  ]);
  const current = new Set(members.map((m) => m._id));
  const completed = new Map<string, number>();
  for (const p of done) if (current.has(p.personId)) completed.set(p.topicId, (completed.get(p.topicId) ?? 0) + 1);
  return (topicId: string) => {
    const n = completed.get(topicId) ?? 0;
    return { members: members.length, completed: n, rate: rate(n, members.length) };
  };
}
const READERS = ['member', 'secretary', 'parkAdmin'] as const;

export const topicHandlers: Pick<H, 'topics.list' | 'topics.get'> = {
  'topics.list': {
    access: READERS,
    handler: async ({ month, branchId }, { person: me, now }) => {
      let forBranch = me.memberType === 'none' ? null : me.branchId;
      if (branchId !== undefined) {
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
      // My own progress, whichever branch the topic was for: a member who moved branch keeps, in 往期专题,
      // the topics they studied in the old one (one indexed read by person, which also gives the progress).
      const mine = me.memberType === 'none' ? [] : ((await db.collection(C.topicProgress).where({ personId: me._id, ...m }).orderBy('month', 'desc').limit(100).get()).data as ProgressDoc[]);
      const byTopic = new Map(mine.map((p) => [p.topicId, p]));
      const listed = new Set(topics.map((t) => t._id));
      const elsewhere = [...new Set(mine.map((p) => p.topicId))].filter((id) => !listed.has(id));
      if (branchId === undefined && elsewhere.length) {
        const { data } = await db.collection(C.topics).where({ _id: _.in(elsewhere) }).limit(elsewhere.length).get();
        topics.push(...(data as TopicDoc[]).filter((t) => t.parkId === me.parkId));
      }
      topics.sort((a, b) => b.month.localeCompare(a.month) || +new Date(b.createdAt) - +new Date(a.createdAt));
      const mineTopic = (t: TopicDoc) => appliesTo(t, me) || byTopic.has(t._id);
      const rates = branchId !== undefined && forBranch ? await completionOf(forBranch, topics.map((t) => t._id)) : null;
      return {
        topics: topics.map((t) => ({ ...topicSummary(t, now, byTopic.get(t._id), mineTopic(t)), branchProgress: rates?.(t._id) ?? null })),
      };
    },
  },

  'topics.get': {
    access: READERS,
    handler: async ({ topicId }, { person: me, now }) => {
      const t = await topicOfPark(me, topicId);
      // A topic of my old branch that I studied stays mine to read again (my progress is there).
      const studied = !appliesTo(t, me) && me.memberType !== 'none' && (await getDoc<ProgressDoc>(C.topicProgress, progressId(t._id, me._id))) !== null;
      const applies = appliesTo(t, me) || studied;
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
