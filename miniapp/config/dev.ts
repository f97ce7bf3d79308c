import type { UserConfigExport } from '@tarojs/cli';

// Local development build (`taro build --watch`, NODE_ENV=development): not minified.
export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
