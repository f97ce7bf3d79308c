// `npm run deploy -- --env <envId> [--dry-run] [--only functions|database|miniprogram]`: a park's
// CloudBase environment and mini-program from this repository, re-runnable. It plans first (reads
// only), stops before writing anything when something is missing, prints the plan, applies what
// differs, then calls `health` in the environment and prints its reply. docs/DEPLOY.md tells the
// whole way from an empty WeChat account; the pieces are database.ts, functions.ts, miniprogram.ts.
//
// Credentials only from the environment: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and
// TENCENTCLOUD_SESSIONTOKEN for temporary keys); for the upload REDPARK_WEAPP_APPID and
// REDPARK_WEAPP_UPLOAD_KEY (a path). Other options:
//   --no-build           use dist/cloudfunctions as it is (otherwise `npm run build:functions` first)
//   --functions-dir <d>  deploy the built function folders in <d> instead (no build)
//   --version 1.2.0 --desc "…"   the mini-program version to upload
//   --new-secret NAME    generate a new value for a secret the functions already hold (repeatable)
// REDPARK_DEPLOY_POLL_MS sets how often a function's readiness is polled (1000; the tests use 5).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSpec } from '../../emulator/spec';
import { type Cloud, connect } from './cloud.js';
import { planDatabase } from './database.js';
import { planFunctions, readBundles } from './functions.js';
import { type MiniprogramCi, buildWeapp, planMiniprogram } from './miniprogram.js';
import { AREAS, AREA_NAMES, type Area, type AreaPlan, type Step, formatPlan } from './plan.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class DeployError extends Error {}

export interface DeployOptions {
  envId: string;
  dryRun?: boolean;
  only?: Area;
  /** Run build:functions first (default true). */
  build?: boolean;
  version?: string;
  desc?: string;
  newSecrets?: string[];
  /** Where credentials and secrets are read from (process.env). */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  functionsDir?: string;
  /** Interval of the "is the function ready" poll (1 s). */
  pollMs?: number;
  ci?: () => Promise<MiniprogramCi>;
  buildWeapp?: (envId: string) => void;
  /** Where buildWeapp puts the mini-program (dist/weapp). */
  weappDir?: string;
}

export interface DeployResult {
  steps: Step[];
  applied: number;
  health?: unknown;
}

const ENV_ID_RE = /^[a-z0-9][a-z0-9-]{2,}$/;

export async function deploy(o: DeployOptions): Promise<DeployResult> {
  const env = o.env ?? process.env;
  const log = o.log ?? ((l: string) => console.log(l));
  if (!ENV_ID_RE.test(o.envId)) throw new DeployError(`环境 ID “${o.envId}”不对：在云开发控制台的环境设置里复制（例如 redpark-1g2h3j4k5l6m7n8o）`);
  const areas = o.only ? [o.only] : [...AREAS];
  const cloudAreas = areas.filter((a) => a !== 'miniprogram');

  let cloud: Cloud | undefined;
  if (cloudAreas.length) {
    const missing = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !env[k]);
    if (missing.length) {
      throw new DeployError(`缺少 ${missing.join('、')}：用有云开发和云函数权限的子用户密钥（docs/DEPLOY.md 第 2 步），export 到这个终端后再运行（不要写进仓库里的文件）`);
    }
    cloud = await connect(o.envId, { secretId: env.TENCENTCLOUD_SECRETID!, secretKey: env.TENCENTCLOUD_SECRETKEY!, token: env.TENCENTCLOUD_SESSIONTOKEN });
  }

  const plans: Partial<Record<Area, AreaPlan>> = {};
  if (cloud && areas.includes('database')) {
    plans.database = await planDatabase(cloud, loadSpec(path.join(ROOT, 'cloudfunctions/collections.json')));
  }
  if (cloud && areas.includes('functions')) {
    if (o.build !== false && !o.functionsDir) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs')], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new DeployError(`构建云函数（npm run build:functions）失败：\n${r.stderr}`);
    }
    const bundles = readBundles(o.functionsDir ?? path.join(ROOT, 'dist/cloudfunctions'));
    plans.functions = bundles.length
      ? await planFunctions(cloud, bundles, {
          shellSecrets: Object.fromEntries(Object.entries(env).filter(([k]) => /^REDPARK_[A-Z0-9_]+_SECRET$/.test(k))),
          newSecrets: o.newSecrets ?? [],
          pollMs: o.pollMs ?? 1000,
        })
      : { steps: [], problems: ['dist/cloudfunctions 里没有云函数：先运行 npm run build:functions'] };
  }
  if (areas.includes('miniprogram')) {
    plans.miniprogram = planMiniprogram({
      weappDir: o.weappDir ?? path.join(ROOT, 'dist/weapp'), envId: o.envId, appid: env.REDPARK_WEAPP_APPID, keyPath: env.REDPARK_WEAPP_UPLOAD_KEY, version: o.version, desc: o.desc, templateIds: env.REMINDER_TEMPLATE_IDS,
      required: o.only === 'miniprogram', build: o.buildWeapp ?? buildWeapp(ROOT),
      ci: o.ci ?? (async () => (await import('miniprogram-ci')) as unknown as MiniprogramCi), log,
    });
  }

  const steps = areas.flatMap((a) => plans[a]?.steps ?? []);
  const problems = areas.flatMap((a) => plans[a]?.problems ?? []);
  log(`[deploy] 云开发环境 ${o.envId}${o.dryRun ? '（--dry-run：只列出计划）' : ''}`);
  for (const a of areas) {
    if (!plans[a]) continue;
    log(`[deploy] ${AREA_NAMES[a]}：`);
    for (const line of formatPlan(plans[a]!.steps)) log(line);
  }
  if (problems.length) {
    throw new DeployError(`不能部署，没有做任何修改：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const todo = steps.filter((s) => s.apply && (s.status === 'create' || s.status === 'change'));
  const count = (st: Step['status']) => steps.filter((s) => s.status === st).length;
  log(`[deploy] 新建 ${count('create')} 项，修改 ${count('change')} 项，一致 ${count('same')} 项${count('skip') ? `，跳过 ${count('skip')} 项` : ''}`);
  if (o.dryRun) {
    log('[deploy] --dry-run：没有做任何修改');
    return { steps, applied: 0 };
  }
  for (const s of todo) {
    log(`[deploy] ${s.status === 'create' ? '新建' : '修改'} ${s.target} …`);
    await s.apply!();
  }
  log(todo.length ? `[deploy] 完成：${todo.length} 项已写入` : '[deploy] 一切都已一致，没有做任何修改');

  let health: unknown;
  if (cloud) {
    health = await callHealth(cloud);
    log(`[deploy] health：${JSON.stringify(health)}`);
    if (!(health as { ok?: boolean } | null)?.ok) throw new DeployError('health 没有回答 ok：在云开发控制台查看 health 函数的日志');
  }
  return { steps, applied: todo.length, health };
}

async function callHealth(cloud: Cloud): Promise<unknown> {
  try {
    const r = await cloud.scf('Invoke', { FunctionName: 'health', Namespace: cloud.namespace, InvocationType: 'RequestResponse', LogType: 'None', ClientContext: '{}' });
    const result = (r.Result ?? {}) as { RetMsg?: string; ErrMsg?: string };
    if (result.ErrMsg) return { ok: false, error: result.ErrMsg };
    return JSON.parse(result.RetMsg ?? 'null');
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

async function cli() {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      version: { type: 'string' },
      desc: { type: 'string' },
      'new-secret': { type: 'string', multiple: true },
      'functions-dir': { type: 'string' },
    },
  });
  if (!values.env) {
    throw new DeployError('用法：npm run deploy -- --env <环境 ID> [--dry-run] [--only functions|database|miniprogram] [--version 1.0.0 --desc 说明] [--no-build] [--new-secret 名称]');
  }
  if (values.only && !(AREAS as readonly string[]).includes(values.only)) throw new DeployError(`--only 只能是 ${AREAS.join('、')}`);
  await deploy({
    envId: values.env, dryRun: values['dry-run'], only: values.only as Area | undefined, build: !values['no-build'],
    version: values.version, desc: values.desc, newSecrets: values['new-secret'] ?? [],
    functionsDir: values['functions-dir'] ? path.resolve(values['functions-dir']) : undefined,
    pollMs: Number(process.env.REDPARK_DEPLOY_POLL_MS) || undefined,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((e) => {
    console.error(`[deploy] ${e instanceof DeployError ? e.message : `失败：${(e as Error).message}`}`);
    process.exit(1);
  });
}
