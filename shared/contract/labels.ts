// The contract's enums and their Chinese labels, without zod: the main package's pages (首页, 学习, 志愿, 我的, the card)
// and the subpackages that do not validate forms (三评议)
// import them from here so that zod and the action schemas stay out of the main package (docs/ARCHITECTURE.md,
// "Package layout"). The contract files build their schemas from these and re-export them, so
// `import { MEETING_KIND_LABELS } from '@shared/contract'` still works (in subpackages and functions).

export const MEMBER_TYPES = ['full', 'probationary', 'none'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const MEMBER_TYPE_LABELS: Record<MemberType, string> = { full: '正式党员', probationary: '预备党员', none: '群众' };

export const POST_KINDS = ['pioneer', 'model'] as const;
export const POST_KIND_LABELS: Record<(typeof POST_KINDS)[number], string> = { pioneer: '党员先锋岗', model: '党员示范岗' };

/**
 * 主题党日 and 大党课 (check-in and points), then the rest of 三会一课 and the yearly meetings (issue 19: 台账):
 * 支部党员大会, 支委会, 党小组会 (of one 党小组), 党课, 组织生活会, 民主评议党员. Only the first two give points.
 */
export const MEETING_KINDS = ['partyDay', 'partyLecture', 'memberAssembly', 'committee', 'groupMeeting', 'partyClass', 'orgLife', 'democraticReview'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  partyDay: '主题党日', partyLecture: '大党课', memberAssembly: '支部党员大会', committee: '支委会', groupMeeting: '党小组会', partyClass: '党课',
  orgLife: '组织生活会', democraticReview: '民主评议党员',
};

export const REVIEW_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type ReviewGrade = (typeof REVIEW_GRADES)[number];
export const REVIEW_GRADE_LABELS: Record<ReviewGrade, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };

export const VOLUNTEER_CATEGORIES = ['community', 'elderly', 'environment', 'civility', 'education', 'poverty', 'emergency', 'other'] as const;
export const VOLUNTEER_CATEGORY_LABELS: Record<(typeof VOLUNTEER_CATEGORIES)[number], string> = {
  community: '社区服务', elderly: '关爱老人', environment: '环境保护', civility: '文明引导', education: '助学支教', poverty: '科技扶贫', emergency: '应急救援', other: '其他',
};

/**
 * draft: not visible; announced: published, recruiting not open yet; recruiting: sign-up open;
 * closed: the window ended, before the first shift; inProgress: between the first shift's start and the
 * last one's end; finished; cancelled.
 */
export const ACTIVITY_STAGES = ['draft', 'announced', 'recruiting', 'closed', 'inProgress', 'finished', 'cancelled'] as const;
export type ActivityStage = (typeof ACTIVITY_STAGES)[number];
export const ACTIVITY_STAGE_LABELS: Record<ActivityStage, string> = {
  draft: '草稿', announced: '即将招募', recruiting: '招募中', closed: '招募结束', inProgress: '进行中', finished: '已结束', cancelled: '已取消',
};

/** 三评议, who rates: the enterprise's leader, a colleague in the same enterprise, the branch's committee. */
export const REVIEW_ROLES = ['leader', 'colleague', 'branch'] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];
export const REVIEW_ROLE_LABELS: Record<ReviewRole, string> = { leader: '企业领导评议', colleague: '企业职工评议', branch: '党支部评议' };
