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
  }
}
