export default definePageConfig({
  navigationBarTitleText: '志愿活动',
  enablePullDownRefresh: true,
  // The share card (useShareAppMessage) opens this page with the activity's id.
  enableShareAppMessage: true,
});
