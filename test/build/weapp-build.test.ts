// The weapp build (made by `npm test` before the tests run) is a loadable mini-program package.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';

const WEAPP = path.join(ROOT, 'dist/weapp');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
}

function sizeOf(dir: string): number {
  return readdirSync(dir).reduce((n, f) => {
    const p = path.join(dir, f);
    return n + (statSync(p).isDirectory() ? sizeOf(p) : statSync(p).size);
  }, 0);
}

test('the weapp build has app.json, every page, shared code compiled in, and fits the 2 MB package limit', () => {
  assert.ok(existsSync(path.join(WEAPP, 'app.json')), 'dist/weapp is missing: npm run build:weapp');
  const app = JSON.parse(readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as { pages: string[]; cloud?: boolean };
  assert.ok(app.pages.includes('pages/index/index'));
  assert.equal(app.cloud, true);
  for (const page of app.pages) for (const ext of ['.js', '.json', '.wxml']) assert.ok(existsSync(path.join(WEAPP, page + ext)), `${page}${ext}`);
  const js = [...readdirSync(WEAPP).filter((f) => f.endsWith('.js')), 'pages/index/index.js']
    .map((f) => readFileSync(path.join(WEAPP, f), 'utf8'))
    .join('\n');
  assert.match(js, /chinaDateString: invalid Date/, 'shared/time.ts is compiled into the package');
  assert.match(js, /\$isDayjsObject/, 'dayjs, which shared/time.ts uses, is compiled into the main package');
  // The mini-program runs no eval or new Function (zod is jitless for the same reason); the one allowed is webpack's
  // `new Function("return this")`, tried only where globalThis is missing.
  const all = files(WEAPP).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8')).join('\n');
  assert.doesNotMatch(all, /\beval\(/);
  assert.deepEqual(all.match(/new Function\([^)]*\)/g) ?? [], ['new Function("return this")']);
  // The main package is dist/weapp without the subpackages (packages/*, each its own 2 MB; size.test.ts has the budgets).
  const main = sizeOf(WEAPP) - sizeOf(path.join(WEAPP, 'packages'));
  assert.ok(main < 2 * 1024 * 1024, `main package ${main} bytes`);
  const project = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as Record<string, string>;
  assert.equal(project.miniprogramRoot, 'dist/weapp/');
  assert.equal(project.cloudfunctionRoot, 'cloudfunctions/');
});

test('the builds npm test made logged no progress bars (webpackbar redraws them with terminal escapes)', () => {
  for (const log of ['weapp-build.log', 'h5-build.log']) {
    const file = path.join(ROOT, 'dist', log);
    assert.ok(existsSync(file), `dist/${log} is missing: scripts/test.mjs writes it when it builds (npm test -- test/build)`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /Taro v\d/, `dist/${log} is a Taro build's log`);
    assert.doesNotMatch(text, /\x1b\[\d*[AKG]/, `dist/${log} has cursor movements: a progress bar`);
    assert.ok(text.split('\n').length < 400, `dist/${log} has ${text.split('\n').length} lines`);
  }
});
