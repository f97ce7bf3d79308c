export default definePageConfig({
  navigationBarTitleText: '往期专题',
  enablePullDownRefresh: true,
});
