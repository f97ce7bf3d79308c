import path from 'node:path';
import webpack from 'webpack';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { ModuleMapPlugin } from './module-map';

// Taro takes the app path from the working directory: run `taro` with cwd = miniapp/ (see the root
// package.json scripts). Taro loads this file through @swc/register as CommonJS, so __dirname is defined.
const repoRoot = path.resolve(__dirname, '..', '..');
const sharedDir = path.join(repoRoot, 'shared');

// One output folder per platform at the repository root: dist/weapp (project.config.json's
// miniprogramRoot) and dist/h5 (served by `npm start`). Taro empties its outputRoot before a build,
// so each platform must have its own folder.
const platform = process.env.TARO_ENV ?? 'weapp';

// webpackbar's 'fancy' reporter redraws a progress bar with terminal escapes many times a second: in a log
// (CI, `npm test`, `npm start > file`) that is thousands of lines of noise. Off a terminal keep only its
// 'basic' reporter (one line per phase) and Taro's own reporter (warnings, errors, the summary).
function quietProgressOffTerminal(chain: { plugin(name: string): { tap(f: (args: unknown[]) => unknown[]): unknown } }) {
  if (process.stdout.isTTY) return;
  chain.plugin('webpackbar').tap(([options]) => {
    const opts = options as { reporters?: unknown[] };
    return [{ ...opts, reporters: (opts.reporters ?? []).filter((r) => r !== 'fancy') }];
  });
}

function templateIdsJson(): string {
  const raw = process.env.REMINDER_TEMPLATE_IDS ?? '';
  if (!raw.trim()) return '';
  try {
    JSON.parse(raw);
  } catch {
    throw new Error('REMINDER_TEMPLATE_IDS 不是 JSON，应当像 {"TPL_STUDY_DUE":"微信给的模板ID"}（docs/DEPLOY.md）');
  }
  return raw;
}

// https://docs.taro.zone/docs/next/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'redpark',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: path.join(repoRoot, 'dist', platform),
    plugins: [],
    // The CloudBase environment the weapp build calls (npm run deploy sets it; empty: the account's default).
    // REMINDER_TEMPLATE_IDS: WeChat's subscription-message template ids (JSON, the remind function's variable too),
    // asked for by services/subscribe.ts; unset, the names themselves (local). A value that is not JSON stops the build.
    defineConstants: {
      'process.env.REDPARK_CLOUD_ENV': JSON.stringify(process.env.REDPARK_CLOUD_ENV ?? ''),
      'process.env.REMINDER_TEMPLATE_IDS': JSON.stringify(templateIdsJson()),
      // The display screen in production (docs/DEPLOY.md §9): the hosted H5 site, and the ledger function's HTTP route.
      'process.env.REDPARK_DISPLAY_SITE': JSON.stringify(process.env.REDPARK_DISPLAY_SITE ?? ''),
      'process.env.REDPARK_DISPLAY_API': JSON.stringify(process.env.REDPARK_DISPLAY_API ?? ''),
    },
    // `@shared/*` -> ../shared/* (same mapping as the tsconfig paths).
    alias: {
      '@shared': sharedDir,
    },
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      webpackChain(chain) {
        quietProgressOffTerminal(chain);
        chain.plugin('redpark-module-map').use(ModuleMapPlugin, [path.join(repoRoot, 'dist', 'weapp-modules.json'), repoRoot]);
        // zod's locales: only zh-CN (./zod-locales.js says why).
        chain.plugin('redpark-zod-locales').use(webpack.NormalModuleReplacementPlugin, [/[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/, path.join(__dirname, 'zod-locales.js')]);
      },
      // Code outside src/ is not transpiled unless listed here.
      compile: {
        include: [sharedDir],
      },
      // Each component's styles are one block of its own (rp-state, rp-qr, rp-banner, …), so their order in a shared
      // chunk cannot change a page: webpack's "Conflicting order" warning is noise here (as in the H5 build below).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        mode: 'hash',
      },
      compile: {
        include: [sharedDir],
      },
      // [contenthash] rather than the template's [hash] (deprecated in webpack 5: a warning per file).
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The H5 build is a local preview and the e2e target, not a public website: webpack's 244 KiB
      // entrypoint hint (React + Taro runtime already exceed it) is noise here.
      webpackChain(chain) {
        chain.performance.hints(false);
        quietProgressOffTerminal(chain);
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
