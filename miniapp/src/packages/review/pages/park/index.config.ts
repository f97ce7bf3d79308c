export default definePageConfig({
  navigationBarTitleText: '三评议 · 园区',
  enablePullDownRefresh: true,
});
