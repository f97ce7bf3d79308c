export default definePageConfig({
  navigationBarTitleText: '三评议 · 评议',
});
