export default definePageConfig({
  navigationBarTitleText: '园区管理 · 积分',
  enablePullDownRefresh: true,
});
