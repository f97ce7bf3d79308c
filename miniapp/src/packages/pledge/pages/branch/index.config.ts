export default definePageConfig({ navigationBarTitleText: '支部承诺', enablePullDownRefresh: true });
