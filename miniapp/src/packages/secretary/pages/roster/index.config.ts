export default definePageConfig({
  navigationBarTitleText: '支部名册',
  enablePullDownRefresh: true,
});
