export default definePageConfig({
  navigationBarTitleText: '园区管理 · 日志',
  enablePullDownRefresh: true,
});
