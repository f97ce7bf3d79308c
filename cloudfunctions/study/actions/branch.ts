// The secretary's view of a topic in their branch: completion, who has not finished, reminders, notes.
import type { studyContract } from '../../../shared/contract/study';
import { chinaDateString } from '../../../shared/time';
import { C, _, db, getDoc, txGet } from '../../_lib/db';
import { raiseReminderInTx, reachesByWechat, subscribersOf } from '../../_lib/reminders';
import { REMINDER_FIELDS } from '../../../shared/reminders';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { withConflictRetry } from '../../_lib/points';
import { spendRate } from '../../_lib/rate-limit';
import type { InboxDoc, NoteDoc, PersonDoc, ProgressDoc, TopicDoc } from '../../_lib/types';
import {
  MAX_READ, appliesToBranch, branchMembers, rate, branchOfPark, byOf, changeProgress, noteRow, requireManages, requireOpen, secCheck, topicOfPark,
} from './helpers';

type H = Handlers<typeof studyContract>;
const MANAGERS = ['secretary', 'parkAdmin'] as const;

/** The topic and branch, if the caller manages the branch and the topic is for it. */
async function managedTopic(me: PersonDoc, topicId: string, branchId: string): Promise<TopicDoc> {
  const b = await branchOfPark(me, branchId);
  requireManages(me, b._id, '只能查看本支部的学习情况');
  const t = await topicOfPark(me, topicId);
  if (!appliesToBranch(t, b._id)) throw new ActionError('NOT_FOUND', { message: '这个专题不是本支部的' });
  return t;
}

async function branchProgress(t: TopicDoc, branchId: string) {
  const [members, progress] = await Promise.all([
    branchMembers(branchId),
    db.collection(C.topicProgress).where({ topicId: t._id, branchId }).limit(MAX_READ).get(),
  ]);
  const byPerson = new Map((progress.data as ProgressDoc[]).map((p) => [p.personId, p]));
  const rows = members.map((m) => {
    const p = byPerson.get(m._id);
    return { personId: m._id, name: m.name, read: !!p?.readAt, note: p?.note ?? null, quizPassed: !!p?.quizPassed, completed: !!p?.completedAt, bound: !!m.openid };
  });
  return { members: rows.length, finished: rows.filter((r) => r.completed), notFinished: rows.filter((r) => !r.completed) };
}

/** Who a one-tap reminder reaches now: bound and not finished, less those reminded today; their reminder subscriptions. */
async function remindPlan(me: PersonDoc, topicId: string, branchId: string, now: Date) {
  const t = await managedTopic(me, topicId, branchId);
  requireOpen(t, now);
  const { notFinished: all } = await branchProgress(t, branchId);
  const day = chinaDateString(now);
  // Someone who never bound WeChat cannot open the app: no message can reach them, and the reply names them.
  const bound = all.filter((r) => r.bound);
  const unreachable = all.filter((r) => !r.bound).map((r) => r.name);
  const ids = bound.map((r) => `${t._id}|${r.personId}|${day}`);
  const { data } = ids.length ? await db.collection(C.inbox).where({ _id: _.in(ids) }).field({ _id: true }).limit(MAX_READ).get() : { data: [] };
  const today = new Set((data as Array<{ _id: string }>).map((d) => d._id));
  const reach = bound.filter((r) => !today.has(`${t._id}|${r.personId}|${day}`));
  const already = bound.filter((r) => today.has(`${t._id}|${r.personId}|${day}`));
  return { t, day, reach, already, unreachable, subs: await subscribersOf(reach.map((r) => r.personId)) };
}

export const branchHandlers: Pick<H, 'topics.progress' | 'topics.remind' | 'topics.remindPreview' | 'notes.list' | 'notes.review'> = {
  'topics.progress': {
    access: MANAGERS,
    handler: async ({ topicId, branchId }, { person: me }) => {
      const t = await managedTopic(me, topicId, branchId);
      const r = await branchProgress(t, branchId);
      return { members: r.members, completed: r.finished.length, rate: rate(r.finished.length, r.members), notFinished: r.notFinished, finished: r.finished };
    },
  },

  'topics.remind': {
    access: MANAGERS,
    rate: 'reminders',
    handler: async ({ topicId, branchId }, { person: me, now }) => {
      const { t, day, reach, already, unreachable } = await remindPlan(me, topicId, branchId, now);
      // One message per topic, person and China day: deterministic ids, inbox and outbox written in one transaction.
      // The outbox row goes through the remind timer like every reminder (quota, digest, quiet hours, exactly once).
      return withConflictRetry(async (tx) => {
        let reminded = 0;
        const reached: string[] = [];
        const existing = await Promise.all(reach.map((r) => txGet<InboxDoc>(tx, C.inbox, `${t._id}|${r.personId}|${day}`)));
        for (const [i, r] of reach.entries()) {
          if (existing[i]) continue;
          const msg: InboxDoc = {
            _id: `${t._id}|${r.personId}|${day}`, parkId: me.parkId, personId: r.personId, kind: 'studyReminder', title: `学习提醒：${t.title}`,
            body: `${me.name}提醒您在 ${t.deadline} 前完成本月专题学习。`, topicId: t._id, at: now, read: false,
          };
          await tx.collection(C.inbox).add(msg);
          await raiseReminderInTx(tx, {
            parkId: me.parkId, personId: r.personId, kind: 'topicNudge', occasion: `${t._id}|${day}`, page: `packages/study/pages/topic/index?topicId=${encodeURIComponent(t._id)}`,
            fields: REMINDER_FIELDS.topicNudge({ title: t.title, deadline: t.deadline, from: me.name }), inbox: { existing: msg._id },
          }, now);
          reminded++;
          reached.push(r.name);
        }
        return { reminded, alreadyToday: reach.length - reminded + already.length, reached, unreachable };
      });
    },
  },

  'topics.remindPreview': {
    access: MANAGERS,
    handler: async ({ topicId, branchId }, { person: me, now }) => {
      const { reach, already, unreachable, subs } = await remindPlan(me, topicId, branchId, now);
      const wechat = reach.filter((r) => reachesByWechat('topicNudge', subs.get(r.personId) ?? null, 'bound'));
      return {
        toRemind: reach.map((r) => r.name),
        wechat: wechat.map((r) => r.name),
        inboxOnly: reach.filter((r) => !wechat.includes(r)).map((r) => r.name),
        alreadyToday: already.map((r) => r.name),
        unreachable,
      };
    },
  },

  'notes.list': {
    access: MANAGERS,
    handler: async ({ topicId, branchId }, { person: me }) => {
      const t = await managedTopic(me, topicId, branchId);
      const { data } = await db.collection(C.notes).where({ topicId: t._id, branchId }).limit(MAX_READ).get();
      const order = { pending: 0, accepted: 1, rejected: 2 } as const;
      const notes = (data as NoteDoc[]).sort((a, b) => order[a.status] - order[b.status] || +new Date(a.submittedAt) - +new Date(b.submittedAt) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { notes: notes.map(noteRow) };
    },
  },

  'notes.review': {
    access: MANAGERS,
    handler: async ({ noteId, decision, reply }, { person: me, caller, now }) => {
      const note = await getDoc<NoteDoc>(C.notes, noteId);
      if (!note || note.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这篇心得' });
      requireManages(me, note.branchId, '只能审阅本支部的心得');
      if (decision && note.status !== 'pending') throw new ActionError('CONFLICT', { message: '这篇心得不在待审状态' });
      // A reply is text the member reads (a limit and a content check); a decision alone is neither.
      if (reply !== undefined) await spendRate('content', me._id, now);
      if (reply !== undefined && (await secCheck(caller.openid, reply)) !== 'pass') throw new ActionError('CONTENT_RISKY', { message: '回复内容未通过内容安全检查，请修改' });
      const t = await topicOfPark(me, note.topicId);
      const member = { _id: note.personId, name: note.name, branchId: note.branchId };
      const { result } = await changeProgress(t, member, now, async (p, tx) => {
        const cur = await txGet<NoteDoc>(tx, C.notes, noteId);
        if (!cur) throw new ActionError('NOT_FOUND', { message: '没有找到这篇心得' });
        if (decision && cur.status !== 'pending') throw new ActionError('CONFLICT', { message: '这篇心得不在待审状态' });
        const status = decision ? (decision === 'approve' ? 'accepted' : 'rejected') : cur.status;
        const next: NoteDoc = { ...cur, _id: noteId, status, reply: reply ?? cur.reply, reviewedBy: byOf(me), updatedAt: now };
        const { _id, ...rest } = next;
        // Written whole: update() would flatten reviewedBy into dot paths under a null.
        await tx.collection(C.notes).doc(_id).set(rest);
        p.note = status;
        return next;
      }, me._id);
      return { note: noteRow(result) };
    },
  },
};
