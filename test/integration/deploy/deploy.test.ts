// `npm run deploy` against a stand-in of the CloudBase management API (cloud-api-standin.ts): the real
// script, the real manager-node and its signed requests; the stand-in records every action. The first
// deploy creates everything, the second writes nothing, a changed index or setting is changed, a
// missing secret stops the deploy before anything is written, --dry-run writes nothing.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../support/emulator.js';
import { listFiles } from '../../../scripts/deploy/zip';
import { deploy } from '../../../scripts/deploy/index';
import { CloudApiStandin, SECRET_ID, SECRET_KEY } from './cloud-api-standin';

const ENV_ID = 'redpark-test-1a2b';
const spec = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as {
  collections: Array<{ name: string; indexes?: Array<{ name: string; keys: Record<string, number>; unique?: boolean; sparse?: boolean }> }>;
};
let bundles: string;
let functionNames: string[];

beforeAll(() => {
  // One build in a folder of its own: the build tests empty dist/cloudfunctions when they run alongside.
  bundles = mkdtempSync(path.join(os.tmpdir(), 'redpark-bundles-'));
  const r = spawnSync(process.execPath, ['scripts/build-functions.mjs', '--out', bundles], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  functionNames = listFiles(bundles).filter((f) => f.endsWith('/index.js')).map((f) => f.split('/')[0]!);
});
afterAll(() => rmSync(bundles, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runDeploy(api: CloudApiStandin, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(REDPARK_|TENCENTCLOUD_|TCB_)/.test(k)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/deploy/index.ts', '--env', ENV_ID, '--functions-dir', bundles, ...args], {
      cwd: ROOT,
      env: { ...base, TCB_BASE_URL: api.url, TENCENTCLOUD_SECRETID: SECRET_ID, TENCENTCLOUD_SECRETKEY: SECRET_KEY, REDPARK_DEPLOY_POLL_MS: '5', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The same deploy in this process (what the CLI calls; a spawned tsx + manager-node costs seconds on
 * this machine): output and failure as the CLI would print them, exit status 1 on an error.
 */
interface HereOptions {
  dryRun?: boolean;
  only?: 'database' | 'functions';
  env?: Record<string, string>;
  functionsDir?: string;
  newSecrets?: string[];
}
async function deployHere(api: CloudApiStandin, opts: HereOptions = {}): Promise<Run> {
  const lines: string[] = [];
  const saved = process.env.TCB_BASE_URL;
  process.env.TCB_BASE_URL = api.url; // read by manager-node on every request
  try {
    await deploy({
      envId: ENV_ID, dryRun: opts.dryRun, only: opts.only, functionsDir: opts.functionsDir ?? bundles, newSecrets: opts.newSecrets, pollMs: 5, log: (l) => lines.push(l),
      env: { TENCENTCLOUD_SECRETID: SECRET_ID, TENCENTCLOUD_SECRETKEY: SECRET_KEY, ...opts.env },
    });
    return { status: 0, stdout: lines.join('\n') + '\n', stderr: '' };
  } catch (e) {
    return { status: 1, stdout: lines.join('\n') + '\n', stderr: (e as Error).message };
  } finally {
    if (saved === undefined) delete process.env.TCB_BASE_URL;
    else process.env.TCB_BASE_URL = saved;
  }
}

const actions = (api: CloudApiStandin) => api.writes().map((c) => `${c.action} ${c.params.TableName ?? c.params.CollectionName ?? c.params.FunctionName}`);

describe('a fresh environment', () => {
  const api = new CloudApiStandin(ENV_ID);
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  test('without credentials it says which are missing and calls nothing', async () => {
    const r = await runDeploy(api, [], { TENCENTCLOUD_SECRETKEY: undefined });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /缺少 TENCENTCLOUD_SECRETKEY/);
    assert.doesNotMatch(r.stderr, /TENCENTCLOUD_SECRETID/);
    assert.equal(api.calls.length, 0);
  });

  test('--dry-run prints the plan and writes nothing', async () => {
    const r = await deployHere(api, { dryRun: true });
    assert.equal(r.status, 0, r.stderr);
    for (const c of spec.collections) assert.match(r.stdout, new RegExp(`\\+ 新建  集合 ${c.name}\\n`));
    for (const f of functionNames) assert.match(r.stdout, new RegExp(`\\+ 新建  云函数 ${f}\\n`));
    assert.match(r.stdout, /定时触发器 daily：0 30 3 \* \* \* \*/);
    assert.match(r.stdout, /环境变量 REDPARK_CARD_SECRET：首次部署，新生成（不显示）/);
    assert.match(r.stdout, /--dry-run：没有做任何修改/);
    assert.deepEqual(actions(api), []);
    assert.ok(api.calls.some((c) => c.action === 'ListTables') && api.calls.some((c) => c.action === 'GetFunction'));
    assert.ok(!api.calls.some((c) => c.action === 'Invoke'), 'no health call on a dry run');
  });

  test('the first deploy creates every collection, index, rule and function, then health answers', async () => {
    api.calls.length = 0;
    const r = await runDeploy(api, []);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    // Database: every collection, its indexes as declared (unique and sparse too), clients shut out.
    assert.deepEqual([...api.collections.keys()].sort(), spec.collections.map((c) => c.name).sort());
    for (const c of spec.collections) {
      const have = api.collections.get(c.name)!;
      assert.equal(have.rule, 'ADMINONLY', c.name);
      assert.deepEqual(
        [...have.indexes].map(([name, i]) => ({ name, keys: Object.fromEntries(i.keys.map((k) => [k.Name, Number(k.Direction)])), unique: i.unique, sparse: i.sparse })),
        (c.indexes ?? []).map((i) => ({ name: i.name, keys: i.keys, unique: Boolean(i.unique), sparse: Boolean(i.sparse) })),
        c.name,
      );
    }
    // Functions: the bundle's files as uploaded, config.json's settings, timers, secrets.
    assert.deepEqual([...api.functions.keys()].sort(), [...functionNames].sort());
    for (const name of functionNames) {
      const f = api.functions.get(name)!;
      const config = JSON.parse(readFileSync(path.join(bundles, name, 'config.json'), 'utf8'));
      // exceljs travels beside the bundles that read or write xlsx (scripts/build-functions.mjs).
      const files = ['config.json', ...(name === 'ledger' || name === 'org' ? ['exceljs.js'] : []), 'index.js', 'package.json'];
      assert.deepEqual([...f.files.keys()].sort(), files, name);
      assert.equal(f.install, false, `${name}: nothing for the cloud to install`);
      assert.ok(f.files.get('index.js')!.equals(readFileSync(path.join(bundles, name, 'index.js'))), name);
      assert.equal(f.timeout, config.timeout, name);
      assert.equal(f.memory, 256, name);
      assert.deepEqual(Object.fromEntries(f.triggers), Object.fromEntries((config.triggers ?? []).map((t: { name: string; config: string }) => [t.name, t.config])), name);
    }
    const user = api.functions.get('user')!.env;
    const volunteer = api.functions.get('volunteer')!.env;
    const study = api.functions.get('study')!.env;
    assert.deepEqual(Object.keys(user).sort(), ['REDPARK_CARD_SECRET', 'REDPARK_VOLUNTEER_SECRET']);
    assert.deepEqual(Object.keys(study), ['REDPARK_CHECKIN_SECRET']);
    assert.equal(user.REDPARK_CARD_SECRET, volunteer.REDPARK_CARD_SECRET, 'one card secret for both functions');
    assert.equal(user.REDPARK_VOLUNTEER_SECRET, volunteer.REDPARK_VOLUNTEER_SECRET);
    assert.notEqual(user.REDPARK_CARD_SECRET, study.REDPARK_CHECKIN_SECRET);
    for (const v of [user.REDPARK_CARD_SECRET!, user.REDPARK_VOLUNTEER_SECRET!, study.REDPARK_CHECKIN_SECRET!]) {
      assert.ok(v.length >= 32);
      assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), 'a secret is never printed');
    }
    assert.deepEqual(api.functions.get('health')!.env, {});
    // The uploaded health bundle ran in the stand-in and answered.
    assert.ok(api.calls.some((c) => c.action === 'Invoke' && c.params.FunctionName === 'health'));
    assert.match(r.stdout, /\[deploy\] health：\{"ok":true,/);
  });

  test('a second deploy with nothing changed writes nothing and still checks health', async () => {
    api.calls.length = 0;
    const r = await deployHere(api);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(actions(api), []);
    assert.match(r.stdout, /新建 0 项，修改 0 项，一致 \d+ 项/);
    assert.match(r.stdout, /一切都已一致，没有做任何修改/);
    assert.match(r.stdout, /health：\{"ok":true,/);
  });

  test('a changed index, rule, timeout and trigger are changed back, keeping variables set in the console', async () => {
    const people = api.collections.get('people')!;
    people.indexes.get('parkId_1_phone_1')!.unique = false; // someone made it non-unique
    people.indexes.delete('parkId_1_name_1');
    people.indexes.set('legacy_1', { keys: [{ Name: 'legacy', Direction: '1' }], unique: false, sparse: false });
    api.collections.get('invites')!.rule = 'READONLY';
    const org = api.functions.get('org')!;
    org.timeout = 3;
    org.env.REDPARK_RATE_LIMITS = '{"write":{"max":5}}';
    api.functions.get('study')!.triggers.set('settle', '0 0 * * * * *');
    const before = { user: { ...api.functions.get('user')!.env } };
    api.calls.length = 0;

    const r = await deployHere(api);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /~ 修改  集合 people\n\s+新建索引 parkId_1_name_1.*\n\s+修改索引 parkId_1_phone_1（parkId 升序，phone 升序，唯一）/);
    assert.match(r.stdout, /索引 legacy_1 不在 collections.json 中，保留不动/);
    assert.deepEqual(actions(api).sort(), [
      'CreateTrigger study', 'DeleteTrigger study', 'ModifySafeRule invites', 'UpdateFunctionConfiguration org', 'UpdateTable people', 'UpdateTable people',
    ]);
    const [drop, create] = api.writes().filter((c) => c.action === 'UpdateTable');
    assert.deepEqual(drop!.params.DropIndexes, [{ IndexName: 'parkId_1_phone_1' }]);
    assert.deepEqual(create!.params.CreateIndexes.map((i: { IndexName: string }) => i.IndexName), ['parkId_1_phone_1', 'parkId_1_name_1']);
    assert.equal(people.indexes.get('parkId_1_phone_1')!.unique, true);
    assert.ok(people.indexes.has('legacy_1'));
    assert.equal(api.collections.get('invites')!.rule, 'ADMINONLY');
    assert.equal(org.timeout, 20);
    assert.equal(org.env.REDPARK_RATE_LIMITS, '{"write":{"max":5}}', 'a variable set in the console survives');
    assert.equal(api.functions.get('study')!.triggers.get('settle'), '0 */10 * * * * *');
    assert.deepEqual(api.functions.get('user')!.env, before.user, 'secrets kept');
  });

  test('a secret that deployed functions read but nobody holds stops the deploy before anything is written', async () => {
    delete api.functions.get('study')!.env.REDPARK_CHECKIN_SECRET;
    api.collections.get('parks')!.indexes.clear(); // a change that must not be written either
    api.calls.length = 0;
    const r = await deployHere(api);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /不能部署，没有做任何修改/);
    assert.match(r.stderr, /REDPARK_CHECKIN_SECRET 缺失：已部署的云函数 study 读取它/);
    assert.match(r.stderr, /--new-secret REDPARK_CHECKIN_SECRET/);
    assert.deepEqual(actions(api), []);
    assert.ok(!api.calls.some((c) => c.action === 'Invoke'));

    // Given back from the shell, it is set again (and the parks index restored).
    const restored = 'a-restored-checkin-secret-of-forty-characters';
    const again = await deployHere(api, { env: { REDPARK_CHECKIN_SECRET: restored } });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(api.functions.get('study')!.env.REDPARK_CHECKIN_SECRET, restored);
    assert.ok(!again.stdout.includes(restored));
    assert.equal(api.collections.get('parks')!.indexes.size, 1);
  });
  test('changed code is uploaded again and the new package answers health', async () => {
    const changed = mkdtempSync(path.join(os.tmpdir(), 'redpark-bundles-changed-'));
    try {
      cpSync(bundles, changed, { recursive: true });
      const index = path.join(changed, 'health/index.js');
      writeFileSync(index, `${readFileSync(index, 'utf8')}\n// a new version\n`);
      api.calls.length = 0;
      const r = await deployHere(api, { functionsDir: changed });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /~ 修改  云函数 health\n\s+代码：\w{16} → \w{16}\n/);
      assert.deepEqual(actions(api), ['UpdateFunctionCode health', 'UpdateFunctionConfiguration health']);
      assert.ok(api.functions.get('health')!.files.get('index.js')!.toString().endsWith('// a new version\n'));
      // It waited for the update to finish before configuring (the stand-in refuses a busy function).
      const polls = api.calls.map((c) => c.action);
      assert.ok(polls.indexOf('UpdateFunctionConfiguration') > polls.lastIndexOf('UpdateFunctionCode') + 1);
      assert.match(r.stdout, /health：\{"ok":true,/);
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  });

  test('--only database reads and writes no function; --new-secret replaces that secret everywhere and nothing else', async () => {
    api.collections.get('branches')!.rule = 'PRIVATE';
    api.calls.length = 0;
    const db = await deployHere(api, { only: 'database' });
    assert.equal(db.status, 0, db.stderr);
    assert.deepEqual(actions(api), ['ModifySafeRule branches']);
    assert.ok(!api.calls.some((c) => c.service === 'scf' && c.action !== 'Invoke'), 'no function was looked at');

    const before = { card: api.functions.get('user')!.env.REDPARK_CARD_SECRET, volunteer: api.functions.get('user')!.env.REDPARK_VOLUNTEER_SECRET };
    api.calls.length = 0;
    const fn = await deployHere(api, { only: 'functions', newSecrets: ['REDPARK_CARD_SECRET'] });
    assert.equal(fn.status, 0, fn.stderr);
    assert.ok(!api.calls.some((c) => c.service === 'tcb' && c.action !== 'DescribeEnvInfo'), 'no collection was looked at');
    // health goes back to the build's package (the test before deployed a changed one).
    assert.deepEqual(actions(api).sort(), ['UpdateFunctionCode health', 'UpdateFunctionConfiguration health', 'UpdateFunctionConfiguration user', 'UpdateFunctionConfiguration volunteer']);
    const [user, volunteer] = [api.functions.get('user')!.env, api.functions.get('volunteer')!.env];
    assert.notEqual(user.REDPARK_CARD_SECRET, before.card);
    assert.equal(user.REDPARK_CARD_SECRET, volunteer.REDPARK_CARD_SECRET);
    assert.equal(user.REDPARK_VOLUNTEER_SECRET, before.volunteer);
    assert.match(fn.stdout, /环境变量 REDPARK_CARD_SECRET：更换（按 --new-secret 重新生成，不显示）/);
    assert.ok(!fn.stdout.includes(user.REDPARK_CARD_SECRET!));
  });
});

describe('the wrong environment', () => {
  const api = new CloudApiStandin('another-env-9z');
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  test('is named, and nothing is called beyond asking for it', async () => {
    const r = await deployHere(api, { only: 'database' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`找不到云开发环境 ${ENV_ID}`));
    expect(api.calls.map((c) => c.action)).toEqual(['DescribeEnvInfo']);
  });
});
