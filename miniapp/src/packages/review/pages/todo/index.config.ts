export default definePageConfig({
  navigationBarTitleText: '三评议 · 待评议',
  enablePullDownRefresh: true,
});
