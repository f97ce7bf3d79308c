export default definePageConfig({
  navigationBarTitleText: '园区管理 · 志愿',
  enablePullDownRefresh: true,
});
