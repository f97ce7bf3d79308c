export default definePageConfig({ navigationBarTitleText: '公开承诺', enablePullDownRefresh: true });
