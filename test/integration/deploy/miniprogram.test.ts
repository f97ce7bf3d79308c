// The mini-program part of `npm run deploy`: the weapp build with the environment id baked in, then
// miniprogram-ci's upload, here a recording fake (the real one talks to WeChat with the upload key).
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deploy } from '../../../scripts/deploy/index';
import type { MiniprogramCi } from '../../../scripts/deploy/miniprogram';

const ENV_ID = 'redpark-test-1a2b';
let tmp: string;
let keyPath: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'redpark-mp-'));
  keyPath = path.join(tmp, 'private.wx0123456789abcdef.key');
  writeFileSync(keyPath, '-----BEGIN RSA PRIVATE KEY-----\nnot a real key\n-----END RSA PRIVATE KEY-----\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fakes(bake = true) {
  const weappDir = path.join(tmp, `weapp-${Math.random().toString(36).slice(2)}`);
  const builds: string[] = [];
  const projects: unknown[] = [];
  const instances: unknown[] = [];
  const uploads: Array<Record<string, unknown>> = [];
  class Project {
    constructor(readonly opts: unknown) {
      projects.push(opts);
      instances.push(this);
    }
  }
  const ci: MiniprogramCi = {
    Project: Project as unknown as MiniprogramCi['Project'],
    upload: async (opts) => {
      uploads.push(opts as Record<string, unknown>);
      return { subPackageInfo: [] };
    },
  };
  const buildWeapp = (envId: string) => {
    builds.push(envId);
    mkdirSync(weappDir, { recursive: true });
    // As the Taro build leaves it: the define's value in the app's code.
    writeFileSync(path.join(weappDir, 'app.js'), `wx.cloud.init({env:${JSON.stringify(bake ? envId : '')},traceUser:!0});`);
  };
  return { weappDir, builds, projects, instances, uploads, options: { ci: async () => ci, buildWeapp, weappDir } };
}

async function run(o: Parameters<typeof deploy>[0]) {
  const lines: string[] = [];
  try {
    await deploy({ ...o, log: (l) => lines.push(l) });
    return { ok: true, out: lines.join('\n'), error: '' };
  } catch (e) {
    return { ok: false, out: lines.join('\n'), error: (e as Error).message };
  }
}

describe('deploy --only miniprogram', () => {
  test('without the appid and upload key it says what is missing and builds nothing', async () => {
    const f = fakes();
    const r = await run({ envId: ENV_ID, only: 'miniprogram', version: '1.0.0', env: {}, ...f.options });
    assert.equal(r.ok, false);
    assert.match(r.error, /REDPARK_WEAPP_APPID（小程序的 AppID）、REDPARK_WEAPP_UPLOAD_KEY（代码上传密钥文件的路径）/);
    assert.deepEqual([f.builds.length, f.uploads.length], [0, 0]);
  });

  test('a missing version or key file stops before the build', async () => {
    const f = fakes();
    const r = await run({ envId: ENV_ID, only: 'miniprogram', env: { REDPARK_WEAPP_APPID: 'wx0123456789abcdef', REDPARK_WEAPP_UPLOAD_KEY: path.join(tmp, 'nope.key') }, ...f.options });
    assert.equal(r.ok, false);
    assert.match(r.error, /找不到代码上传密钥文件/);
    assert.match(r.error, /--version/);
    assert.deepEqual([f.builds.length, f.uploads.length], [0, 0]);
  });

  test('--dry-run plans the upload and neither builds nor uploads', async () => {
    const f = fakes();
    const r = await run({ envId: ENV_ID, only: 'miniprogram', dryRun: true, version: '1.2.0', desc: '首次上线', env: { REDPARK_WEAPP_APPID: 'wx0123456789abcdef', REDPARK_WEAPP_UPLOAD_KEY: keyPath }, ...f.options });
    assert.equal(r.ok, true, r.error);
    assert.match(r.out, /\+ 新建  小程序\n\s+构建 weapp（云开发环境 redpark-test-1a2b），上传为版本 1\.2\.0：首次上线（AppID wx0123456789abcdef）/);
    assert.deepEqual([f.builds.length, f.uploads.length], [0, 0]);
  });

  test('builds for the environment and uploads that build as the version given', async () => {
    const f = fakes();
    const r = await run({ envId: ENV_ID, only: 'miniprogram', version: '1.2.0', desc: '首次上线', env: { REDPARK_WEAPP_APPID: 'wx0123456789abcdef', REDPARK_WEAPP_UPLOAD_KEY: keyPath }, ...f.options });
    assert.equal(r.ok, true, r.error);
    assert.deepEqual(f.builds, [ENV_ID]);
    assert.deepEqual(f.projects, [{ appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: f.weappDir, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] }]);
    assert.equal(f.uploads.length, 1);
    assert.equal(f.uploads[0]!.version, '1.2.0');
    assert.equal(f.uploads[0]!.desc, '首次上线');
    assert.equal(f.uploads[0]!.project, f.instances[0], 'the project made for the build is the one uploaded');
    assert.match(r.out, /小程序版本 1\.2\.0 已上传/);
  });

  test('a build without the environment id is not uploaded', async () => {
    const f = fakes(false);
    const r = await run({ envId: ENV_ID, only: 'miniprogram', version: '1.2.1', env: { REDPARK_WEAPP_APPID: 'wx0123456789abcdef', REDPARK_WEAPP_UPLOAD_KEY: keyPath }, ...f.options });
    assert.equal(r.ok, false);
    assert.match(r.error, /dist\/weapp 中没有环境 ID redpark-test-1a2b/);
    assert.equal(f.uploads.length, 0);
  });

  test('REMINDER_TEMPLATE_IDS: counted in the plan when set, named when missing, refused before the build when wrong', async () => {
    const env = { REDPARK_WEAPP_APPID: 'wx0123456789abcdef', REDPARK_WEAPP_UPLOAD_KEY: keyPath };
    let f = fakes();
    let r = await run({ envId: ENV_ID, only: 'miniprogram', dryRun: true, version: '1.2.2', env: { ...env, REMINDER_TEMPLATE_IDS: '{"TPL_STUDY_DUE":"AbC-12_x","TPL_TODO":"ZyX98"}' }, ...f.options });
    assert.equal(r.ok, true, r.error);
    assert.match(r.out, /订阅消息模板 ID：2 个（REMINDER_TEMPLATE_IDS），缺 TPL_TOPIC_PUBLISHED、/);
    r = await run({ envId: ENV_ID, only: 'miniprogram', dryRun: true, version: '1.2.2', env, ...f.options });
    assert.match(r.out, /没有设置 REMINDER_TEMPLATE_IDS：小程序不能请求订阅消息授权/);
    for (const [bad, why] of [['{TPL_TODO:1}', /不是 JSON/], ['{"TPL_NOPE":"x"}', /不认识的模板名：TPL_NOPE/], ['{"TPL_TODO":""}', /TPL_TODO 的模板ID不对/]] as const) {
      f = fakes();
      r = await run({ envId: ENV_ID, only: 'miniprogram', version: '1.2.2', env: { ...env, REMINDER_TEMPLATE_IDS: bad }, ...f.options });
      assert.equal(r.ok, false, bad);
      assert.match(r.error, why);
      assert.deepEqual([f.builds.length, f.uploads.length], [0, 0]);
    }
  });
});
