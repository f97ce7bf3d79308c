// The app root. In WeChat, wx.cloud must be initialised once before any callFunction (services/api.ts);
// the H5 build talks to the local emulator's gateway instead and has no Taro.cloud.
import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';

import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The account's default CloudBase environment; with several, pass { env: '<env id>' }.
    if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ traceUser: true });
  });

  // children is the page being rendered.
  return children;
}

export default App;
