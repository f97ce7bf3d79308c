export default definePageConfig({
  navigationBarTitleText: '园区管理 · 提醒',
  enablePullDownRefresh: true,
});
