export default definePageConfig({
  navigationBarTitleText: '园区管理 · 大屏',
  enablePullDownRefresh: true,
});
