export default definePageConfig({
  navigationBarTitleText: '人员情况',
  enablePullDownRefresh: true,
});
