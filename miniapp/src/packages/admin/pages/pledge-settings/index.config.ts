export default definePageConfig({
  navigationBarTitleText: '园区管理 · 承诺',
  enablePullDownRefresh: true,
});
