// The `org` function: the park's organisation and people — branches, enterprises, roster, invites,
// transfers, roles, audit. Who may call each action is decided in the function, not here.
import { BRANCH_KINDS, branchKind, dateString, id, memberType, page, personName, phone, post, shortText } from './common';
import { ROLES } from './roles';
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
  'people.list': {
    input: page.extend({ branchId: id.optional(), search: z.string().trim().max(20).optional() }).strict(),
    output: z.object({ people: z.array(personRow), total: z.number().int() }),
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
    }).strict(),
    output: z.object({ person: personRow }),
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
  'audit.list': { input: page.extend({ action: z.string().optional() }).strict(), output: z.object({ entries: z.array(auditEntry), total: z.number().int() }) },
} as const;
