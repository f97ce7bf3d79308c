/**
 * The privacy notice (个人信息保护说明), in one place: the bind page and 我的信息 render it, `user.bind`
 * requires agreement to PRIVACY_VERSION, `user.myData` titles its sections with it, and
 * docs/PRIVACY.md is generated from it (`npx tsx scripts/make-privacy-doc.ts`; a unit test fails when
 * the file and this text differ, and when a collection of cloudfunctions/collections.json is not
 * described in STORAGE below).
 *
 * Written for people: plain Chinese, no ids, no English. Change a word of what people agree to →
 * change PRIVACY_VERSION (everyone binding from then on agrees to the new text).
 */

/** The version people agree to at binding; stored with the time on their roster entry. */
export const PRIVACY_VERSION = '2026-12-02';

/** "2026年12月1日" from PRIVACY_VERSION (what people read). */
export const privacyVersionLabel = (v: string = PRIVACY_VERSION): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : v;
};

export const PRIVACY_TITLE = '红色园区个人信息保护说明';

export const PRIVACY_INTRO = [
  '红色园区是园区党委和各党支部开展党建工作的小程序。为了让您亮身份、参加学习和活动、查看积分，我们需要保存您的一些个人信息。',
  '下面用简单的话说明：保存什么、为什么保存、谁能看到、保存多久，以及您可以做什么。您同意以后，我们才会把您的微信和名册信息绑定在一起。',
];

/** The kinds of information kept about a person: also the sections of 我的信息 (user.myData), in this order. */
export const PRIVACY_DATA_KEYS = ['roster', 'binding', 'points', 'study', 'attendance', 'inbox', 'audit', 'volunteer', 'pledges', 'review'] as const;
export type PrivacyDataKey = (typeof PRIVACY_DATA_KEYS)[number];

export interface PrivacyDataKind {
  key: PrivacyDataKey;
  title: string;
  what: string;
  why: string;
  who: string;
  howLong: string;
  /** 我的信息 says this when nothing of the kind is kept about the person. */
  none: string;
}

export const PRIVACY_DATA: readonly PrivacyDataKind[] = [
  {
    key: 'roster',
    title: '名册信息',
    what: '姓名、手机号、所在支部和党小组、类别（正式党员、预备党员或群众）、入党日期和转正日期、党员先锋岗或示范岗、责任区、担任的职务，以及组织关系转接的记录。这些由支部书记登记或导入名册。',
    why: '确认您的身份，生成您的亮身份卡；手机号只用于支部书记核对身份和联系您。',
    who: '您本人，您所在支部的书记，园区党委管理员。其他人看不到您的手机号。别人扫码验证您的身份卡时，只能看到姓名、类别、党龄、园区和支部、岗位和责任区，看不到手机号和入党日期。',
    howLong: '您在园区期间一直保存。离开园区（或组织关系转出园区）时，手机号立即删除，姓名、支部和类别留在支部台账里。',
    none: '暂无',
  },
  {
    key: 'binding',
    title: '微信绑定',
    what: '微信为本小程序分配给您的专用编号（不是微信号，也不包括昵称和头像）、绑定时间、您同意本说明的版本和时间。',
    why: '您每次打开小程序时，确认是您本人。',
    who: '这个编号只供系统使用，不向任何人显示；支部书记能看到您是否已经绑定。',
    howLong: '直到您离开园区，届时立即删除。',
    none: '暂无',
  },
  {
    key: 'points',
    title: '积分',
    what: '每一条积分记录（因为什么、几分、什么时间）和按月、按年的合计。',
    why: '记录您参加学习、活动和志愿服务的情况，计算支部排行。积分只是鼓励，不用来考核个人。',
    who: '您本人，您所在支部的书记和园区党委管理员（可以更正）。个人排名只有园区打开、并且您本人同意公开时才显示。',
    howLong: '作为支部台账保存。您离开园区后，记录只保留姓名，不含任何联系方式。',
    none: '暂无积分记录',
  },
  {
    key: 'study',
    title: '学习',
    what: '每期专题您是否已读、测验次数和成绩、是否完成，您写的学习心得和书记的回复。',
    why: '一月一专题的学习记录，支部据此统计完成情况。',
    who: '您本人，您所在支部的书记（审阅心得）和园区党委管理员。',
    howLong: '作为支部台账保存。您离开园区后，记录只保留姓名。',
    none: '暂无学习记录',
  },
  {
    key: 'attendance',
    title: '活动签到',
    what: '您签到的主题党日、大党课和签到时间。只有您自己扫码才会签到，我们不记录位置，也不记录在线时长。',
    why: '支部的会议记录。',
    who: '您本人，您所在支部的书记，园区党委管理员。',
    howLong: '作为支部台账保存。您离开园区后，记录只保留姓名。',
    none: '暂无签到记录',
  },
  {
    key: 'inbox',
    title: '消息',
    what: '发给您的学习提醒和活动变更通知；您允许接收的微信消息提醒：每种提醒还能发几次、您关掉的提醒、每条提醒是否已经通过微信发出。',
    why: '提醒您参加学习和活动；只在您允许的次数内发微信消息，没有次数时提醒仍留在消息里。',
    who: '只有您本人。',
    howLong: '您离开园区时删除。',
    none: '暂无消息',
  },
  {
    key: 'audit',
    title: '关于您的操作记录',
    what: '支部书记和园区党委管理员对您的名册信息、职务、转接、邀请码和积分所做的每一次操作：谁、什么时间、做了什么。记录里的手机号只保留前三位和后四位。',
    why: '让每一次修改都有据可查。',
    who: '园区党委管理员；您本人可以在“我的信息”里看到与您有关的记录。',
    howLong: '长期保存，用于核查。',
    none: '暂无与您有关的操作记录',
  },
  {
    key: 'volunteer',
    title: '志愿服务',
    what: '您报名的志愿活动和班次、候补顺序、签到和签退的时间、服务时长（扫码签到确认的信用时数和补录时数分开记）、补录的原因和证明、您提出的更正和答复、您对活动的评价和组织者对您的评价、您申请和领取的志愿服务证明（编号、时长、出具单位）。',
    why: '按照《志愿服务记录与证明出具办法》如实记录您的志愿服务，计算时长和星级，为您出具志愿服务证明。',
    who: '您本人；组织活动的志愿服务联合会或支部书记，以及园区党委管理员。别人扫描您的志愿服务证明上的二维码时，只能看到证明编号、隐去名字的姓名、时长、出具单位和证明是否有效。',
    howLong: '作为志愿服务记录长期保存（记录要真实完整，以便您日后申请证明）。您离开园区后，记录只保留姓名，不含任何联系方式。',
    none: '暂无志愿服务记录',
  },
  {
    key: 'pledges',
    title: '承诺践诺',
    what: '您写下的承诺事项（类别、内容、践诺标准、期限、年度或即时承诺）、支部书记的审核意见、您记录的进展和上传的践诺照片、践诺情况、是否践诺及原因、撤回申请和审批；同事对您已践诺事项的评价只保存数量和评语，不告诉您是谁评的；您对同事承诺的评价（您的姓名不会告诉被评价的人）。',
    why: '年初公开承诺、年中践诺、年终评诺，计算履诺率，在公开承诺栏和亮身份卡片上展示您审核通过的承诺。',
    who: '审核通过的承诺、进展和践诺情况：园区内的人员都可以看到；退回意见、撤回原因：您本人和本支部书记、园区党委管理员。评价的具体来源：任何人都看不到评价人的姓名，支部书记只看到分类统计和评语。',
    howLong: '作为党员承诺践诺记录长期保存。您离开园区后，记录只保留姓名，不含任何联系方式。',
    none: '暂无承诺践诺记录',
  },
  {
    key: 'review',
    title: '三评议',
    what: '每年三评议中支部对您的评定（优秀、合格、基本合格、不合格）、评定说明和票数；您给别人的评议（等级和评语）。别人给您的评议不告诉您是谁评的。',
    why: '按照党员民主评议的要求，由企业领导、企业职工和党支部评议，支部据此作出评定。',
    who: '您的评定：您本人、本支部书记和园区党委管理员；每一份评议的评议人：任何人都看不到，支部书记只看到分类统计和评语。',
    howLong: '作为党员民主评议记录长期保存。您离开园区后，记录只保留姓名，不含任何联系方式。',
    none: '暂无三评议记录',
  },
];

export interface PrivacySection {
  title: string;
  paragraphs: string[];
}

/** The rest of the notice, after the kinds of information. */
export const PRIVACY_SECTIONS: readonly PrivacySection[] = [
  {
    title: '我们不收集什么',
    paragraphs: [
      '不收集身份证号，不读取您的微信昵称、头像、位置和通讯录，不记录您看了多久、在线多久。学习时长、点赞和转发不会用来考核任何人。',
    ],
  },
  {
    title: '存放在哪里',
    paragraphs: [
      '保存在园区使用的腾讯云开发数据库里，位于中国境内。小程序本身不能直接读数据库，所有读写都经过云函数，并按上面说的范围检查谁能看到。',
    ],
  },
  {
    title: '微信的隐私授权',
    paragraphs: [
      '扫码验证身份卡或扫码签到、导入名册时选择文件、复制邀请码时，微信可能先请您同意本小程序的《用户隐私保护指引》。不同意也可以继续使用其他功能。',
    ],
  },
  {
    title: '您可以做什么',
    paragraphs: [
      '查看和导出：在“我的 → 我的信息”里查看我们保存的关于您的全部信息，并可以导出一份。',
      '更正：信息有误时，请联系您所在支部的书记修改，每次修改都有记录。',
      '不再使用或离开园区：请支部书记或园区党委为您办理离开园区，您的手机号和微信绑定会立即删除。',
    ],
  },
  {
    title: '谁负责',
    paragraphs: ['园区党委负责处理本说明中的个人信息。有任何问题，请联系您所在支部的书记或园区党委。'],
  },
];

/** Where each collection of cloudfunctions/collections.json sits in the notice (the appendix of docs/PRIVACY.md). */
export interface StorageEntry {
  /** What the collection holds, in a few words. */
  holds: string;
  /** The kinds of personal information in it (none: no personal information). */
  kinds: PrivacyDataKey[];
}

export const STORAGE: Readonly<Record<string, StorageEntry>> = {
  parks: { holds: '园区名称', kinds: [] },
  branches: { holds: '支部、党小组、覆盖的企业、党员人数', kinds: [] },
  enterprises: { holds: '园区内的企业', kinds: [] },
  people: { holds: '名册：每人一条，含手机号、微信绑定、同意本说明的版本和时间', kinds: ['roster', 'binding'] },
  people_left: { holds: '离开园区的人：姓名、支部、类别、离开的日期和原因；没有手机号和微信绑定', kinds: ['roster'] },
  invites: { holds: '绑定用的一次性邀请码（对应的人）', kinds: ['roster'] },
  transfers: { holds: '组织关系转接记录（姓名、转出转入、原因、经办人）', kinds: ['roster'] },
  audit_logs: { holds: '操作记录（经办人姓名、对象、改了什么；手机号只留前三位和后四位）', kinds: ['audit'] },
  points_ledger: { holds: '积分记录（每人每件事一条）', kinds: ['points'] },
  points_totals: { holds: '每人、每支部按日、月、季、年的积分合计，及园区当前的积分规则（修改人姓名）', kinds: ['points'] },
  points_tables: { holds: '园区的积分规则（修改人姓名）', kinds: [] },
  points_counter_events: { holds: '支部计数的去重标记', kinds: [] },
  score_settings: { holds: '园区的排行设置', kinds: [] },
  red_flags: { holds: '每月流动红旗（支部）', kinds: [] },
  leaderboard_snapshots: { holds: '支部排行的快照（支部合计，不含个人）', kinds: [] },
  topics: { holds: '学习专题（发布人姓名）', kinds: [] },
  topic_progress: { holds: '每人每期专题的学习进度（姓名）', kinds: ['study'] },
  notes: { holds: '学习心得和书记回复（姓名）', kinds: ['study'] },
  inbox: { holds: '发给个人的提醒和通知', kinds: ['inbox'] },
  meetings: { holds: '主题党日和大党课（安排人姓名）', kinds: [] },
  attendance: { holds: '会议签到（姓名、时间）', kinds: ['attendance'] },
  meeting_tally: { holds: '每次会议的签到人数（分段计数；每段记下已计入的名册编号，防止重复计数）', kinds: ['attendance'] },
  volunteer_activities: { holds: '志愿活动和班次安排（发布人姓名、活动联系人的姓名和电话）', kinds: [] },
  volunteer_shifts: { holds: '每个班次的名额、已报名和候补的顺序', kinds: ['volunteer'] },
  volunteer_registrations: { holds: '每人每班次的报名、签到签退时间、确认的时长（姓名）', kinds: ['volunteer'] },
  volunteer_settings: { holds: '园区的志愿星级门槛、节假日和出具证明的单位（负责人、经办人姓名和联系电话）', kinds: [] },
  volunteer_makeups: { holds: '补录的时长、原因和证明（姓名、录入人和审核人姓名）', kinds: ['volunteer'] },
  volunteer_corrections: { holds: '您提出的时长更正和答复（姓名）', kinds: ['volunteer'] },
  volunteer_ratings: { holds: '对活动和对志愿者的评价（姓名）', kinds: ['volunteer'] },
  volunteer_certificates: { holds: '志愿服务证明（姓名、编号、时长、活动、出具单位）', kinds: ['volunteer'] },
  volunteer_counters: { holds: '志愿服务证明的编号序列', kinds: [] },
  rate_limits: { holds: '防止频繁操作的计数（每人每个时段一条，时段结束后每天清理）', kinds: ['binding'] },
  files: { holds: '上传的图片（会议照片、签到表照片、活动封面）：上传人姓名、所属的会议或活动、内容安全检查的结果；上传后一天内没有用上的图片连同文件每天清理', kinds: ['attendance'] },
  media_checks: { holds: '微信图片内容安全检查的结果（检查编号和是否通过，一天后清理）', kinds: [] },
  pledges: { holds: '承诺事项：承诺人或责任人姓名、内容、期限、状态、审核意见、进展、践诺情况、评价数量', kinds: ['pledges'] },
  pledge_ratings: { holds: '对已践诺事项的评价（评价人、满意程度、评语；评价人不向被评价人显示）', kinds: ['pledges'] },
  reviews: { holds: '每年的三评议：评议时间、各企业负责人和各支部支委（姓名）', kinds: [] },
  review_ratings: { holds: '三评议的每一份评议（评议人、被评议人、等级、评语；评议人不向被评议人显示）', kinds: ['review'] },
  review_decisions: { holds: '支部对每名党员的三评议评定（姓名、等级、说明、票数、评定人）', kinds: ['review'] },
  review_branches: { holds: '每个支部评为优秀的人数（用于三分之一的限制）', kinds: [] },
  reminder_outbox: { holds: '每条要发的提醒：发给谁、哪种提醒、内容、是否已经通过微信发出', kinds: ['inbox'] },
  reminder_subscribers: { holds: '每人允许接收的微信消息提醒次数和关掉的提醒种类', kinds: ['inbox'] },
  reminder_settings: { holds: '园区的免打扰时段', kinds: [] },
  reminder_scans: { holds: '已经发过提醒的事项（专题、会议、班次），不含个人信息', kinds: [] },
  pledge_settings: { holds: '园区的承诺践诺设置（每年项数、评诺时间、每天评价次数）', kinds: [] },
  ledger_exports: { holds: '导出的台账文件的存放位置和链接到期时间（文件本身含名册、考勤等台账内容，链接到期后连同文件每天清理）', kinds: [] },
  ledger_jobs: { holds: '分步导出台账的进度（导出人、所选期间和支部、已生成的部分），一天后清理', kinds: [] },
  display_keys: { holds: '园区大屏的访问密钥（名称、密钥的摘要而非密钥本身、创建和停用的管理员姓名与时间、最近使用时间）', kinds: [] },
  ledger_boards: { holds: '园区数据看板的统计结果（各支部的数字、支部名称，不含个人信息），最多每 5 分钟重新统计一次', kinds: [] },
};

/**
 * What the park must fill in WeChat's console (小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引) for the
 * privacy APIs the app calls: without the declaration WeChat disables the API. For admins (docs only).
 */
export const WECHAT_PRIVACY_GUIDE: ReadonlyArray<{ info: string; apis: string; purpose: string; where: string }> = [
  { info: '选中的文件', apis: 'wx.chooseMessageFile', purpose: '导入支部名册（从聊天中选择 Excel 或 CSV 文件）', where: '书记：名册导入' },
  { info: '剪切板', apis: 'wx.setClipboardData', purpose: '复制邀请码、名册表头、学习材料链接和“我的信息”', where: '书记：邀请码、名册导入；学习专题；我的信息' },
  { info: '摄像头（扫码）', apis: 'wx.scanCode', purpose: '扫码验证党员身份卡、扫码签到', where: '扫码验证；会议签到' },
  { info: '相册（仅写入）', apis: 'wx.saveImageToPhotosAlbum', purpose: '把志愿服务证明保存为图片', where: '志愿：志愿服务证明' },
  { info: '选中的照片或视频信息、摄像头', apis: 'wx.chooseMedia', purpose: '拍摄或从相册选择会议照片、签到表照片和活动封面并上传', where: '书记：会议照片；组织者：活动封面' },
];

// ---- rendering ----

/** The notice as Markdown: what docs/PRIVACY.md contains (the app renders the same pieces). */
export function privacyMarkdown(): string {
  const out: string[] = [];
  out.push(`# ${PRIVACY_TITLE}`, '');
  out.push('<!-- Generated from shared/privacy.ts by `npx tsx scripts/make-privacy-doc.ts`; do not edit by hand (test/unit/privacy.test.ts checks it). -->', '');
  out.push(`版本：${privacyVersionLabel()}`, '');
  for (const p of PRIVACY_INTRO) out.push(p, '');
  out.push('## 我们保存什么、为什么、谁能看到、保存多久', '');
  for (const d of PRIVACY_DATA) {
    out.push(`### ${d.title}`, '');
    out.push(`- 保存什么：${d.what}`);
    if (d.why !== '—') out.push(`- 为什么：${d.why}`, `- 谁能看到：${d.who}`, `- 保存多久：${d.howLong}`);
    out.push('');
  }
  for (const s of PRIVACY_SECTIONS) {
    out.push(`## ${s.title}`, '');
    for (const p of s.paragraphs) out.push(p, '');
  }
  out.push('---', '');
  out.push('## 附录：存放位置（给园区管理员和开发者，小程序里不显示）', '');
  out.push('每个数据库集合（`cloudfunctions/collections.json`）保存什么、含哪类个人信息。所有集合只有云函数能读写。', '');
  out.push('| 集合 | 保存什么 | 个人信息 |', '|---|---|---|');
  const titles = new Map(PRIVACY_DATA.map((d) => [d.key, d.title]));
  for (const [name, s] of Object.entries(STORAGE)) {
    out.push(`| \`${name}\` | ${s.holds} | ${s.kinds.length ? s.kinds.map((k) => titles.get(k)).join('、') : '无'} |`);
  }
  out.push('');
  out.push('## 附录：微信后台《用户隐私保护指引》（给园区管理员）', '');
  out.push('小程序调用下列接口前，微信要求用户同意《用户隐私保护指引》，并且要在“小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引”中声明对应的信息类型和用途，否则接口会被禁用。请按下表填写（用途可直接照抄）：', '');
  out.push('| 信息类型 | 接口 | 用途 | 用在哪里 |', '|---|---|---|---|');
  for (const g of WECHAT_PRIVACY_GUIDE) out.push(`| ${g.info} | \`${g.apis}\` | ${g.purpose} | ${g.where} |`);
  out.push('');
  out.push('小程序在启动时注册 `wx.onNeedPrivacyAuthorization`，由自己的弹窗（含 `open-type="agreePrivacyAuthorization"` 的“同意并继续”按钮）处理授权；扫码、选择文件、复制、保存图片到相册之前先调用 `wx.requirePrivacyAuthorize`（`miniapp/src/services/wx-privacy.ts`）。自 2023 年 10 月 17 日起隐私检查对所有小程序生效，`app.json` 里不需要也不再使用 `__usePrivacyCheck__`。“扫码”（`wx.scanCode`）不在微信列出的隐私接口里，小程序仍先请求授权；如果提审时后台提示还需声明其他信息类型，按提示补充。', '');
  return out.join('\n');
}
