// people.history (one person's 学习, 主题党日 / 大党课, 志愿服务 and 积分, for their page) and people.unbind
// (解除微信绑定, when someone changed WeChat). Both for the person's own secretary or a park admin, as
// their roster entry is (requireManages on the branch the person is in now).
//
// people.history reads in two rounds, 10 requests whatever the person's history: the person; then in
// parallel their branch, the topics of the last 12 months that apply to the branch (park-wide and the
// branch's own, 2 queries), their progress, the branch's meetings of the last 12 months, their
// attendance, their volunteer sign-ups, their year's points total and their last 30 ledger entries;
// then the activities' titles (1 more when they volunteered).
import type { orgContract } from '../../../shared/contract/org';
import { POINT_ITEM_LABELS } from '../../../shared/points';
import { chinaDateString, chinaFormat, iso } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { AttendanceDoc, LedgerDoc, MeetingDoc, PersonDoc, ProgressDoc, TopicDoc, TotalsDoc } from '../../_lib/types';
import type { RegistrationDoc } from '../../volunteer/types';
import { branchOfPark, enterpriseNames, invalid, personOfPark, requireManages, toPersonRow, txGet } from './helpers';

type H = Handlers<typeof orgContract>;

const HISTORY_ITEMS = 30;

export const peopleHistory: H['people.history'] = {
  access: ['secretary', 'parkAdmin'],
  async handler({ personId }, { person: me, now }) {
    const p = await personOfPark(me, personId);
    requireManages(me, p.branchId, '只能查看本支部人员的情况');
    const today = chinaDateString(now);
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const fromMonth = yearAgo.slice(0, 7);
    const member = p.memberType !== 'none';
    const get = async <T>(q: Promise<{ data: unknown[] }>) => (await q).data as T[];
    const [branch, parkTopics, branchTopics, progress, meetings, attendance, regs, totals, ledger] = await Promise.all([
      branchOfPark(me, p.branchId),
      member ? get<TopicDoc>(db.collection(C.topics).where({ parkId: me.parkId, scope: 'park', month: _.gte(fromMonth) }).field({ title: true, month: true, scope: true, parkId: true }).orderBy('month', 'desc').limit(24).get()) : Promise.resolve([]),
      member ? get<TopicDoc>(db.collection(C.topics).where({ branchId: p.branchId, month: _.gte(fromMonth) }).field({ title: true, month: true, scope: true, parkId: true }).orderBy('month', 'desc').limit(24).get()) : Promise.resolve([]),
      get<ProgressDoc>(db.collection(C.topicProgress).where({ personId: p._id, month: _.gte(fromMonth) }).field({ topicId: true, readAt: true, note: true, quizAttempts: true, completedAt: true }).orderBy('month', 'desc').limit(100).get()),
      member ? get<MeetingDoc>(db.collection(C.meetings).where({ branchId: p.branchId, date: _.and(_.gte(yearAgo), _.lte(today)) }).field({ title: true, kind: true, date: true, cancelled: true }).orderBy('date', 'desc').limit(100).get()) : Promise.resolve([]),
      get<AttendanceDoc>(db.collection(C.attendance).where({ personId: p._id }).field({ meetingId: true }).orderBy('at', 'desc').limit(200).get()),
      get<RegistrationDoc>(db.collection(C.volunteerRegistrations).where({ personId: p._id }).field({ activityId: true, shiftStart: true, status: true, confirmedHours: true }).orderBy('shiftStart', 'desc').limit(HISTORY_ITEMS).get()),
      get<TotalsDoc>(db.collection(C.pointsTotals).where({ _id: `P|${p._id}|${today.slice(0, 4)}` }).field({ points: true }).limit(1).get()),
      get<LedgerDoc>(db.collection(C.pointsLedger).where({ personId: p._id }).field({ item: true, kind: true, points: true, note: true, at: true }).orderBy('at', 'desc').limit(HISTORY_ITEMS).get()),
    ]);
    const [activities, enterprises] = await Promise.all([
      regs.length
        ? get<{ _id: string; title: string }>(db.collection(C.volunteerActivities).where({ _id: _.in([...new Set(regs.map((r) => r.activityId))]), parkId: me.parkId }).field({ title: true }).limit(HISTORY_ITEMS).get())
        : Promise.resolve([]),
      enterpriseNames(me.parkId, [p.enterpriseId]),
    ]);
    const progressOf = new Map(progress.map((x) => [x.topicId, x]));
    const topics = [...parkTopics, ...branchTopics].filter((t) => t.parkId === me.parkId).sort((a, b) => b.month.localeCompare(a.month));
    const attended = new Set(attendance.map((a) => a.meetingId));
    const title = new Map(activities.map((a) => [a._id, a.title]));
    const volunteerHours = regs.reduce((n, r) => n + (r.confirmedHours ?? 0), 0);
    return {
      person: toPersonRow(p, me, enterprises),
      branch: { id: branch._id, name: branch.name, kind: branch.kind },
      study: topics.map((t) => {
        const x = progressOf.get(t._id);
        const started = !!x && (!!x.readAt || !!x.note || x.quizAttempts > 0);
        return { topicId: t._id, title: t.title, month: t.month, park: t.scope === 'park', state: x?.completedAt ? 'done' as const : started ? 'started' as const : 'notStarted' as const, completedAt: iso(x?.completedAt) };
      }),
      meetings: meetings.filter((m) => !m.cancelled).map((m) => ({ meetingId: m._id, title: m.title, kind: m.kind, date: m.date, attended: attended.has(m._id) })),
      volunteer: {
        hours: Math.round(volunteerHours * 100) / 100,
        items: regs.map((r) => ({
          title: title.get(r.activityId) ?? '（活动已删除）',
          start: new Date(r.shiftStart).toISOString(),
          state: r.confirmedHours !== null && r.status === 'registered' ? 'confirmed' as const : r.status,
          hours: r.confirmedHours,
        })),
      },
      points: {
        total: totals[0]?.points ?? 0,
        items: ledger.map((e) => ({
          label: `${POINT_ITEM_LABELS[e.item] ?? '积分'}${e.kind === 'reversal' ? '（更正）' : ''}`,
          points: e.points,
          at: new Date(e.at).toISOString(),
          note: e.note ?? '',
        })),
      },
    };
  },
};

export const peopleUnbind: H['people.unbind'] = {
  access: ['secretary', 'parkAdmin'],
  async handler({ personId, reason }, { person: me, now }) {
    const seen = await personOfPark(me, personId);
    requireManages(me, seen.branchId, '只能为本支部的人员解除微信绑定');
    if (seen._id === me._id) throw new ActionError('FORBIDDEN', { message: '不能解除自己的微信绑定；请本支部书记或园区党委操作' });
    if (!seen.openid) throw invalid('personId', `${seen.name}还没有绑定微信，不需要解除；可以直接生成邀请码`);
    const updated = await runTransaction(async (tx) => {
      const cur = await txGet<PersonDoc>(tx, C.people, personId);
      if (!cur || cur.branchId !== seen.branchId) throw new ActionError('CONFLICT', { message: `${seen.name}的组织关系刚被他人调整，请刷新后再试` });
      if (!cur.openid) throw invalid('personId', `${seen.name}的微信绑定刚已解除`);
      // _.remove(): the openid index is unique and sparse, so the field must be gone, not null.
      await tx.collection(C.people).doc(personId).update({ openid: _.remove(), boundAt: _.remove(), privacyConsent: _.remove(), updatedAt: now });
      await audit(me, 'people.unbind', cur._id, { personName: cur.name, branchId: cur.branchId, reason, boundAt: cur.boundAt ? chinaFormat(cur.boundAt, 'YYYY-MM-DD HH:mm') : null }, now, tx);
      const { openid: _o, boundAt: _b, privacyConsent: _c, ...rest } = cur;
      return { ...rest, updatedAt: now } as PersonDoc;
    });
    return { person: toPersonRow(updated, me, await enterpriseNames(me.parkId, [updated.enterpriseId])) };
  },
};
