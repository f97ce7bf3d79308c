export default definePageConfig({ navigationBarTitleText: '评诺', enablePullDownRefresh: true });
