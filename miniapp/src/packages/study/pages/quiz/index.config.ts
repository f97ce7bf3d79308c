export default definePageConfig({
  navigationBarTitleText: '小测验',
});
