// Publishing a topic and correcting it afterwards. Publishing writes the topic, its audit entry and
// the list of branches still to be counted in one transaction; each branch's topicsAssigned counter
// is then recorded exactly once (a marker per topic and branch), and the list emptied. If the call
// dies in between, the study timer (settlePendingTopics) records what is left: nothing is lost and
// nothing is counted twice. A publication's id comes from who published what, so the same call
// repeated (the publisher taps 发布 again after an error, though the first attempt had landed) finds
// its topic instead of publishing it, and counting its branches, a second time.
import { createHash } from 'node:crypto';
import type { studyContract } from '../../../shared/contract/study';
import { chinaDayStart } from '../../../shared/periods';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { recordBranchCounters, withConflictRetry } from '../../_lib/points';
import type { BranchDoc, PersonDoc, TopicDoc } from '../../_lib/types';
import { MAX_READ, branchOfPark, byOf, invalid, managesBranch, requireManages, topicOfPark, topicSummary } from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

/** Record the topicsAssigned counters still pending, then mark the topic done. Safe to repeat. */
export async function settleTopicCounters(t: TopicDoc): Promise<void> {
  const pending = t.countersPending ?? [];
  // Counted in the topic's month, so 学习完成率 compares like with like.
  const at = chinaDayStart(`${t.month}-01`);
  await Promise.all(
    pending.map((branchId) =>
      recordBranchCounters({ parkId: t.parkId, branchId, sourceId: `topic:${t._id}`, counters: { topicsAssigned: t.assigned[branchId] ?? 0 }, at }),
    ),
  );
  await db.collection(C.topics).doc(t._id).update({ countersPending: [], countersDone: true });
}

/** The study timer: finish topics whose publication died before all counters were recorded. */
export async function settlePendingTopics(): Promise<{ settled: number; failed: number }> {
  const { data } = await db.collection(C.topics).where({ countersDone: false }).orderBy('createdAt', 'asc').limit(100).get();
  let settled = 0;
  let failed = 0;
  for (const t of data as TopicDoc[]) {
    try {
      await settleTopicCounters(t);
      settled++;
    } catch (e) {
      failed++;
      console.error(`settling topic ${t._id} failed (the next run retries):`, e);
    }
  }
  return { settled, failed };
}

/**
 * The topic a publication creates: the same publisher with the same content (scope, month, every field)
 * gets the same id, so a repeated topics.create is the same publication, not a second topic.
 */
const publicationId = (me: PersonDoc, input: unknown) => createHash('sha256').update(`topics.create|${me.parkId}|${me._id}|${JSON.stringify(input)}`).digest('hex').slice(0, 32);

/** Who may publish or correct a topic: park-wide → park admins; a branch's → its secretaries and park admins. */
const publishes = (t: TopicDoc, p: PersonDoc) => t.parkId === p.parkId && (t.scope === 'park' ? p.parkAdmin : managesBranch(p, t.branchId!));

async function publishedTopic(me: PersonDoc, topicId: string): Promise<TopicDoc> {
  const t = await topicOfPark(me, topicId);
  if (!publishes(t, me)) throw new ActionError('FORBIDDEN', { message: t.scope === 'park' ? '全园区专题只能由园区党委管理员修改' : '只能修改本支部的专题' });
  return t;
}

/** The quiz decides completion: once anyone answered it or completed the topic, it stays as it is. */
async function quizLocked(t: TopicDoc): Promise<boolean> {
  const [answered, completed] = await Promise.all([
    db.collection(C.topicProgress).where({ topicId: t._id, quizAttempts: _.gt(0) }).limit(1).get(),
    db.collection(C.topicProgress).where({ topicId: t._id, completedAt: _.neq(null) }).limit(1).get(),
  ]);
  return answered.data.length > 0 || completed.data.length > 0;
}

type Quiz = TopicDoc['quiz'];
/** What decides a score, independent of key order as stored (the database need not keep it). */
const scoring = (q: NonNullable<Quiz>) => JSON.stringify([q.passMark, q.questions.map((x) => [x.text, x.kind, x.choices, [...x.answer].sort((m, n) => m - n)])]);
const sameQuestions = (a: Quiz, b: Quiz) => (a === null || b === null ? a === b : scoring(a) === scoring(b));

export const publishHandlers: Pick<H, 'topics.create' | 'topics.draft' | 'topics.update'> = {
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
      const pending = Object.keys(assigned);
      const topic: TopicDoc = {
        _id: publicationId(me, input), parkId: me.parkId, scope: input.scope, branchId: input.branchId ?? null, month: input.month, title: input.title,
        deadline: input.deadline, materials: input.materials, noteMinLength: input.noteMinLength, quiz: input.quiz, assigned,
        countersPending: pending, countersDone: pending.length === 0, createdBy: byOf(me), createdAt: now, editedBy: null, editedAt: null,
      };
      const published = await withConflictRetry(async (tx) => {
        const found = await txGet<TopicDoc>(tx, C.topics, topic._id);
        if (found) return { ...found, _id: topic._id }; // published already: this is a repeat of that call
        const { _id, ...rest } = topic;
        await tx.collection(C.topics).doc(_id).set(rest);
        await audit(me, 'topics.create', _id, { title: topic.title, scope: topic.scope, branchId: topic.branchId, month: topic.month }, now, tx);
        return topic;
      });
      if (published.editedAt) throw new ActionError('CONFLICT', { message: '这个专题已经发布过，之后又修改过，请在学习专题里查看' });
      try {
        if (!published.countersDone) await settleTopicCounters(published);
      } catch (e) {
        // Published all the same: the timer records the rest within minutes.
        console.error(`topic ${published._id}: counters left to the timer:`, e);
      }
      return { topic: topicSummary(published, now, null, false), assignedMembers: Object.values(published.assigned).reduce((a, b) => a + b, 0) };
    },
  },

  'topics.draft': {
    access: MANAGERS,
    handler: async ({ topicId }, { person: me, now }) => {
      const t = await publishedTopic(me, topicId);
      return {
        topic: topicSummary(t, now, null, false),
        content: { title: t.title, deadline: t.deadline, materials: t.materials, noteMinLength: t.noteMinLength, quiz: t.quiz },
        quizLocked: await quizLocked(t),
      };
    },
  },

  'topics.update': {
    access: MANAGERS,
    handler: async ({ topicId, ...next }, { person: me, now }) => {
      const t = await publishedTopic(me, topicId);
      if (next.deadline.slice(0, 7) < t.month) throw invalid('deadline', `截止日期不能早于专题所在月份（${t.month}）`);
      if (next.deadline !== t.deadline && next.deadline < chinaDateString(now)) throw invalid('deadline', '新的截止日期不能早于今天');
      const quizChanged = !sameQuestions(t.quiz, next.quiz);
      const attemptsLowered = t.quiz !== null && next.quiz !== null && next.quiz.maxAttempts < t.quiz.maxAttempts;
      if ((quizChanged || attemptsLowered) && (await quizLocked(t))) {
        throw new ActionError('CONFLICT', { message: '已有党员答过测验或完成了学习，测验的题目、答案和及格线不能再改，次数只能增加；其他内容可以修改' });
      }
      const changed = (['title', 'deadline', 'materials', 'noteMinLength', 'quiz'] as const).filter((k) => JSON.stringify(t[k]) !== JSON.stringify(next[k]));
      if (changed.length === 0) return { topic: topicSummary(t, now, null, false) };
      const updated = await runTransaction(async (tx) => {
        const cur = await txGet<TopicDoc>(tx, C.topics, t._id);
        if (!cur) throw new ActionError('NOT_FOUND', { message: '没有找到这个专题' });
        const doc: TopicDoc = { ...cur, ...next, _id: t._id, editedBy: byOf(me), editedAt: now };
        const { _id, ...rest } = doc;
        // Written whole: update() cannot replace a null quiz with an object.
        await tx.collection(C.topics).doc(_id).set(rest);
        await audit(me, 'topics.update', _id, { title: doc.title, changed }, now, tx);
        return doc;
      });
      return { topic: topicSummary(updated, now, null, false) };
    },
  },
};
