// `npm run build:functions` makes deployable folders: shared/ is bundled in, the SDK is the one
// declared dependency, and the bundle runs as CloudBase would run it.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';

test('each function becomes index.js + config.json + package.json, with shared/ (and dayjs) compiled in', async () => {
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dir = path.join(ROOT, 'dist/cloudfunctions/health');
  const bundle = readFileSync(path.join(dir, 'index.js'), 'utf8');
  assert.doesNotMatch(bundle, /require\(["'][^"']*shared/, 'shared code is inside the bundle, not required');
  assert.match(bundle, /^\/\/ node_modules\/dayjs\/plugin\/utc\.js$/m, 'dayjs (shared/time.ts) is compiled in with its utc plugin');
  assert.doesNotMatch(bundle, /require\(["']dayjs/, 'dayjs is not left for the runtime to install');
  assert.match(bundle, /require\("@cloudbase\/node-sdk"\)/);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.dependencies, { '@cloudbase/node-sdk': '3.18.3' });
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')), { timeout: 3 });

  const { main } = createRequire(import.meta.url)(path.join(dir, 'index.js')) as { main: (e: unknown, c: unknown) => Promise<any> };
  const environment = JSON.stringify({ WX_OPENID: 'o_bundle', TCB_SOURCE: 'wx_client', WX_CONTEXT_KEYS: 'WX_OPENID', TCB_CONTEXT_KEYS: 'TCB_SOURCE' });
  const reply = await main({}, { environment });
  assert.equal(reply.ok, true);
  assert.deepEqual(reply.caller, { openid: 'o_bundle', source: 'wx_client' });
  assert.match(reply.chinaDate, /^\d{4}-\d{2}-\d{2}$/);
});
