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

/** One project per kind of test: where its files are, and its per-test timeout (setup file). */
const project = (name, { timeout, ...rest } = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`, `<rootDir>/test/${name}/**/*.test.tsx`],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // Imports written `./x.js` for ESM resolve to the TypeScript file `./x.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFilesAfterEnv: [`<rootDir>/test/support/jest/timeout-${timeout}.ts`, '<rootDir>/test/support/jest/realm.ts'],
  testEnvironment: 'node',
  ...rest,
});

export default {
  rootDir: '.',
  projects: [
    project('unit', { timeout: 30 }),
    project('integration', { timeout: 300 }),
    project('build', { timeout: 300 }),
    project('e2e', { timeout: 300 }),
    project('automator', { timeout: 300 }),
  ],
  reporters: ['default', '<rootDir>/test/support/jest/skipped-reporter.cjs'],
};
