// The mini-program: the weapp build with the CloudBase environment id baked in (REDPARK_CLOUD_ENV,
// which miniapp/config defines for app.tsx's wx.cloud.init), uploaded as a version with miniprogram-ci
// when an upload key is given (REDPARK_WEAPP_APPID, REDPARK_WEAPP_UPLOAD_KEY: the key's file path,
// downloaded from mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AreaPlan } from './plan.js';
import { TEMPLATE_IDS, parseTemplateIds } from '../../shared/reminders';

/** The part of miniprogram-ci the deploy uses. */
export interface MiniprogramCi {
  Project: new (opts: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(opts: { project: unknown; version: string; desc: string; robot?: number; setting?: Record<string, boolean>; onProgressUpdate?: (m: unknown) => void }): Promise<unknown>;
}

export interface MiniprogramOptions {
  /** The weapp build's folder (dist/weapp). */
  weappDir: string;
  envId: string;
  appid?: string;
  keyPath?: string;
  version?: string;
  desc?: string;
  /** REMINDER_TEMPLATE_IDS from the shell: WeChat's template ids, baked into the build (miniapp/config). */
  templateIds?: string;
  /** Asked for explicitly (--only miniprogram): a missing key is a problem rather than a skip. */
  required: boolean;
  /** Builds dist/weapp with the env id (npm run build:weapp); replaceable in tests. */
  build: (envId: string) => void;
  ci: () => Promise<MiniprogramCi>;
  log: (line: string) => void;
}

export function buildWeapp(root: string): (envId: string) => void {
  return (envId) => {
    const r = spawnSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, REDPARK_CLOUD_ENV: envId, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error('小程序构建（npm run build:weapp）失败');
  };
}

/** Does the build in dir carry the environment id (in app.js or a chunk it loads)? */
export function buildCarriesEnv(dir: string, envId: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).filter((f) => f.endsWith('.js')).some((f) => readFileSync(path.join(dir, f), 'utf8').includes(JSON.stringify(envId)));
}

export function planMiniprogram(o: MiniprogramOptions): AreaPlan {
  const missing = [
    ...(o.appid ? [] : ['REDPARK_WEAPP_APPID（小程序的 AppID）']),
    ...(o.keyPath ? [] : ['REDPARK_WEAPP_UPLOAD_KEY（代码上传密钥文件的路径）']),
  ];
  const target = '小程序';
  if (missing.length) {
    const why = `没有设置 ${missing.join('、')}，不上传`;
    return o.required ? { steps: [], problems: [`上传小程序需要 ${missing.join('、')}`] } : { steps: [{ area: 'miniprogram', target, status: 'skip', details: [why] }], problems: [] };
  }
  const problems: string[] = [];
  if (!existsSync(o.keyPath!)) problems.push(`找不到代码上传密钥文件 ${o.keyPath}`);
  if (!o.version) problems.push('上传小程序需要 --version <版本号>（例如 1.0.0）');
  const templates = parseTemplateIds(o.templateIds);
  if (templates.problem) problems.push(templates.problem);
  const nIds = Object.keys(templates.ids).length;
  const templateLine = nIds
    ? `订阅消息模板 ID：${nIds} 个（REMINDER_TEMPLATE_IDS）${nIds < TEMPLATE_IDS.length ? `，缺 ${TEMPLATE_IDS.filter((t) => !templates.ids[t]).join('、')}` : ''}`
    : '没有设置 REMINDER_TEMPLATE_IDS：小程序不能请求订阅消息授权，提醒只在「学习」页的消息里（docs/DEPLOY.md 第 3 步）';
  const desc = o.desc ?? `环境 ${o.envId}`;
  return {
    problems,
    steps: [
      {
        area: 'miniprogram', target, status: 'create',
        details: [`构建 weapp（云开发环境 ${o.envId}），上传为版本 ${o.version ?? '?'}：${desc}（AppID ${o.appid}）`, templateLine],
        apply: async () => {
          o.build(o.envId);
          const dir = o.weappDir;
          if (!buildCarriesEnv(dir, o.envId)) throw new Error(`dist/weapp 中没有环境 ID ${o.envId}：构建没有带上 REDPARK_CLOUD_ENV`);
          const ci = await o.ci();
          const project = new ci.Project({ appid: o.appid!, type: 'miniProgram', projectPath: dir, privateKeyPath: o.keyPath!, ignores: ['node_modules/**/*'] });
          await ci.upload({ project, version: o.version!, desc, robot: 1, setting: { es6: false, minify: true } });
          o.log(`[deploy] 小程序版本 ${o.version} 已上传；在 mp.weixin.qq.com → 版本管理 中设为体验版或提交审核`);
        },
      },
    ],
  };
}
