// `npm test`: sets up whatever is missing, type-checks, then runs every test with Jest (jest.config.mjs:
// one project per kind of test: unit, component, integration, build, e2e, automator).
//   npm test                  everything
//   npm test -- <files...>    only these test files (still type-checked; e2e files build the app first)
//   npm test -- <files...> --testNamePattern <re>    any other Jest flag is passed through
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDevTools } from './devtools.cjs';
import { ensureBrowser, ensureNpm } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// A build's output goes to the console and to dist/<log> (test/build/weapp-build.test.ts reads it: a log
// must carry no progress bars).
function buildStep(name, script, log) {
  console.log(`\n=== ${name}`);
  const t = Date.now();
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  mkdirSync('dist', { recursive: true });
  writeFileSync(path.join('dist', log), Buffer.concat([r.stdout, r.stderr]));
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out.sort();
}

ensureNpm();
const args = process.argv.slice(2);
// Test files (or folders of them) are the arguments that exist on disk; the rest go to Jest as they are.
const picked = args.filter((a) => !a.startsWith('-') && existsSync(a));
const flags = args.filter((a) => !picked.includes(a));
const files = picked.length ? picked.flatMap((p) => (statSync(p).isDirectory() ? testFiles(p) : [p])) : testFiles('test');
if (files.some((f) => /[\\/]e2e[\\/]/.test(f))) ensureBrowser();

step('type-check', 'node_modules/.bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
step('type-check miniapp', 'node_modules/.bin/tsc', ['-p', 'miniapp/tsconfig.json', '--noEmit']);
step('type-check component tests', 'node_modules/.bin/tsc', ['-p', 'test/component/tsconfig.json', '--noEmit']);
// The build and e2e tests check the real builds, so make them first. The automator suite drives the
// weapp build in WeChat DevTools: build it for that suite only where DevTools is (elsewhere it skips).
const kinds = (re) => files.some((f) => re.test(f));
const e2eOrBuild = kinds(/[\\/](e2e|build)[\\/]/);
const automator = kinds(/[\\/]automator[\\/]/);
const devtools = findDevTools();
if (e2eOrBuild || (automator && devtools.mode !== 'none')) buildStep('build weapp', 'build:weapp', 'weapp-build.log');
if (e2eOrBuild) buildStep('build h5', 'build:h5', 'h5-build.log');
if (automator && devtools.mode === 'none') console.log(`\n=== automator suite: no weapp build (${devtools.reason})`);
step(`tests (${files.length} files)`, process.execPath, [
  'node_modules/jest/bin/jest.js',
  ...(picked.length ? ['--runTestsByPath', ...files] : []),
  ...flags,
], { TENCENTCLOUD: 'true', SILENCE: 'true' });
