// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// .cjs because the root package.json has "type": "module" (a babel.config.js would be loaded as ESM).
// As a root (project-wide) config it also applies to ../shared, which the Taro config lists in compile.include.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
