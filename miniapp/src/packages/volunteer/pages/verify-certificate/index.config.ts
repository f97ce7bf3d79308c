export default definePageConfig({
  navigationBarTitleText: '查验志愿服务证明',
  enablePullDownRefresh: true,
});
