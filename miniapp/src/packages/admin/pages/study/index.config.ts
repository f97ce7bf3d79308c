export default definePageConfig({
  navigationBarTitleText: '园区管理 · 全园区学习',
  enablePullDownRefresh: true,
});
