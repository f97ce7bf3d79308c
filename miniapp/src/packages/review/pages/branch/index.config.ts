export default definePageConfig({
  navigationBarTitleText: '三评议 · 支部评定',
  enablePullDownRefresh: true,
});
