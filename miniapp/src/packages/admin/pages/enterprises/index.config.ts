export default definePageConfig({
  navigationBarTitleText: '园区管理 · 企业',
  enablePullDownRefresh: true,
});
