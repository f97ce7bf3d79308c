// A member's tasks on a topic: I have read the materials, my note (content-checked), a quiz attempt.
import type { studyContract } from '../../../shared/contract/study';
import { C, getDoc, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { NoteDoc } from '../../_lib/types';
import { changeProgress, invalid, myTopic, progressId, progressView, requireOpen, secCheck } from './helpers';

type H = Handlers<typeof studyContract>;
const MEMBERS = ['member'] as const;

const sameSet = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const noteTaken = () => new ActionError('CONFLICT', { message: '您已经提交过这个专题的心得' });

export const taskHandlers: Pick<H, 'topics.markRead' | 'notes.submit' | 'quiz.submit'> = {
  'topics.markRead': {
    access: MEMBERS,
    handler: async ({ topicId }, { person: me, now }) => {
      const t = await myTopic(me, topicId);
      requireOpen(t, now);
      const { progress, pointsAwarded, points } = await changeProgress(t, me, now, (p) => {
        p.readAt ??= now;
      });
      const note = await getDoc<NoteDoc>(C.notes, progressId(t._id, me._id));
      return { progress: progressView(t, progress, note), pointsAwarded, points };
    },
  },

  'notes.submit': {
    access: MEMBERS,
    rate: 'content',
    handler: async ({ topicId, text }, { person: me, caller, now }) => {
      const t = await myTopic(me, topicId);
      requireOpen(t, now);
      const length = [...text.replace(/\s/g, '')].length;
      if (length < t.noteMinLength) throw invalid('text', `心得至少 ${t.noteMinLength} 字（现在 ${length} 字）`);
      const id = progressId(t._id, me._id);
      const before = await getDoc<NoteDoc>(C.notes, id);
      if (before && before.status !== 'rejected') throw noteTaken();
      const suggest = await secCheck(caller.openid, text);
      if (suggest === 'risky') throw new ActionError('CONTENT_RISKY');
      const status = suggest === 'pass' ? 'accepted' : 'pending';
      const { progress, result: note, pointsAwarded, points } = await changeProgress(t, me, now, async (p, tx) => {
        const old = await txGet<NoteDoc>(tx, C.notes, id);
        if (old && old.status !== 'rejected') throw noteTaken();
        const note: NoteDoc = {
          _id: id, topicId: t._id, parkId: t.parkId, branchId: p.branchId, personId: me._id, name: me.name, text, status,
          reply: null, reviewedBy: null, submittedAt: now, updatedAt: now,
        };
        const { _id, ...rest } = note;
        await tx.collection(C.notes).doc(_id).set(rest);
        p.note = status;
        return note;
      });
      return { progress: progressView(t, progress, note), pointsAwarded, points, held: status === 'pending' };
    },
  },

  'quiz.submit': {
    access: MEMBERS,
    handler: async ({ topicId, answers }, { person: me, now }) => {
      const t = await myTopic(me, topicId);
      const quiz = t.quiz;
      if (!quiz) throw new ActionError('NOT_FOUND', { message: '这个专题没有测验' });
      requireOpen(t, now);
      if (answers.length !== quiz.questions.length) throw invalid('answers', `请回答全部 ${quiz.questions.length} 道题`);
      answers.forEach((a, i) => {
        const q = quiz.questions[i]!;
        if (a.some((c) => c >= q.choices.length) || new Set(a).size !== a.length) throw invalid('answers', `第 ${i + 1} 题的选项不对`);
        if (q.kind === 'single' ? a.length !== 1 : a.length === 0) throw invalid('answers', `第 ${i + 1} 题${q.kind === 'single' ? '只能选一个' : '至少选一个'}`);
      });
      const correct = quiz.questions.map((q, i) => sameSet(q.answer, answers[i]!));
      const score = correct.filter(Boolean).length;
      const passed = score >= quiz.passMark;
      const { progress, result: over, pointsAwarded, points } = await changeProgress(t, me, now, (p) => {
        if (p.quizPassed) throw new ActionError('CONFLICT', { message: '您已通过这个测验' });
        if (p.quizAttempts >= quiz.maxAttempts) throw new ActionError('QUIZ_NO_ATTEMPTS');
        p.quizAttempts += 1;
        p.quizBest = Math.max(p.quizBest, score);
        p.quizPassed = passed;
        return passed || p.quizAttempts >= quiz.maxAttempts;
      });
      const note = await getDoc<NoteDoc>(C.notes, progressId(t._id, me._id));
      return {
        progress: progressView(t, progress, note),
        pointsAwarded,
        points,
        score,
        passed,
        // The correct choices only once the quiz is over for this member: otherwise a retry would just copy them.
        results: quiz.questions.map((q, i) => ({ correct: correct[i]!, correctChoices: over ? [...q.answer] : null })),
      };
    },
  },
};
