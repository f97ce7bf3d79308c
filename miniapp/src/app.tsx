// The app root. In WeChat, wx.cloud must be initialised once before any callFunction (services/api.ts),
// and privacy authorization requests are routed to our sheet (services/wx-privacy.ts); the H5 build
// talks to the local emulator's gateway instead and has neither.
import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { installPrivacyListener } from './services/wx-privacy';

import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The environment `npm run deploy` built for (REDPARK_CLOUD_ENV), else the account's default one.
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init(process.env.REDPARK_CLOUD_ENV ? { env: process.env.REDPARK_CLOUD_ENV, traceUser: true } : { traceUser: true });
      installPrivacyListener();
    }
  });

  // children is the page being rendered.
  return children;
}

export default App;
