export default definePageConfig({
  navigationBarTitleText: '我的三评议',
  enablePullDownRefresh: true,
});
