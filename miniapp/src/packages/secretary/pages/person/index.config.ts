export default definePageConfig({
  navigationBarTitleText: '修改人员信息',
  enablePullDownRefresh: true,
});
