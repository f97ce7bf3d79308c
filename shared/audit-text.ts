// The audit log in words a park admin reads: every audited action (cloudfunctions/**: audit(me, '<action>', …))
// has a sentence here — "杨建华取消了「11月主题党日」，原因：…" — and a link to what it concerns. The function
// (org audit.list) builds them with the names it looks up; no ids, no action names reach the screen.
// test/unit/audit-text.test.ts reads the functions' source and fails when an audited action has no sentence.
import { MEMBER_TYPE_LABELS, type MemberType } from './contract/common';
import { POINT_ITEM_LABELS, type PointItem } from './points';

/** What an entry links to; the app turns it into a page (miniapp/src/packages/admin/pages/audit/entry.tsx). */
export type AuditLink =
  | { to: 'person'; personId: string; branchId: string }
  | { to: 'branch'; branchId: string }
  | { to: 'topic'; topicId: string; branchId: string | null }
  | { to: 'meetings'; branchId: string }
  | { to: 'activity'; activityId: string }
  | { to: 'enterprises' }
  | { to: 'roles' }
  | { to: 'pointsTable' };

export interface AuditFacts {
  action: string;
  actor: { name: string };
  target: string;
  detail: Record<string, unknown>;
}

/** Names the function looked up for the ids an entry carries (a missing one reads as removed). */
export interface AuditNames {
  branch: (id: string) => string;
  person: (id: string) => string;
  /** Where a person is now (their branch), for the link; null when they left the park. */
  branchOfPerson: (id: string) => string | null;
  /** The branch of a meeting (by its id or its series id); null when not found. */
  meetingBranch: (id: string) => string | null;
  /** A topic's branch (null for a park-wide one); undefined when the topic is not found. */
  topicBranch: (id: string) => string | null | undefined;
}

type D = Record<string, any>;
type Sentence = (who: string, d: D, e: AuditFacts, n: AuditNames) => string;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' && v ? v : fallback);
const quote = (v: unknown) => `「${str(v, '未命名')}」`;
const reason = (v: unknown) => (str(v) ? `，原因：${str(v)}` : '');
const hours = (v: unknown) => `${typeof v === 'number' ? Math.round(v * 100) / 100 : 0} 小时`;

const FIELD_LABELS: Record<string, string> = {
  name: '姓名', phone: '手机号', memberType: '类别', joinedPartyOn: '入党日期', fullMemberOn: '转正日期',
  groupId: '党小组', posts: '岗位', responsibilityArea: '责任区', enterpriseId: '所在企业',
  kind: '组建方式', enterpriseIds: '覆盖企业', industry: '行业', employees: '职工人数',
};
const changed = (d: D) => {
  const keys = Object.keys((d.after as D | undefined) ?? {}).map((k) => FIELD_LABELS[k] ?? '其他信息');
  return [...new Set(keys)].join('、') || '没有改动';
};

export interface RoleState { secretaryOf?: string[]; organizer?: boolean; parkAdmin?: boolean }
/** "任某支部书记，不再任志愿服务组织者": a role change in words (the audit log and 我的信息 both say it so). */
export function roleChanges(before: RoleState, after: RoleState, branch: (id: string) => string): string {
  const out: string[] = [];
  const was = new Set(before.secretaryOf ?? []);
  const now = new Set(after.secretaryOf ?? []);
  for (const b of now) if (!was.has(b)) out.push(`任${branch(b)}书记`);
  for (const b of was) if (!now.has(b)) out.push(`不再任${branch(b)}书记`);
  if (!!before.organizer !== !!after.organizer) out.push(after.organizer ? '任志愿服务组织者' : '不再任志愿服务组织者');
  if (!!before.parkAdmin !== !!after.parkAdmin) out.push(after.parkAdmin ? '任园区党委管理员' : '不再任园区党委管理员');
  return out.join('，') || '职务没有变化';
}

const MEETING_KIND: Record<string, string> = {
  partyDay: '主题党日', partyLecture: '大党课', memberAssembly: '支部党员大会', committee: '支委会', groupMeeting: '党小组会', partyClass: '党课', orgLife: '组织生活会', democraticReview: '民主评议党员',
};
const dates = (v: unknown) => (Array.isArray(v) && v.length ? (v.length > 3 ? `${v.slice(0, 3).join('、')} 等 ${v.length} 次` : v.join('、')) : '');

/** Every audited action: its sentence. Keyed by the action names the functions write. */
export const AUDIT_SENTENCES: Record<string, Sentence> = {
  // ---- org: roster and people ----
  'roster.import': (who, d, e, n) => `${who}为${str(d.branchName) || n.branch(e.target)}导入名册 ${d.count ?? 0} 人${d.fileName ? `（文件 ${d.fileName}）` : ''}`,
  'people.create': (who, d, e, n) => `${who}把${e.target}（${MEMBER_TYPE_LABELS[d.memberType as MemberType] ?? '人员'}）登记进${str(d.branchName) || n.branch(d.branchId)}的名册`,
  'people.update': (who, d, e) => `${who}修改了${e.target}的名册信息：${changed(d)}`,
  'people.unbind': (who, d, e, n) => `${who}解除了${str(d.personName) || n.person(e.target)}的微信绑定${reason(d.reason)}，可以重新发邀请码`,
  'people.leave': (who, d, e, n) => `${who}为${str(d.personName) || n.person(e.target)}办理了离开园区（${str(d.branchName) || n.branch(d.branchId)}，${str(d.leftOn)}）${reason(d.reason)}`,
  'invites.create': (who, d, _e, n) => {
    const ids: string[] = Array.isArray(d.personIds) ? d.personIds : [];
    const named = ids.slice(0, 3).map((id) => n.person(id)).join('、');
    return `${who}为${named}${ids.length > 3 ? ` 等 ${d.count ?? ids.length} 人` : ''}生成了绑定邀请码`;
  },
  'transfers.create': (who, d, e, n) => {
    const name = str(d.personName) || n.person(e.target);
    const to = d.toBranchId ? n.branch(d.toBranchId) : `园区外的${str(d.toOrganization, '组织')}`;
    return `${who}把${name}的组织关系从${n.branch(d.fromBranchId)}转到${to}${reason(d.reason)}`;
  },
  'roles.set': (who, d, e, n) => `${who}调整了${e.target}的职务：${roleChanges((d.before as RoleState) ?? {}, (d.after as RoleState) ?? {}, n.branch)}`,
  // ---- org: structure ----
  'branches.create': (who, d, e) => `${who}新建了支部${quote(e.target)}${Array.isArray(d.enterpriseIds) ? `，覆盖 ${d.enterpriseIds.length} 家企业` : ''}`,
  'branches.update': (who, d, e) => `${who}修改了支部${quote(e.target)}：${changed(d)}`,
  'groups.create': (who, d, e) => `${who}在${e.target}新建了党小组${quote((d.group as D | undefined)?.name)}`,
  'enterprises.create': (who, _d, e) => `${who}新增了企业${quote(e.target)}`,
  'enterprises.update': (who, d, e) => `${who}修改了企业${quote(e.target)}：${changed(d)}`,
  // ---- score ----
  'points.reverse': (who, d, e, n) => `${who}更正了${n.person(e.target)}的一条积分（${POINT_ITEM_LABELS[d.item as PointItem] ?? '积分'}，${d.points ?? 0} 分）${reason(d.reason)}`,
  'points.table': (who, d) => `${who}修改了积分规则（第 ${d.from ?? '?'} 版改为第 ${d.to ?? '?'} 版）`,
  'score.settings': (who) => `${who}修改了排行榜设置`,
  // ---- study ----
  'topics.create': (who, d) => `${who}发布了${d.scope === 'park' ? '全园区' : ''}学习专题${quote(d.title)}${str(d.month) ? `（${str(d.month).replace(/^(\d{4})-(\d{2})$/, (_m, y: string, m: string) => `${y}年${Number(m)}月`)}）` : ''}`,
  'topics.update': (who, d) => `${who}修改了学习专题${quote(d.title)}`,
  'meetings.create': (who, d) => `${who}安排了${MEETING_KIND[d.kind as string] ?? '会议'}${quote(d.title)}${dates(d.dates) ? `，日期 ${dates(d.dates)}` : ''}${str(d.time) && d.time !== '全天' ? ` ${str(d.time)}` : ''}${str(d.place) ? `，地点 ${str(d.place)}` : ''}`,
  'meetings.update': (who, d) => {
    const was = (d.was as D | undefined) ?? {};
    const parts = [was.date && was.date !== d.date ? `日期改为 ${str(d.date)}` : '', was.time && d.time && was.time !== d.time ? `时间改为 ${str(d.time)}` : '', was.place && was.place !== d.place ? `地点改为 ${str(d.place)}` : '', was.title && was.title !== d.title ? `主题改为${quote(d.title)}` : ''].filter(Boolean);
    return `${who}修改了会议${quote(was.title ?? d.title)}${parts.length ? `：${parts.join('，')}` : ''}`;
  },
  'meetings.markPresent': (who, d) => `${who}为${str(d.name, '一位党员')}补记了${quote(d.title)}${str(d.date) ? `（${str(d.date)}）` : ''}的签到${reason(d.reason)}`,
  'meetings.cancel': (who, d) => `${who}取消了${quote(d.title)}${dates(d.dates) ? `（${dates(d.dates)}）` : ''}${reason(d.reason)}`,
  'meetings.record': (who, d) => `${who}${d.late ? '补记' : '填写'}了${MEETING_KIND[d.kind as string] ?? '会议'}${quote(d.title)}${str(d.date) ? `（${str(d.date)}）` : ''}的会议记录${d.edit ? '（修改）' : ''}`,
  'meetings.backfill': (who, d) => `${who}补记了${str(d.date)}的${MEETING_KIND[d.kind as string] ?? '会议'}${quote(d.title)}${str(d.place) ? `，地点 ${str(d.place)}` : ''}`,
  // ---- ledger (台账) ----
  'display.keys.create': (who, d) => `${who}生成了园区大屏链接${quote(d.label)}`,
  'display.keys.revoke': (who, d) => `${who}停用了园区大屏链接${quote(d.label)}`,
  'ledger.export': (who, d) => `${who}导出了${str(d.owner, '本支部')}${str(d.period)}的台账（${Array.isArray(d.sheets) && d.sheets.length ? d.sheets.join('、') : '全部'}${Number(d.files ?? 1) > 1 ? `，${d.files} 个文件` : ''}${d.fullPhones ? '，含完整手机号' : ''}）`,
  // ---- volunteer ----
  'volunteer.activities.create': (who, d) => `${who}${d.published ? '发布' : '新建'}了志愿服务活动${quote(d.title)}${d.scope === 'park' ? '（全园区）' : ''}，${d.shifts ?? 0} 个班次`,
  'volunteer.activities.update': (who, d) => `${who}修改了志愿服务活动${quote(d.title)}${d.shiftsChanged ? `，改了 ${d.shiftsChanged} 个班次的时间` : ''}${d.removed ? `，删去 ${d.removed} 个班次` : ''}`,
  'volunteer.activities.publish': (who, d) => `${who}发布了志愿服务活动${quote(d.title)}`,
  'volunteer.activities.cancel': (who, d) => `${who}取消了志愿服务活动${quote(d.title)}${reason(d.reason)}`,
  'volunteer.shifts.confirm': (who, d) => `${who}确认了${quote(d.activity)}一个班次的时长：${d.people ?? 0} 人共 ${hours(d.hours)}${Array.isArray(d.corrections) && d.corrections.length ? `，其中 ${d.corrections.length} 人有更正` : ''}`,
  'volunteer.shifts.markPresent': (who, d) => `${who}为${str(d.person, '一位志愿者')}手工登记了${quote(d.activity)}的签到${reason(d.reason)}`,
  'volunteer.makeups.create': (who, d) => `${who}为${str(d.person, '一位志愿者')}补录了${quote(d.activity)}的 ${hours(d.hours)}${reason(d.reason)}`,
  'volunteer.makeups.approve': (who, d) => `${who}通过了${str(d.person, '一位志愿者')}在${quote(d.activity)}的补录（${hours(d.hours)}）`,
  'volunteer.makeups.reject': (who, d) => `${who}没有通过${str(d.person, '一位志愿者')}在${quote(d.activity)}的补录（${hours(d.hours)}）${str(d.note) ? `，说明：${str(d.note)}` : ''}`,
  'volunteer.corrections.accept': (who, d) => `${who}采纳了${str(d.person, '一位志愿者')}对${quote(d.activity)}时长的更正：${hours(d.before)}改为 ${hours(d.after)}`,
  'volunteer.corrections.answer': (who, d) => `${who}答复了${str(d.person, '一位志愿者')}对${quote(d.activity)}时长的更正申请，时长不变${str(d.answer) ? `：${str(d.answer)}` : ''}`,
  'volunteer.certificates.issue': (who, d) => `${who}为${str(d.person, '一位志愿者')}出具了志愿服务证明${str(d.number) ? ` ${str(d.number)}` : ''}`,
  'volunteer.certificates.decline': (who, d) => `${who}没有为${str(d.person, '一位志愿者')}出具志愿服务证明${str(d.note) ? `，说明：${str(d.note)}` : ''}`,
  'volunteer.certificates.revoke': (who, d) => `${who}撤销了${str(d.person, '一位志愿者')}的志愿服务证明${str(d.number) ? ` ${str(d.number)}` : ''}${reason(d.reason)}`,
  'volunteer.settings.update': (who, d) => `${who}修改了志愿服务设置${str(d.federation) ? `（出具单位：${str(d.federation)}）` : ''}`,
  // ---- review (三评议): a rating names its rater and the year only, never the member rated ----
  'review.open': (who, d) => `${who}${d.changed ? '修改了' : '开启了'}${str(d.year) ? `${str(d.year)}年度` : ''}三评议${str(d.from) && str(d.until) ? `，评议时间 ${str(d.from)} 至 ${str(d.until)}` : ''}`,
  'review.rate': (who, d) => `${who}${d.changed ? '修改了' : '提交了'}${str(d.year) ? `${str(d.year)}年度` : ''}三评议的一份评议`,
  'review.decide': (who, d, e, n) => `${who}记录了${str(e.target) || n.person(d.personId)}${str(d.year) ? `${str(d.year)}年度` : ''}三评议的支部评定：${str(d.gradeLabel, '已评定')}${str(d.before) ? `（原为${str(d.before)}）` : ''}`,
  'remind.quiet': (who, d) => `${who}把消息提醒的免打扰时段改为 ${str(d.quietStart)}–${str(d.quietEnd)}`,
  'pledge.approve': (who, d) => `${who}审核通过了${str(d.person, '一位党员')}的承诺${quote(d.what)}`,
  'pledge.return': (who, d) => `${who}退回了${str(d.person, '一位党员')}的承诺${quote(d.what)}${str(d.comment) ? `，意见：${str(d.comment)}` : ''}`,
  'pledge.fulfilled': (who, d) => `${who}确认${str(d.person, '一位党员')}的承诺${quote(d.what)}已践诺`,
  'pledge.unfulfilled': (who, d) => `${who}将${str(d.person, '一位党员')}的承诺${quote(d.what)}记为未践诺${reason(d.reason)}`,
  'pledge.withdraw.approve': (who, d) => `${who}同意撤回${str(d.person, '一位党员')}的承诺${quote(d.what)}${reason(d.reason)}`,
  'pledge.withdraw.refuse': (who, d) => `${who}没有同意撤回${str(d.person, '一位党员')}的承诺${quote(d.what)}${str(d.comment) ? `，意见：${str(d.comment)}` : ''}`,
  'pledge.branch.create': (who, d) => `${who}填写了${str(d.branch, '支部')}的支部承诺${quote(d.what)}，责任人${str(d.person, '')}`,
  'pledge.settings.update': (who, d) => `${who}修改了承诺践诺设置（每年 ${d.minPerYear ?? ''}–${d.maxPerYear ?? ''} 项）`,
};

/** The sentence for an entry; an action without one (which the unit test forbids) still reads as Chinese. */
export function auditText(e: AuditFacts, names: AuditNames): string {
  const s = AUDIT_SENTENCES[e.action];
  return s ? s(e.actor.name, e.detail ?? {}, e, names) : `${e.actor.name}进行了一项管理操作`;
}

/** What the entry concerns, for the app to open; null when there is nothing left to open (e.g. the person left). */
export function auditLink(e: AuditFacts, names: AuditNames): AuditLink | null {
  const d = e.detail as D;
  const person = (id: unknown): AuditLink | null => {
    if (typeof id !== 'string') return null;
    const b = names.branchOfPerson(id);
    return b ? { to: 'person', personId: id, branchId: b } : null;
  };
  const a = e.action;
  if (a === 'roster.import') return { to: 'branch', branchId: e.target };
  if (a === 'people.create' || a === 'people.update') return person(d.personId);
  if (a === 'people.unbind' || a === 'transfers.create' || a === 'points.reverse') return person(e.target);
  if (a === 'people.leave') return null;
  if (a === 'invites.create') return Array.isArray(d.personIds) && d.personIds.length === 1 ? person(d.personIds[0]) : typeof e.target === 'string' && !e.target.includes(',') && e.target ? { to: 'branch', branchId: e.target } : null;
  if (a === 'roles.set') return { to: 'roles' };
  if (a === 'branches.create' || a === 'branches.update' || a === 'groups.create') return typeof d.branchId === 'string' ? { to: 'branch', branchId: d.branchId } : null;
  if (a.startsWith('enterprises.')) return { to: 'enterprises' };
  if (a === 'points.table' || a === 'score.settings') return { to: 'pointsTable' };
  if (a.startsWith('topics.')) {
    const b = names.topicBranch(e.target);
    return b === undefined ? null : { to: 'topic', topicId: e.target, branchId: b };
  }
  if (a.startsWith('meetings.')) {
    const b = names.meetingBranch(e.target);
    return b ? { to: 'meetings', branchId: b } : null;
  }
  if (a.startsWith('volunteer.activities.')) return { to: 'activity', activityId: e.target };
  return null;
}

/** The audit log's filters: each kind of change and the actions it covers. */
export const AUDIT_KINDS = {
  people: { label: '人员', prefixes: ['people.', 'roster.', 'invites.', 'transfers.'] },
  roles: { label: '角色', prefixes: ['roles.'] },
  structure: { label: '支部和企业', prefixes: ['branches.', 'groups.', 'enterprises.'] },
  study: { label: '学习', prefixes: ['topics.'] },
  meetings: { label: '会议', prefixes: ['meetings.'] },
  points: { label: '积分', prefixes: ['points.', 'score.'] },
  volunteer: { label: '志愿服务', prefixes: ['volunteer.'] },
  review: { label: '三评议', prefixes: ['review.'] },
  reminders: { label: '消息提醒', prefixes: ['remind.'] },
  pledges: { label: '承诺践诺', prefixes: ['pledge.'] },
  ledger: { label: '台账和大屏', prefixes: ['ledger.', 'display.'] },
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_KEYS = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

/** The audited actions of a kind (those with a sentence, which the unit test makes every audited action). */
export const actionsOfKind = (kind: AuditKind): string[] =>
  Object.keys(AUDIT_SENTENCES).filter((a) => AUDIT_KINDS[kind].prefixes.some((p) => a.startsWith(p)));
