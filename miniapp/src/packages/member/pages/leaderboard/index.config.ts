export default definePageConfig({
  navigationBarTitleText: '支部排行',
  enablePullDownRefresh: true,
});
