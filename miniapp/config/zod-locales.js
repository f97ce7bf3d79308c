// Stands in for zod's locales/index.js in the mini-program build (miniapp/config/index.ts): zod's `z` re-exports
// every locale (`z.locales`), and webpack cannot drop the unused ones, so each subpackage that validates would carry
// about 45 languages. shared/contract/zod.ts uses zh-CN only (zod's English default comes from its own import).
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
