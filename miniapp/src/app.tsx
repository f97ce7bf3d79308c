import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';

import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Placeholder: Taro.cloud.init() comes with the services layer.
  });

  // children is the page being rendered.
  return children;
}

export default App;
