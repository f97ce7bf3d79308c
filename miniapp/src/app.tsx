// The app root. In WeChat, wx.cloud must be initialised once before any callFunction (services/api.ts),
// and privacy authorization requests are routed to our sheet (services/wx-privacy.ts); the H5 build
// talks to the local emulator's gateway instead and has neither.
import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { installPrivacyListener } from './services/wx-privacy';

import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The account's default CloudBase environment; with several, pass { env: '<env id>' }.
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ traceUser: true });
      installPrivacyListener();
    }
  });

  // children is the page being rendered.
  return children;
}

export default App;
