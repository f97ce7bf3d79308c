export default definePageConfig({
  navigationBarTitleText: '园区管理 · 角色',
  enablePullDownRefresh: true,
});
