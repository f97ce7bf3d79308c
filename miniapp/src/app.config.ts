// The app's pages, tab bar and subpackages.
// - Tab pages and the member's pages are in the main package.
// - Secretary and park-admin pages, the member's own pages (我的积分, 支部排行, 我的信息), the study pages,
//   the volunteer's activity and scan pages and the organizer's area are subpackages (packages/*):
//   downloaded only when first opened, so the main package stays small (`npm run size`). Add their pages here.
// - pages/persona exists only in the H5 build (local mode: choose a demo identity); in WeChat the
//   identity comes from the platform. Taro evaluates this file at build time with TARO_ENV set.
//
// `cloud: true` turns on wx.cloud for the CloudBase functions; Taro's AppConfig type lacks it, so the
// type is widened here (a plain `defineAppConfig({ cloud: true })` fails strict type-checking).
type RedparkAppConfig = Taro.AppConfig & { cloud?: boolean };

const localOnly = process.env.TARO_ENV === 'h5' ? ['pages/persona/index'] : [];

const appConfig: RedparkAppConfig = {
  pages: [
    'pages/index/index',
    'pages/study/index',
    'pages/volunteer/index',
    'pages/mine/index',
    'pages/bind/index',
    'pages/card-show/index',
    'pages/verify/index',
    ...localOnly,
  ],
  subPackages: [
    {
      root: 'packages/secretary',
      pages: [
        'pages/roster/index',
        'pages/import/index',
        'pages/invites/index',
        'pages/transfer/index',
        'pages/person/index',
        'pages/topics/index',
        'pages/topic-new/index',
        'pages/progress/index',
        'pages/notes/index',
        'pages/meetings/index',
        'pages/ledger/index',
        'pages/record/index',
      ],
    },
    {
      root: 'packages/admin',
      pages: ['pages/branches/index', 'pages/enterprises/index', 'pages/roles/index', 'pages/audit/index', 'pages/points-table/index', 'pages/volunteer-settings/index', 'pages/study/index', 'pages/reminders/index', 'pages/pledge-settings/index', 'pages/display-keys/index'],
    },
    {
      root: 'packages/member',
      pages: ['pages/points/index', 'pages/leaderboard/index', 'pages/my-data/index', 'pages/reminders/index'],
    },
    {
      root: 'packages/study',
      pages: ['pages/topic/index', 'pages/quiz/index', 'pages/history/index', 'pages/checkin/index', 'pages/meeting-photos/index'],
    },
    {
      root: 'packages/volunteer',
      pages: ['pages/activity/index', 'pages/scan/index', 'pages/record/index', 'pages/certificates/index', 'pages/verify-certificate/index'],
    },
    {
      root: 'packages/organizer',
      pages: ['pages/activities/index', 'pages/activity-edit/index', 'pages/shift/index', 'pages/todo/index', 'pages/makeup/index', 'pages/certificates/index'],
    },
    {
      root: 'packages/review',
      pages: ['pages/todo/index', 'pages/rate/index', 'pages/branch/index', 'pages/park/index', 'pages/mine/index'],
    },
    {
      root: 'packages/pledge',
      pages: ['pages/mine/index', 'pages/review/index', 'pages/board/index', 'pages/rate/index', 'pages/branch/index'],
    },
    {
      // 数据看板 (issue 19): the only package that loads the chart library (@antv/f2).
      root: 'packages/dashboard',
      pages: ['pages/index/index'],
    },
    {
      // The park's display screen (issue 19): a full-screen H5 page for a TV, opened with a display key.
      root: 'packages/display',
      pages: ['pages/screen/index'],
    },
  ],
  // Icons: scripts/make-tab-icons.ts draws them (81×81 PNG, as WeChat asks).
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/study/index', text: '学习', iconPath: 'assets/tab/study.png', selectedIconPath: 'assets/tab/study-active.png' },
      { pagePath: 'pages/volunteer/index', text: '志愿', iconPath: 'assets/tab/volunteer.png', selectedIconPath: 'assets/tab/volunteer-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '红色园区',
    navigationBarTextStyle: 'white',
  },
  cloud: true,
};

export default defineAppConfig(appConfig);
