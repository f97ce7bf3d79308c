export default definePageConfig({ navigationBarTitleText: '承诺审核', enablePullDownRefresh: true });
