// `cloud: true` turns on wx.cloud for the CloudBase functions; Taro's AppConfig type lacks it, so the
// type is widened here (a plain `defineAppConfig({ cloud: true })` fails strict type-checking).
type RedparkAppConfig = Taro.AppConfig & { cloud?: boolean };

const appConfig: RedparkAppConfig = {
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '红色园区',
    navigationBarTextStyle: 'white',
  },
  cloud: true,
};

export default defineAppConfig(appConfig);
