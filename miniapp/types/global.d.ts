/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro for the build: affects the output. */
    NODE_ENV?: 'development' | 'production';
    /** The platform being built. */
    TARO_ENV?: 'weapp' | 'h5';
    /** The CloudBase environment id baked into the build by `npm run deploy` ('' for the default). */
    REDPARK_CLOUD_ENV?: string;
    /** Where the display screen's H5 site is hosted, for the links 园区管理 · 大屏 gives out ('' when not set; docs/DEPLOY.md §9). */
    REDPARK_DISPLAY_SITE?: string;
    /** The ledger function's HTTP 访问服务 address the display screen calls ('' → the local gateway's /functions/ledger). */
    REDPARK_DISPLAY_API?: string;
  }
}
