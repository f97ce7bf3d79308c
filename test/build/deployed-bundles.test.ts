// What `npm run deploy` uploads runs as CloudBase runs it: each function's package (the deploy's own
// zip of its dist/cloudfunctions folder) unpacked, its package.json `main` required and the `main`
// export called with an event and a platform context. `health` answers; every other function answers
// a `health` request without touching the database (no such action, or timer-only).
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';
import { readBundles } from '../../scripts/deploy/functions';
import { unzip, zipFolder } from '../../scripts/deploy/zip';

// Outside the repository: a package needs nothing installed (the SDK is inside its bundle), so nothing may
// resolve from the project's node_modules.
const unpacked = path.join(os.tmpdir(), `redpark-deployed-bundles-${process.pid}`);
let bundles: ReturnType<typeof readBundles>;

beforeAll(() => {
  // Built into a folder of its own (other tests rebuild dist/cloudfunctions meanwhile).
  const built = path.join(unpacked, 'built');
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs', '--out', built], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  bundles = readBundles(built);
  for (const b of bundles) {
    const dir = path.join(unpacked, 'deployed', b.name);
    mkdirSync(dir, { recursive: true });
    for (const [file, data] of unzip(zipFolder(b.dir))) writeFileSync(path.join(dir, file), data);
  }
});
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

const client = { environment: JSON.stringify({ WX_OPENID: 'o_deployed', TCB_SOURCE: 'wx_client', WX_CONTEXT_KEYS: 'WX_OPENID', TCB_CONTEXT_KEYS: 'TCB_SOURCE' }) };
/** What a timer-only function says to anyone but the platform's timer; UNKNOWN_ACTION from a router. */
const TIMER_ONLY = new Set(['housekeeping', 'red-flag']);

test('every deployed package loads from its package.json main and answers health', async () => {
  const sources = readdirSync(path.join(ROOT, 'cloudfunctions')).filter((n) => existsSync(path.join(ROOT, 'cloudfunctions', n, 'index.ts')));
  expect(bundles.map((b) => b.name)).toEqual(sources.sort());
  expect(sources).toContain('health');
  for (const b of bundles) {
    const dir = path.join(unpacked, 'deployed', b.name);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main: string };
    const entry = path.join(dir, pkg.main);
    // CloudBase's handler is index.main: the file the deploy names and the export it calls.
    assert.equal(pkg.main, 'index.js', b.name);
    const mod = createRequire(entry)(entry) as { main?: (event: unknown, context: unknown) => Promise<any> };
    assert.equal(typeof mod.main, 'function', `${b.name} exports main`);
    const reply = await mod.main!({ action: 'health' }, client);
    if (b.name === 'health') {
      assert.equal(reply.ok, true);
      assert.deepEqual(reply.caller, { openid: 'o_deployed', source: 'wx_client' });
      assert.match(reply.chinaDate, /^\d{4}-\d{2}-\d{2}$/);
    } else {
      assert.equal(reply.ok, false, b.name);
      assert.equal(reply.error.code, TIMER_ONLY.has(b.name) ? 'FORBIDDEN' : 'UNKNOWN_ACTION', b.name);
      assert.ok(typeof reply.error.message === 'string' && /[\u4e00-\u9fa5]/.test(reply.error.message), `${b.name} answers in Chinese`);
    }
  }
});

test('ledger answers an HTTP 访问服务 request (the display screen in production) as a caller with no identity', async () => {
  const dir = path.join(unpacked, 'deployed', 'ledger');
  const { main } = createRequire(path.join(dir, 'index.js'))(path.join(dir, 'index.js')) as { main: (e: unknown, c: unknown) => Promise<any> };
  const http = (body: string, isBase64Encoded = false) => ({ httpMethod: 'POST', path: '/functions/ledger', headers: { 'content-type': 'application/json' }, body, isBase64Encoded });
  const resultOf = (reply: any) => {
    assert.equal(reply.statusCode, 200);
    assert.match(reply.headers['content-type'], /^application\/json/);
    assert.equal(reply.headers['access-control-allow-origin'], '*', 'the page may be served from another origin');
    return JSON.parse(reply.body).result;
  };
  // The instance's environment still names a WeChat user (a call before this one): the request must not become them.
  const saved = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID };
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o_previous_caller' });
  try {
    const list = resultOf(await main(http(JSON.stringify({ data: { action: 'displayKeys.list', input: {} } })), client));
    assert.deepEqual([list.ok, list.error.code], [false, 'UNAUTHENTICATED']);
    // display.get is the one it reaches: a key too long is refused by the contract (before any database read).
    const bad = resultOf(await main(http(Buffer.from(JSON.stringify({ data: { action: 'display.get', input: { key: 'k'.repeat(201) } } })).toString('base64'), true), client));
    assert.deepEqual([bad.ok, bad.error.code], [false, 'INVALID_INPUT']);
    const preflight = await main({ ...http(''), httpMethod: 'OPTIONS' }, client);
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    const notJson = resultOf(await main(http('not json'), client));
    assert.deepEqual([notJson.ok, notJson.error.code], [false, 'INVALID_INPUT']);
  } finally {
    for (const [k, v] of [['WX_CONTEXT_KEYS', saved.keys], ['WX_OPENID', saved.openid]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
