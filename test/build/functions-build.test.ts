// `npm run build:functions` makes deployable folders: shared/ and the SDK are bundled in (nothing for
// CloudBase to install), exceljs sits beside the bundles that use it, and the bundle runs as CloudBase would run it.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';

test('each function becomes index.js + config.json + package.json, with shared/, dayjs and the SDK compiled in', async () => {
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dir = path.join(ROOT, 'dist/cloudfunctions/health');
  const bundle = readFileSync(path.join(dir, 'index.js'), 'utf8');
  assert.doesNotMatch(bundle, /require\(["'][^"']*shared/, 'shared code is inside the bundle, not required');
  // Minified: no module comments to find dayjs by, so by what its utc plugin and the SDK leave in the code.
  assert.match(bundle, /utcOffset/, 'dayjs (shared/time.ts) is compiled in with its utc plugin');
  assert.match(bundle, /SYMBOL_CURRENT_ENV/, 'the SDK is compiled in');
  assert.doesNotMatch(bundle, /require\(["'](dayjs|@cloudbase\/node-sdk|zod)/, 'nothing is left for the runtime to install');
  assert.ok(!existsSync(path.join(dir, 'exceljs.js')), 'exceljs only beside the functions that use it');
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.dependencies, {});
  // zod's ~45 locales are not shipped: zh-CN only (its English default aside).
  assert.doesNotMatch(bundle, /Nieprawid/);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')), { timeout: 3 });

  const { main } = createRequire(import.meta.url)(path.join(dir, 'index.js')) as { main: (e: unknown, c: unknown) => Promise<any> };
  const environment = JSON.stringify({ WX_OPENID: 'o_bundle', TCB_SOURCE: 'wx_client', WX_CONTEXT_KEYS: 'WX_OPENID', TCB_CONTEXT_KEYS: 'TCB_SOURCE' });
  const reply = await main({}, { environment });
  assert.equal(reply.ok, true);
  assert.deepEqual(reply.caller, { openid: 'o_bundle', source: 'wx_client' });
  assert.match(reply.chinaDate, /^\d{4}-\d{2}-\d{2}$/);
});

test('exceljs is a file of its own beside the functions that read or write xlsx, required on first use', () => {
  // The build above ran first in this file (jest runs a file's tests in order).
  for (const name of ['ledger', 'org']) {
    const dir = path.join(ROOT, 'dist/cloudfunctions', name);
    const bundle = readFileSync(path.join(dir, 'index.js'), 'utf8');
    assert.match(bundle, /import\("\.\/exceljs\.js"\)/, name);
    assert.ok(bundle.length < 1.6e6, `${name}'s index.js does not carry exceljs (${bundle.length} bytes)`);
    const excel = createRequire(import.meta.url)(path.join(dir, 'exceljs.js')) as { Workbook?: unknown };
    assert.equal(typeof excel.Workbook, 'function', `${name}/exceljs.js is exceljs`);
  }
});

test('each function carries only the contracts it answers, not every function\'s schemas', () => {
  // Built by the first test. esbuild keeps the top-level zod calls of every module reached, so one value imported
  // through shared/contract's index would build all ten contracts' schemas at each cold start.
  const bundle = (name: string) => readFileSync(path.join(ROOT, 'dist/cloudfunctions', name, 'index.js'), 'utf8');
  // Minified output escapes Chinese as \uXXXX.
  const has = (code: string, text: string) => code.includes(text) || code.includes(text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
  const orgOnly = '党小组名称'; // shared/contract/org.ts
  const scoreOnly = '分值最多 1000'; // shared/contract/score.ts
  assert.ok(has(bundle('org'), orgOnly) && has(bundle('score'), scoreOnly), 'the markers are found where they belong');
  for (const name of ['health', 'housekeeping', 'red-flag', 'study', 'pledge', 'review']) {
    assert.ok(!has(bundle(name), orgOnly), `${name} does not carry the org contract`);
    assert.ok(!has(bundle(name), scoreOnly), `${name} does not carry the score contract`);
  }
});
