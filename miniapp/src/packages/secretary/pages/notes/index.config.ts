export default definePageConfig({
  navigationBarTitleText: '学习心得',
  enablePullDownRefresh: true,
});
