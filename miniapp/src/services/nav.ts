/**
 * Every page's route in one place, and `go()` which picks the right Taro navigation: tab pages
 * can only be reached with switchTab, other pages with navigateTo. Secretary, admin, the member's
 * points, study, volunteer and organizer pages live in subpackages (packages/*), loaded when first opened.
 */
import Taro from '@tarojs/taro';

export const ROUTES = {
  home: '/pages/index/index',
  study: '/pages/study/index',
  volunteer: '/pages/volunteer/index',
  mine: '/pages/mine/index',
  bind: '/pages/bind/index',
  cardShow: '/pages/card-show/index',
  verify: '/pages/verify/index',
  /** H5 local mode only (not in the weapp build). */
  persona: '/pages/persona/index',
  secretaryRoster: '/packages/secretary/pages/roster/index',
  secretaryImport: '/packages/secretary/pages/import/index',
  secretaryInvites: '/packages/secretary/pages/invites/index',
  secretaryTransfer: '/packages/secretary/pages/transfer/index',
  /** ?personId=&branchId=&name= (opened from 名册). */
  secretaryPerson: '/packages/secretary/pages/person/index',
  adminBranches: '/packages/admin/pages/branches/index',
  adminEnterprises: '/packages/admin/pages/enterprises/index',
  adminRoles: '/packages/admin/pages/roles/index',
  adminAudit: '/packages/admin/pages/audit/index',
  /** 积分规则 and 排行设置. */
  adminPointsTable: '/packages/admin/pages/points-table/index',
  /** 我的积分 (member subpackage). */
  memberPoints: '/packages/member/pages/points/index',
  /** 支部排行 (member subpackage). */
  memberLeaderboard: '/packages/member/pages/leaderboard/index',
  /** 我的信息: everything kept about me, and its export (member subpackage). */
  memberData: '/packages/member/pages/my-data/index',
  /** 一月一专题 (study subpackage): ?topicId= */
  studyTopic: '/packages/study/pages/topic/index',
  /** ?topicId= */
  studyQuiz: '/packages/study/pages/quiz/index',
  /** 往期专题. */
  studyHistory: '/packages/study/pages/history/index',
  /** 会议签到 (scan the meeting's check-in code). */
  studyCheckin: '/packages/study/pages/checkin/index',
  /** 活动照片 of a meeting (?meetingId=), or the branch's meetings to choose from. */
  studyMeetingPhotos: '/packages/study/pages/meeting-photos/index',
  /** 志愿服务 (volunteer subpackage): one activity, ?activityId= (also the share card's path). */
  volunteerActivity: '/packages/volunteer/pages/activity/index',
  /** 扫码签到 / 签退 at an activity. */
  volunteerScan: '/packages/volunteer/pages/scan/index',
  /** 组织活动 (organizer subpackage): the activities I organize. */
  organizerActivities: '/packages/organizer/pages/activities/index',
  /** 新建活动, or ?activityId= to change one. */
  organizerActivityEdit: '/packages/organizer/pages/activity-edit/index',
  /** One shift's roster, code, hand marking and confirmation: ?shiftId=&activityId= */
  organizerShift: '/packages/organizer/pages/shift/index',
  /** The secretary's study and meeting pages, opened from 首页's to-do list (same paths as packages/secretary's SEC). */
  secretaryTopics: '/packages/secretary/pages/topics/index',
  /** ?topicId=&branchId=&title=&quiz=1 */
  secretaryProgress: '/packages/secretary/pages/progress/index',
  /** ?topicId=&branchId=&title= */
  secretaryNotes: '/packages/secretary/pages/notes/index',
  secretaryMeetings: '/packages/secretary/pages/meetings/index',
  /** 我的志愿记录 (volunteer subpackage): hours, stars, corrections, ratings. */
  volunteerRecord: '/packages/volunteer/pages/record/index',
  /** 志愿服务证明: request, follow, save as an image. */
  volunteerCertificates: '/packages/volunteer/pages/certificates/index',
  /** 查验志愿服务证明 (public): ?c=<code> or ?q=<link>. */
  volunteerVerifyCertificate: '/packages/volunteer/pages/verify-certificate/index',
  /** 志愿待办 (organizer): shifts to confirm with working days left, make-ups, corrections, certificate requests. */
  organizerTodo: '/packages/organizer/pages/todo/index',
  /** 补录时长: ?activityId= optional. */
  organizerMakeup: '/packages/organizer/pages/makeup/index',
  /** 证明管理: issued certificates, revoke. */
  organizerCertificates: '/packages/organizer/pages/certificates/index',
  /** 志愿服务设置 (park admin): stars, what counts, the federation, holidays. */
  adminVolunteerSettings: '/packages/admin/pages/volunteer-settings/index',
  /** 全园区学习 (park admin): publish a park-wide topic, completion per branch; ?topicId= opens one. */
  adminStudy: '/packages/admin/pages/study/index',
  /** 园区管理 · 提醒: the park's quiet hours (免打扰时段). */
  adminReminders: '/packages/admin/pages/reminders/index',
  /** 三评议 (review subpackage): 待评议, the secretary's 支部评定, the park admin's 开启和完成情况, 我的三评议. */
  reviewTodo: '/packages/review/pages/todo/index',
  reviewBranch: '/packages/review/pages/branch/index',
  reviewPark: '/packages/review/pages/park/index',
  reviewMine: '/packages/review/pages/mine/index',
  /** 我的 → 消息提醒: which reminders come as WeChat messages, consents left, and (park admin) failed sends. */
  memberReminders: '/packages/member/pages/reminders/index',
  /** 承诺践诺 (pledge subpackage): 我的承诺, the secretary's 承诺审核 (?branchId=), 公开承诺 (?branchId=), 评诺. */
  pledgeMine: '/packages/pledge/pages/mine/index',
  pledgeReview: '/packages/pledge/pages/review/index',
  pledgeBoard: '/packages/pledge/pages/board/index',
  pledgeRate: '/packages/pledge/pages/rate/index',
  /** 支部承诺 (secretary; 支部管理 · 承诺) and the park's 承诺设置 (park admin; 园区管理 · 承诺). */
  pledgeBranch: '/packages/pledge/pages/branch/index',
  adminPledgeSettings: '/packages/admin/pages/pledge-settings/index',
} as const;

const TABS: readonly string[] = [ROUTES.home, ROUTES.study, ROUTES.volunteer, ROUTES.mine];

export function go(url: string): void {
  const path = url.split('?')[0]!;
  if (TABS.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

/** Start over at `url` (after the identity changed: every page's data is stale). */
export function restart(url: string = ROUTES.home): void {
  void Taro.reLaunch({ url });
}

/** A query value as given by useRouter (Taro may leave it encoded). */
export function param(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
