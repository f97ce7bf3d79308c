// `npm test`: sets up whatever is missing, type-checks, then runs every test file with node's test runner.
//   npm test                  everything
//   npm test -- <files...>    only these test files (still type-checked)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

ensureNpm();
const picked = process.argv.slice(2);
const files = picked.length ? picked : testFiles('test');
if (files.some((f) => /[\\/]e2e[\\/]/.test(f))) ensureBrowser();

step('type-check', 'node_modules/.bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
step('type-check miniapp', 'node_modules/.bin/tsc', ['-p', 'miniapp/tsconfig.json', '--noEmit']);
// The build and e2e tests check the real builds, so make them first.
if (files.some((f) => /[\\/](e2e|build)[\\/]/.test(f))) {
  step('build weapp', 'npm', ['run', '--silent', 'build:weapp']);
  step('build h5', 'npm', ['run', '--silent', 'build:h5']);
}
step(`tests (${files.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  TENCENTCLOUD: 'true',
  SILENCE: 'true',
});
