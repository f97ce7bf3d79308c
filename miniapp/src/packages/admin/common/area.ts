/**
 * The park-admin area (园区党委): its pages, their SubNav, and labels shared by them. The functions
 * check the park-admin role on every call; a person without it sees the function's message.
 */
import type { NavItem } from '../../ui';

export const ADMIN = {
  branches: '/packages/admin/pages/branches/index',
  enterprises: '/packages/admin/pages/enterprises/index',
  roles: '/packages/admin/pages/roles/index',
  audit: '/packages/admin/pages/audit/index',
  /** 提醒: the park's quiet hours (免打扰时段) for WeChat reminders. */
  reminders: '/packages/admin/pages/reminders/index',
  pointsTable: '/packages/admin/pages/points-table/index',
  /** 志愿服务设置: star thresholds, what counts, the federation, holidays and 调休. */
  volunteerSettings: '/packages/admin/pages/volunteer-settings/index',
  /** 全园区学习: publish a park-wide topic, its completion per branch (?topicId= opens one). */
  study: '/packages/admin/pages/study/index',
  /** 承诺设置: 年度承诺 items a year (最少–最多), the 评诺 window, a rater's daily limit. */
  pledgeSettings: '/packages/admin/pages/pledge-settings/index',
  /** 大屏: the display screen's links (keys): create, list, revoke. */
  displayKeys: '/packages/admin/pages/display-keys/index',
} as const;

/** The park's display screen (a TV's browser opens it with ?key=…). */
export const DISPLAY_SCREEN_PATH = '/packages/display/pages/screen/index';

export const ADMIN_NAV: NavItem[] = [
  { label: '支部', url: ADMIN.branches },
  { label: '企业', url: ADMIN.enterprises },
  { label: '角色', url: ADMIN.roles },
  { label: '积分', url: ADMIN.pointsTable },
  { label: '学习', url: ADMIN.study },
  { label: '志愿', url: ADMIN.volunteerSettings },
  { label: '承诺', url: ADMIN.pledgeSettings },
  { label: '台账', url: '/packages/secretary/pages/ledger/index?scope=park' },
  { label: '日志', url: ADMIN.audit },
  { label: '看板', url: '/packages/dashboard/pages/index/index?scope=park' },
  { label: '提醒', url: ADMIN.reminders },
  { label: '大屏', url: ADMIN.displayKeys },
];

/** 园区管理 · 台账 (issue 19): every branch's 三会一课 达标情况 and the park's export (a page of packages/secretary). */
export const PARK_LEDGER = '/packages/secretary/pages/ledger/index?scope=park';

/** The secretary area's roster, opened for one branch (a park admin may manage every branch). */
export const rosterOf = (branchId: string) => `/packages/secretary/pages/roster/index?branchId=${encodeURIComponent(branchId)}`;

/** "66.7%" from a 0–1 rate. */
export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'roles.set': '设置角色',
  'branches.create': '新建支部',
  'branches.update': '修改支部',
  'groups.create': '新建党小组',
  'enterprises.create': '新增企业',
  'enterprises.update': '修改企业',
  'roster.import': '导入名册',
  'people.create': '新增人员',
  'people.update': '修改人员信息',
  'invites.create': '生成邀请码',
  'transfers.create': '组织关系转接',
  'people.leave': '离开园区',
  'points.reverse': '更正积分',
  'points.table': '修改积分规则',
  'score.settings': '修改排行设置',
  'topics.create': '发布学习专题',
  'topics.update': '修改学习专题',
  'meetings.create': '安排会议',
  'meetings.update': '修改会议',
  'meetings.cancel': '取消会议',
  'volunteer.settings.update': '修改志愿服务设置',
  'volunteer.makeups.create': '录入补录时长',
  'volunteer.makeups.approve': '通过补录时长',
  'volunteer.makeups.reject': '驳回补录时长',
  'volunteer.certificates.issue': '出具志愿服务证明',
  'volunteer.certificates.decline': '不予出具志愿服务证明',
  'volunteer.certificates.revoke': '撤销志愿服务证明',
  'volunteer.corrections.accept': '更正志愿时长',
  'volunteer.corrections.answer': '答复更正申请',
  'remind.quiet': '修改免打扰时段',
  'display.keys.create': '生成大屏链接',
  'display.keys.revoke': '停用大屏链接',
};
