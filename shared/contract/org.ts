// The `org` function: the park's organisation and people — branches, enterprises, roster, invites,
// transfers, roles, audit. Who may call each action is decided in the function, not here.
import { BRANCH_KINDS, branchKind, dateString, id, memberType, page, personName, phone, post, shortText } from './common';
import { AUDIT_KIND_KEYS } from '../audit-text';
import { ROLES } from './roles';
import { MEETING_KINDS } from './study';
import { z } from './zod';

export const enterprise = z.object({
  id,
  name: z.string(),
  industry: z.string().nullable(),
  employees: z.number().int().nullable(),
  /** The branch that covers it, if any (覆盖). */
  branch: z.object({ id, name: z.string() }).nullable(),
});
export type Enterprise = z.infer<typeof enterprise>;

export const branch = z.object({
  id,
  name: z.string(),
  kind: z.enum(BRANCH_KINDS),
  enterprises: z.array(z.object({ id, name: z.string() })),
  groups: z.array(z.object({ id, name: z.string() })),
  secretaries: z.array(z.object({ id, name: z.string() })),
  memberCount: z.number().int(),
  peopleCount: z.number().int(),
});
export type Branch = z.infer<typeof branch>;

export const personRow = z.object({
  id,
  name: z.string(),
  memberType,
  branchId: id,
  groupId: id.nullable(),
  /** Full only for the person's own secretary, a park admin, or the person; otherwise masked 138****5678. */
  phone: z.string(),
  phoneMasked: z.boolean(),
  joinedPartyOn: dateString.nullable(),
  /** 转正日期: the day a probationary member became a full member (党龄 counts from it); null when unknown or not a full member. */
  fullMemberOn: dateString.nullable(),
  posts: z.array(post),
  responsibilityArea: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  bound: z.boolean(),
  /** The enterprise they work at (one of the branch's; shown in 联合支部), null when not recorded. */
  enterprise: z.object({ id, name: z.string() }).nullable(),
});
export type PersonRow = z.infer<typeof personRow>;

/** One roster row as imported (xlsx/csv columns: 姓名 手机号 类别 入党日期 转正日期 党小组 岗位类型 岗位名称 责任区). */
export const rosterRow = z.object({
  name: personName,
  phone,
  memberType,
  joinedPartyOn: dateString.nullable(),
  /** 转正日期, full members only; may be left out (older rosters lack it). */
  fullMemberOn: dateString.nullable().default(null),
  groupName: z.string().trim().max(20).nullable(),
  post: post.nullable(),
  responsibilityArea: z.string().trim().max(40, '责任区最多 40 个字').nullable(),
});
export type RosterRow = z.infer<typeof rosterRow>;

export const rosterProblem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RosterProblem = z.infer<typeof rosterProblem>;

export const invite = z.object({ personId: id, name: z.string(), code: z.string(), expiresAt: z.string() });

export const transfer = z.object({
  id,
  personId: id,
  personName: z.string(),
  fromBranch: z.object({ id, name: z.string() }),
  /** Null for a transfer out of the park (then `toOrganization` names where to). */
  toBranch: z.object({ id, name: z.string() }).nullable(),
  toOrganization: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
  by: z.object({ id, name: z.string() }),
});

export const auditEntry = z.object({
  id,
  at: z.string(),
  actor: z.object({ id, name: z.string() }),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
  /** The entry as a sentence (杨建华取消了「11月主题党日」，原因：…), built by the function (shared/audit-text.ts). */
  text: z.string(),
  /** What it concerns, for the app to open; null when there is nothing to open. */
  link: z.discriminatedUnion('to', [
    z.object({ to: z.literal('person'), personId: id, branchId: id }),
    z.object({ to: z.literal('branch'), branchId: id }),
    z.object({ to: z.literal('topic'), topicId: id, branchId: id.nullable() }),
    z.object({ to: z.literal('meetings'), branchId: id }),
    z.object({ to: z.literal('activity'), activityId: id }),
    z.object({ to: z.literal('enterprises') }),
    z.object({ to: z.literal('roles') }),
    z.object({ to: z.literal('pointsTable') }),
  ]).nullable(),
});

const branchInput = z.object({
  name: shortText(40, '支部名称'),
  kind: branchKind,
  enterpriseIds: z.array(id).min(1, '至少选择 1 家企业').max(50),
});

export const orgContract = {
  'park.overview': {
    input: z.object({}).strict(),
    output: z.object({
      park: z.object({ id, name: z.string() }),
      enterprises: z.number().int(),
      coveredEnterprises: z.number().int(),
      /** 企业党组织覆盖率, 0–1. */
      coverageRate: z.number(),
      branches: z.number().int(),
      people: z.number().int(),
      members: z.number().int(),
      bound: z.number().int(),
    }),
  },
  'branches.list': { input: z.object({}).strict(), output: z.object({ branches: z.array(branch) }) },
  'branches.create': { input: branchInput.strict(), output: z.object({ branch }) },
  'branches.update': { input: branchInput.partial().extend({ branchId: id }).strict(), output: z.object({ branch }) },
  'groups.create': { input: z.object({ branchId: id, name: shortText(20, '党小组名称') }).strict(), output: z.object({ branch }) },
  'enterprises.list': { input: z.object({}).strict(), output: z.object({ enterprises: z.array(enterprise) }) },
  'enterprises.create': {
    input: z.object({ name: shortText(60, '企业名称'), industry: z.string().trim().max(20).nullable().default(null), employees: z.number().int().min(0).max(1_000_000).nullable().default(null) }).strict(),
    output: z.object({ enterprise }),
  },
  'enterprises.update': {
    input: z.object({
      enterpriseId: id,
      name: shortText(60, '企业名称').optional(),
      industry: z.string().trim().max(20).nullable().optional(),
      employees: z.number().int().min(0).max(1_000_000).nullable().optional(),
    }).strict(),
    output: z.object({ enterprise }),
  },
  /**
   * The roster, in pinyin order (陈 李 王 张). `search`: any part of a name, or digits of a phone;
   * `unbound`: only people who have not bound WeChat. `unboundTotal` counts the unbound of the whole
   * list (branch or park) whatever the search, for 邀请全部未绑定.
   */
  'people.list': {
    input: page.extend({ branchId: id.optional(), search: z.string().trim().max(20).optional(), unbound: z.boolean().optional() }).strict(),
    output: z.object({ people: z.array(personRow), total: z.number().int(), unboundTotal: z.number().int() }),
  },
  /** Add one person to a branch's roster (the one-row form of roster.import). */
  'people.create': {
    input: rosterRow.omit({ groupName: true }).extend({ branchId: id, groupId: id.nullable().default(null) }).strict(),
    output: z.object({ person: personRow }),
  },
  /** Correct a roster entry: posts and 责任区 (shown on the card), 转正 (probationary → full), phone, group. */
  'people.update': {
    input: z.object({
      personId: id,
      name: personName.optional(),
      phone: phone.optional(),
      memberType: memberType.optional(),
      joinedPartyOn: dateString.nullable().optional(),
      /** 转正日期. Omitted on 转正 (probationary → full): set to today (China); cleared when the person becomes probationary or masses. */
      fullMemberOn: dateString.nullable().optional(),
      groupId: id.nullable().optional(),
      posts: z.array(post).max(3, '最多 3 个岗位').optional(),
      responsibilityArea: z.string().trim().max(40, '责任区最多 40 个字').nullable().optional(),
      /** The enterprise they work at: one of the branch's enterprises (联合支部), or null. */
      enterpriseId: id.nullable().optional(),
    }).strict(),
    output: z.object({ person: personRow }),
  },
  /**
   * 解除微信绑定: the person changed WeChat (or lost the phone). Their old WeChat loses access at once;
   * the entry stays, so the secretary can give them a new invite code. Audited with the reason.
   */
  'people.unbind': {
    input: z.object({ personId: id, reason: shortText(100, '解除原因') }).strict(),
    output: z.object({ person: personRow }),
  },
  /**
   * One person's history for their secretary or a park admin: 学习 (this and past topics), 主题党日 /
   * 大党课 attendance, 志愿服务 and 积分, newest first, with their roster entry.
   */
  'people.history': {
    input: z.object({ personId: id }).strict(),
    output: z.object({
      person: personRow,
      branch: z.object({ id, name: z.string(), kind: z.enum(BRANCH_KINDS) }),
      study: z.array(z.object({ topicId: id, title: z.string(), month: z.string(), park: z.boolean(), state: z.enum(['done', 'started', 'notStarted']), completedAt: z.string().nullable() })),
      meetings: z.array(z.object({ meetingId: id, title: z.string(), kind: z.enum(MEETING_KINDS), date: dateString, attended: z.boolean() })),
      volunteer: z.object({
        hours: z.number(),
        items: z.array(z.object({ title: z.string(), start: z.string(), state: z.enum(['registered', 'waitlist', 'cancelled', 'confirmed']), hours: z.number().nullable() })),
      }),
      points: z.object({ total: z.number(), items: z.array(z.object({ label: z.string(), points: z.number(), at: z.string(), note: z.string() })) }),
    }),
  },
  'roles.set': {
    input: z.object({ personId: id, secretaryOf: z.array(id).max(5).optional(), organizer: z.boolean().optional(), parkAdmin: z.boolean().optional() }).strict(),
    output: z.object({ person: personRow }),
  },
  'roster.import': {
    input: z.object({
      branchId: id,
      fileName: z.string().trim().regex(/\.(xlsx|csv)$/i, '只支持 .xlsx 或 .csv 文件').max(100),
      /** The file's bytes, base64; a roster of a few hundred people is a few tens of KB. */
      contentBase64: z.string().min(1).max(350_000, '文件太大，请分批导入（每次最多约 250 KB）'),
      /** Only check and report; write nothing. */
      dryRun: z.boolean().default(false),
    }).strict(),
    output: z.object({ rows: z.number().int(), created: z.number().int(), problems: z.array(rosterProblem) }),
  },
  'invites.create': {
    input: z.object({ personIds: z.array(id).min(1).max(200) }).strict(),
    output: z.object({ invites: z.array(invite) }),
  },
  'invites.list': { input: z.object({ branchId: id }).strict(), output: z.object({ invites: z.array(invite) }) },
  /**
   * 组织关系转接: to another branch of the park (`toBranchId`), or out of the park (`toOrganization`, the
   * Party organisation receiving them: the person then leaves the park as with people.leave). Exactly one.
   */
  'transfers.create': {
    input: z.object({ personId: id, toBranchId: id.optional(), toOrganization: shortText(60, '转入的组织').optional(), reason: shortText(100, '转接原因') }).strict(),
    output: z.object({ transfer }),
  },
  /**
   * A person leaves the park (离开园区): their WeChat binding and phone are erased, open invites revoked,
   * they leave the roster and the branch's member count; the branch's records keep their name.
   */
  'people.leave': {
    input: z.object({ personId: id, reason: shortText(100, '离开原因'), leftOn: dateString }).strict(),
    output: z.object({ personId: id, name: z.string(), branch: z.object({ id, name: z.string() }), leftOn: dateString, revokedInvites: z.number().int() }),
  },
  'transfers.list': { input: z.object({ personId: id.optional(), branchId: id.optional() }).strict(), output: z.object({ transfers: z.array(transfer) }) },
  /** The park's audit log, newest first; `kind` filters by kind of change (人员, 学习, 会议, 志愿服务…). */
  'audit.list': { input: page.extend({ action: z.string().optional(), kind: z.enum(AUDIT_KIND_KEYS).optional() }).strict(), output: z.object({ entries: z.array(auditEntry), total: z.number().int() }) },
} as const;
