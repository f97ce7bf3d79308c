export default definePageConfig({
  navigationBarTitleText: '发布专题',
  enablePullDownRefresh: true,
});
