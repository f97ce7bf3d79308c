export default definePageConfig({
  navigationBarTitleText: '园区管理 · 支部',
  enablePullDownRefresh: true,
});
