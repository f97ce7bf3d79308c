// 我的信息 (user.myData): everything kept about the caller, one section per kind of information of the
// privacy notice (shared/privacy.ts), as label/value lines the page shows and the export writes.
//
// Adding a kind of record (volunteer hours, pledges…) is adding its key to the notice and a loader
// here: LOADERS is keyed by every kind, so the type-checker asks for it. Every read is bounded and
// complete (readAll pages after the last _id: no silent 1,000 cut-off) and by the caller's own id, so
// nothing about anyone else is read except names already written into the caller's records.
import type { userContract } from '../../../shared/contract/user';
import type { MyDataSection } from '../../../shared/contract/user';
import { MEMBER_TYPE_LABELS, POST_KIND_LABELS } from '../../../shared/contract/labels';
import { ROLE_LABELS } from '../../../shared/contract/roles';
import { MEETING_KIND_LABELS } from '../../../shared/contract/study';
import { periodLabel } from '../../../shared/periods';
import { POINT_ITEM_LABELS } from '../../../shared/points';
import { PRIVACY_DATA, type PrivacyDataKey, privacyVersionLabel } from '../../../shared/privacy';
import { rolesOf } from '../../_lib/caller';
import { C, readAll } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import type { AttendanceDoc, BranchDoc, InboxDoc, InviteDoc, LedgerDoc, MeetingDoc, NoteDoc, ParkDoc, PersonDoc, ProgressDoc, TopicDoc, TransferDoc } from '../../_lib/types';
import type { ActivityDoc, CertificateDoc, CorrectionDoc, MakeupDoc, RegistrationDoc } from '../../volunteer/types';
import type { PledgeDoc, PledgeRatingDoc } from '../../pledge/types';
import { PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS, PLEDGE_TERM_LABELS, RATING_LABELS } from '../../../shared/contract/pledge';
import type { DecisionDoc, RatingDoc } from '../../review/types';
import { REVIEW_GRADE_LABELS, REVIEW_ROLE_LABELS } from '../../../shared/contract/review';
import { REMINDER_KINDS } from '../../../shared/reminders';
import { RC, type OutboxStatus, type ReminderDoc, type SubscriberDoc } from '../../_lib/reminders';
import { auditAboutMe } from './my-data-audit';
import { byIds, when } from './my-data-read';

type Item = MyDataSection['items'][number];
type Loader = (me: PersonDoc, now: Date) => Promise<Item[]>;

/** "label: value" lines, skipping the ones without a value. */
const fields = (pairs: Array<[string, string | null | undefined]>) =>
  pairs.filter((p): p is [string, string] => typeof p[1] === 'string' && p[1] !== '').map(([label, value]) => ({ label, value }));

// ---- the loaders ----

const roster: Loader = async (me) => {
  const [park, branches, transfers] = await Promise.all([
    byIds<ParkDoc>(C.parks, [me.parkId]),
    byIds<BranchDoc>(C.branches, [me.branchId, ...me.secretaryOf]),
    readAll<TransferDoc>(C.transfers, { personId: me._id }, { fromBranchId: true, toBranchId: true, toOrganization: true, reason: true, by: true, at: true }),
  ]);
  const branch = branches.get(me.branchId);
  const group = me.groupId ? (branch?.groups.find((g) => g.id === me.groupId)?.name ?? '（已撤销的党小组）') : '不分党小组';
  const member = me.memberType !== 'none';
  const roles = [...rolesOf(me)].map((r) =>
    r === 'secretary' ? `${ROLE_LABELS[r]}（${me.secretaryOf.map((b) => branches.get(b)?.name ?? '已撤销的支部').join('、')}）` : ROLE_LABELS[r],
  );
  const posts = (me.posts ?? []).map((p) => `${POST_KIND_LABELS[p.kind]}：${p.title}`);
  const entry: Item = {
    title: '名册登记',
    fields: fields([
      ['姓名', me.name],
      ['手机号', me.phone],
      ['园区', park.get(me.parkId)?.name ?? ''],
      ['支部', branch?.name ?? '（已撤销的支部）'],
      ['党小组', group],
      ['类别', MEMBER_TYPE_LABELS[me.memberType]],
      ['入党日期', member ? (me.joinedPartyOn ?? '未登记') : null],
      ['转正日期', me.memberType === 'full' ? (me.fullMemberOn ?? '未登记') : null],
      ['党员先锋岗、示范岗', member ? (posts.join('；') || '无') : null],
      ['责任区', me.responsibilityArea || '无'],
      ['身份和职务', roles.join('、')],
      ['公开个人积分排名', me.pointsOptIn ? '同意' : '不同意'],
      ['登记时间', when(me.createdAt)],
    ]),
  };
  const names = await byIds<BranchDoc>(C.branches, transfers.flatMap((t) => [t.fromBranchId, ...(t.toBranchId ? [t.toBranchId] : [])]), { name: true });
  const branchName = (id: string) => names.get(id)?.name ?? '（已撤销的支部）';
  const moves = transfers
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .map((t): Item => ({
      title: '组织关系转接',
      fields: fields([
        ['时间', when(t.at)],
        ['转出', branchName(t.fromBranchId)],
        ['转入', t.toBranchId ? branchName(t.toBranchId) : (t.toOrganization ?? '')],
        ['原因', t.reason],
        ['经办人', t.by.name],
      ]),
    }));
  return [entry, ...moves];
};

const INVITE_STATE = (i: InviteDoc, now: Date) =>
  i.usedAt ? `已使用（${when(i.usedAt)}）` : i.revokedAt ? '已作废' : new Date(i.expiresAt) <= now ? '已过期' : `有效，${when(i.expiresAt)} 前可用`;

const binding: Loader = async (me, now) => {
  const invites = await readAll<InviteDoc>(C.invites, { personId: me._id }, { createdAt: true, expiresAt: true, usedAt: true, revokedAt: true });
  return [
    {
      title: '绑定情况',
      fields: fields([
        ['状态', me.openid ? '已绑定本微信' : '未绑定'],
        ['绑定时间', when(me.boundAt)],
        ['同意个人信息保护说明', me.privacyConsent ? `${privacyVersionLabel(me.privacyConsent.version)}版，${when(me.privacyConsent.at)}同意` : '绑定时还没有这份说明'],
      ]),
    },
    // The codes themselves are not shown (nor kept in any log): only that they were made and what became of them.
    ...invites
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      .map((i): Item => ({ title: '绑定邀请码', fields: fields([['生成时间', when(i.createdAt)], ['状态', INVITE_STATE(i, now)]]) })),
  ];
};

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const points: Loader = async (me) => {
  const ledger = await readAll<LedgerDoc>(C.pointsLedger, { personId: me._id }, { item: true, kind: true, points: true, capped: true, note: true, reason: true, at: true, year: true });
  if (!ledger.length) return [];
  const byYear = new Map<string, number>();
  let total = 0;
  for (const e of ledger) {
    total += e.points;
    byYear.set(e.year, (byYear.get(e.year) ?? 0) + e.points);
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  const summary: Item = {
    title: '积分合计',
    fields: [{ label: '全部', value: `${round(total)} 分` }, ...[...byYear].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([y, n]) => ({ label: `${y}年`, value: `${round(n)} 分` }))],
  };
  const entries = ledger
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .map((e): Item => ({
      title: `${POINT_ITEM_LABELS[e.item]}${e.kind === 'reversal' ? '（更正）' : ''}`,
      fields: fields([
        ['时间', when(e.at)],
        ['积分', `${signed(e.points)} 分${e.capped && e.kind === 'award' ? '（已达上限）' : ''}`],
        ['事由', e.note],
        ['更正原因', e.reason],
      ]),
    }));
  return [summary, ...entries];
};

const NOTE_STATE = { accepted: '已通过', pending: '等待书记审阅', rejected: '未通过，可以重写' } as const;

const study: Loader = async (me) => {
  const [progress, notes] = await Promise.all([
    readAll<ProgressDoc>(C.topicProgress, { personId: me._id }, { topicId: true, month: true, readAt: true, note: true, quizAttempts: true, quizBest: true, quizPassed: true, completedAt: true }),
    readAll<NoteDoc>(C.notes, { personId: me._id }, { topicId: true, text: true, status: true, reply: true, reviewedBy: true, submittedAt: true }),
  ]);
  const topics = await byIds<TopicDoc>(C.topics, [...progress, ...notes].map((d) => d.topicId), { title: true, month: true, quiz: true });
  const title = (id: string) => topics.get(id)?.title ?? '（专题已删除）';
  const progressItems = progress
    .sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0))
    .map((p): Item => {
      const quiz = topics.get(p.topicId)?.quiz;
      return {
        title: title(p.topicId),
        fields: fields([
          ['月份', periodLabel(p.month)],
          ['阅读', p.readAt ? `已读（${when(p.readAt)}）` : '未读'],
          ['学习心得', p.note ? NOTE_STATE[p.note] : '未写'],
          ['测验', quiz ? `答了 ${p.quizAttempts} 次，最好答对 ${p.quizBest} / ${quiz.questions.length} 题，${p.quizPassed ? '合格' : '未合格'}` : '本期没有测验'],
          ['完成', p.completedAt ? `已完成（${when(p.completedAt)}）` : '未完成'],
        ]),
      };
    });
  const noteItems = notes
    .sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime())
    .map((n): Item => ({
      title: `学习心得：${title(n.topicId)}`,
      fields: fields([
        ['提交时间', when(n.submittedAt)],
        ['状态', NOTE_STATE[n.status]],
        ['内容', n.text],
        ['书记回复', n.reply],
        ['审阅人', n.reviewedBy?.name],
      ]),
    }));
  return [...progressItems, ...noteItems];
};

const attendance: Loader = async (me) => {
  const rows = await readAll<AttendanceDoc>(C.attendance, { personId: me._id }, { meetingId: true, at: true });
  const meetings = await byIds<MeetingDoc>(C.meetings, rows.map((r) => r.meetingId), { title: true, kind: true, date: true, place: true });
  return rows
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .map((r): Item => {
      const m = meetings.get(r.meetingId);
      return {
        title: m?.title ?? '（活动已删除）',
        fields: fields([['类别', m ? MEETING_KIND_LABELS[m.kind] : null], ['日期', m?.date], ['地点', m?.place], ['签到时间', when(r.at)]]),
      };
    });
};

const SENT: Record<OutboxStatus, string> = { pending: '等待发送', sent: '已通过微信发出', inboxOnly: '没有可用次数，只在消息里', optedOut: '您关掉了这种提醒，只在消息里', failed: '微信没有发出，只在消息里', uncertain: '不确定是否发出，在消息里' };

/** The inbox, then the WeChat reminders: how many sends are left per reminder, which are off, and each one's fate. */
const inbox: Loader = async (me) => {
  const [rows, sends, subscriber] = await Promise.all([
    readAll<InboxDoc>(C.inbox, { personId: me._id }, { title: true, body: true, at: true, read: true }),
    readAll<ReminderDoc>(RC.outbox, { personId: me._id }, { kind: true, status: true, createdAt: true, sentAt: true }),
    byIds<SubscriberDoc>(RC.subscribers, [me._id], { quota: true, off: true }),
  ]);
  const mine = subscriber.get(me._id);
  const kindLabel = (k: string) => (REMINDER_KINDS as Record<string, { label: string }>)[k]?.label ?? '提醒';
  return [
    ...rows
      .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
      .map((m): Item => ({ title: m.title, fields: fields([['内容', m.body], ['时间', when(m.at)], ['状态', m.read ? '已读' : '未读']]) })),
    ...(mine ? [{ title: '微信消息提醒设置', fields: fields([['还能接收', `${Object.values(mine.quota).reduce((a, b) => a + b, 0)} 次`], ['关掉的提醒', mine.off.map(kindLabel).join('、')]]) }] : []),
    ...sends
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      .map((r): Item => ({ title: `微信提醒：${kindLabel(r.kind)}`, fields: fields([['时间', when(r.createdAt)], ['发送情况', SENT[r.status]], ['发出时间', r.sentAt ? when(r.sentAt) : null]]) })),
  ];
};

/** Volunteer service: sign-ups with their times and hours, make-ups, corrections, certificates. */
const volunteer: Loader = async (me) => {
  const [regs, makeups, corrections, certificates] = await Promise.all([
    readAll<RegistrationDoc>(C.volunteerRegistrations, { personId: me._id }, { activityId: true, shiftStart: true, shiftEnd: true, status: true, signedInAt: true, signedOutAt: true, confirmedHours: true, manualReason: true }),
    readAll<MakeupDoc>(C.volunteerMakeups, { personId: me._id }, { title: true, date: true, hours: true, status: true, reason: true, evidence: true, countedHours: true }),
    readAll<CorrectionDoc>(C.volunteerCorrections, { personId: me._id }, { title: true, reason: true, status: true, hoursBefore: true, hoursAfter: true, answer: true, at: true }),
    readAll<CertificateDoc>(C.volunteerCertificates, { personId: me._id }, { number: true, status: true, hours: true, issuer: true, requestedAt: true, issuedAt: true, revokedReason: true }),
  ]);
  const activities = await byIds<ActivityDoc>(C.volunteerActivities, regs.map((r) => r.activityId), { title: true, place: true });
  const STATUS = { registered: '已报名', waitlist: '候补', cancelled: '已取消' } as const;
  const MAKEUP = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;
  const CORRECTION = { open: '待处理', accepted: '已更正', answered: '已答复' } as const;
  const CERT = { requested: '已申请', issued: '已出具', declined: '未出具', revoked: '已撤销' } as const;
  return [
    ...regs.sort((a, b) => new Date(b.shiftStart).getTime() - new Date(a.shiftStart).getTime()).map((r): Item => ({
      title: `志愿服务：${activities.get(r.activityId)?.title ?? '（活动已删除）'}`,
      fields: fields([
        ['班次', `${when(r.shiftStart)} 至 ${when(r.shiftEnd)}`], ['地点', activities.get(r.activityId)?.place], ['状态', STATUS[r.status]],
        ['签到', r.signedInAt ? when(r.signedInAt) : null], ['签退', r.signedOutAt ? when(r.signedOutAt) : null],
        ['确认时长（信用时数）', r.confirmedHours === null ? null : `${r.confirmedHours} 小时`], ['手工登记原因', r.manualReason],
      ]),
    })),
    ...makeups.map((m): Item => ({ title: `补录：${m.title}`, fields: fields([['日期', m.date], ['时长', `${m.countedHours ?? m.hours} 小时`], ['状态', MAKEUP[m.status]], ['原因', m.reason], ['证明', m.evidence]]) })),
    ...corrections.map((c): Item => ({ title: `更正申请：${c.title}`, fields: fields([['提出时间', when(c.at)], ['理由', c.reason], ['状态', CORRECTION[c.status]], ['原时长', `${c.hoursBefore} 小时`], ['更正后', c.hoursAfter === null ? null : `${c.hoursAfter} 小时`], ['答复', c.answer]]) })),
    ...certificates.map((c): Item => ({
      title: `志愿服务证明${c.number ? ` ${c.number}` : ''}`,
      fields: fields([['状态', CERT[c.status]], ['申请时间', when(c.requestedAt)], ['出具时间', c.issuedAt ? when(c.issuedAt) : null], ['出具单位', c.issuer?.name], ['时长', c.hours ? `信用 ${c.hours.credit} 小时、补录 ${c.hours.makeup} 小时` : null], ['撤销原因', c.revokedReason]]),
    })),
  ];
};

/** Pledges: my items (never who rated them: counts only) and the ratings I gave (the item's person and content). */
const pledges: Loader = async (me) => {
  const [items, given] = await Promise.all([
    readAll<PledgeDoc>(C.pledges, { personId: me._id }, { scope: true, kind: true, what: true, howSeen: true, dueOn: true, term: true, status: true, comment: true, claimNote: true, unfulfilledReason: true, withdrawReason: true, progress: true, ratings: true, createdAt: true }),
    readAll<PledgeRatingDoc>(C.pledgeRatings, { raterId: me._id }, { pledgeId: true, rating: true, comment: true, at: true }),
  ]);
  const rated = await byIds<PledgeDoc>(C.pledges, given.map((r) => r.pledgeId), { personName: true, what: true });
  return [
    ...items.sort((a, b) => (a.dueOn < b.dueOn ? 1 : -1)).map((p): Item => ({
      title: `${p.scope === 'branch' ? '支部承诺（责任人）' : '承诺'}：${p.what}`,
      fields: fields([
        ['类别', PLEDGE_KIND_LABELS[p.kind]], ['践诺标准', p.howSeen], ['期限', p.dueOn], ['类型', PLEDGE_TERM_LABELS[p.term]], ['状态', PLEDGE_STATUS_LABELS[p.status]],
        ['审核意见', p.comment], ['践诺情况', p.claimNote], ['未践诺原因', p.unfulfilledReason], ['撤回原因', p.withdrawReason],
        ['进展', p.progress.length ? p.progress.map((n) => `${when(n.at)} ${n.text}`).join('；') : null],
        ['评价', p.ratings.satisfied + p.ratings.basic + p.ratings.unsatisfied ? `满意 ${p.ratings.satisfied}、基本满意 ${p.ratings.basic}、不满意 ${p.ratings.unsatisfied}` : null],
      ]),
    })),
    ...given.map((r): Item => ({ title: `我的评价：${rated.get(r.pledgeId)?.personName ?? ''}的承诺`, fields: fields([['承诺', rated.get(r.pledgeId)?.what], ['评价', RATING_LABELS[r.rating]], ['评语', r.comment], ['时间', when(r.at)]]) })),
  ];
};

/** 三评议: the branch's decisions on me (never who rated: the votes only) and the ratings I gave. */
const review: Loader = async (me) => {
  const [decisions, given] = await Promise.all([
    readAll<DecisionDoc>(C.reviewDecisions, { memberId: me._id }, { reviewId: true, grade: true, note: true, votes: true, at: true }),
    readAll<RatingDoc>(C.reviewRatings, { raterId: me._id }, { reviewId: true, memberId: true, role: true, grade: true, comment: true, at: true }),
  ]);
  const people = await byIds<PersonDoc>(C.people, given.map((r) => r.memberId), { name: true });
  const year = (reviewId: string) => reviewId.split('|').pop() ?? '';
  return [
    ...decisions.map((d): Item => ({ title: `${year(d.reviewId)}年度三评议`, fields: fields([['支部评定', REVIEW_GRADE_LABELS[d.grade]], ['说明', d.note], ['评定时间', when(d.at)]]) })),
    ...given.map((r): Item => ({
      title: `我的评议：${people.get(r.memberId)?.name ?? '一名党员'}（${year(r.reviewId)}年度）`,
      fields: fields([['身份', REVIEW_ROLE_LABELS[r.role]], ['等级', REVIEW_GRADE_LABELS[r.grade]], ['评语', r.comment], ['时间', when(r.at)]]),
    })),
  ];
};

/** One loader per kind of information in the notice (the type-checker asks for a new kind's loader). */
const LOADERS: Record<PrivacyDataKey, Loader> = {
  roster,
  binding,
  points,
  study,
  attendance,
  inbox,
  audit: auditAboutMe,
  volunteer,
  pledges,
  review,
};

export const myData: Handlers<typeof userContract>['myData'] = {
  access: 'bound',
  handler: async (_input, { person: me, now }) => {
    const sections = await Promise.all(
      PRIVACY_DATA.map(async (d) => ({
        key: d.key,
        title: d.title,
        note: d.who === '—' ? d.what : `谁能看到：${d.who}`,
        items: await LOADERS[d.key](me, now),
        none: d.none,
      })),
    );
    return { name: me.name, generatedAt: now.toISOString(), sections };
  },
};
