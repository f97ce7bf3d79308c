export default definePageConfig({
  navigationBarTitleText: '园区党建展示',
  navigationStyle: 'custom',
});
