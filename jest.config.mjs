// Jest runs every test (npm test → scripts/test.mjs → jest). TypeScript is compiled by @swc/jest to
// CommonJS, which works in this "type": "module" package without --experimental-vm-modules
// (import.meta.url is rewritten; better-sqlite3 and child processes work). Each project sets its
// timeout in a setup file: `testTimeout` inside projects[] is ignored (jest #9759).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

/**
 * One project per kind of test: where its files are, and its per-test timeout (setup file).
 * `moduleNameMapper` and `setupFilesAfterEnv` add to the defaults; `realm: false` leaves out realm.ts
 * (it patches Node's `Response`, which a jsdom environment does not have).
 */
const project = (name, { timeout, moduleNameMapper = {}, setupFilesAfterEnv = [], realm = true, ...rest } = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`, `<rootDir>/test/${name}/**/*.test.tsx`],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // Imports written `./x.js` for ESM resolve to the TypeScript file `./x.ts`.
  moduleNameMapper: { ...moduleNameMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFilesAfterEnv: [
    `<rootDir>/test/support/jest/timeout-${timeout}.ts`,
    ...(realm ? ['<rootDir>/test/support/jest/realm.ts'] : []),
    ...setupFilesAfterEnv,
  ],
  testEnvironment: 'node',
  ...rest,
});

export default {
  rootDir: '.',
  projects: [
    project('unit', { timeout: 30 }),
    // The mini-program's components, hooks and page logic rendered with @testing-library/react in
    // jsdom: `@tarojs/components` is its React build (the web components of the H5 build), and
    // `@tarojs/taro` a recording mock (test/component/support/taro.ts).
    project('component', {
      timeout: 30,
      realm: false,
      testEnvironment: 'jsdom',
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^@tarojs/taro$': '<rootDir>/test/component/support/taro.ts',
        '\\.(s?css|sass)$': '<rootDir>/test/component/support/style.ts',
        '^@shared/(.*)$': '<rootDir>/shared/$1',
        // Imported by the Swiper web component, which nothing here renders (an .mjs bundle of 300 KB).
        '^swiper/bundle$': '<rootDir>/test/component/support/swiper.ts',
        // The ES build, which webpack bundles into the app: its CommonJS build (what Jest would load)
        // differs (it carries a UTF-8 encoder the ES build lacks).
        '^qrcode-generator$': '<rootDir>/node_modules/qrcode-generator/dist/qrcode.mjs',
      },
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/component/support/setup.ts'],
      // Build-time constants Taro's webpack defines (H5 build: the components define themselves;
      // the runtime's defaults), read by @tarojs/runtime and the React build.
      globals: {
        DEPRECATED_ADAPTER_COMPONENT: false,
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: false,
        ENABLE_SIZE_APIS: false,
        ENABLE_TEMPLATE_CONTENT: false,
        ENABLE_CLONE_NODE: false,
        ENABLE_CONTAINS: false,
        ENABLE_MUTATION_OBSERVER: false,
      },
      // The React build and the web components it defines are ES modules (with their own nested
      // node_modules, e.g. a bundled tslib): compile everything under these packages too.
      transformIgnorePatterns: ['^(?!.*/node_modules/(@tarojs|@stencil|qrcode-generator)/).*/node_modules/'],
    }),
    project('integration', { timeout: 300 }),
    project('build', { timeout: 300 }),
    project('e2e', { timeout: 300 }),
    project('automator', { timeout: 300 }),
  ],
  reporters: ['default', '<rootDir>/test/support/jest/skipped-reporter.cjs'],
};
