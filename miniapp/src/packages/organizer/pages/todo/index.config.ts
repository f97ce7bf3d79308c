export default definePageConfig({
  navigationBarTitleText: '志愿待办',
  enablePullDownRefresh: true,
});
