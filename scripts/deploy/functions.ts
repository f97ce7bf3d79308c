// The functions: each folder of dist/cloudfunctions (npm run build:functions) becomes a CloudBase
// function with its config.json's timeout, memory (memorySize, default 256 MB) and timer triggers;
// config.json travels inside the package, where the platform reads its openapi permissions (云调用).
// The secrets each bundle reads (REDPARK_…_SECRET, found in its code) are set as environment
// variables, the same value in every function that reads one. A secret comes from the deploy shell
// when exported there, else from the functions that already hold it; it is generated only while no
// deployed function reads it yet (the first deploy) or when asked (--new-secret NAME). A deployed
// function that reads a secret nobody holds any more stops the deploy before anything is written:
// a new value would void every code and certificate signed with the old one. Values are never printed.
// Other environment variables a function has (set in the console) are kept: the API replaces the
// whole set on every configuration update.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type Cloud, CloudApiError } from './cloud.js';
import type { AreaPlan, Step } from './plan.js';
import { listFiles, zipFolder } from './zip.js';

/** The runtime new functions get (the bundles target Node 16 and up). */
export const RUNTIME = 'Nodejs18.15';
export const DEFAULT_MEMORY_MB = 256;
/** Largest zip sent inline (Code.ZipFile), as manager-node checks it. */
export const MAX_ZIP_BYTES = 1.5 * 1024 * 1024;
const SECRET_RE = /\bREDPARK_[A-Z0-9_]+_SECRET\b/g;

export interface FunctionConfig {
  timeout?: number;
  memorySize?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
  permissions?: { openapi?: string[] };
}

export interface Bundle {
  name: string;
  dir: string;
  config: FunctionConfig;
  /** sha256 of the folder's files, 16 hex: in the function's description, to see an unchanged bundle. */
  hash: string;
  secrets: string[];
}

export function readBundles(root: string): Bundle[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'index.js')))
    .map((d) => {
      const dir = path.join(root, d.name);
      const h = createHash('sha256');
      for (const rel of listFiles(dir)) h.update(`${rel}\0`).update(readFileSync(path.join(dir, rel))).update('\0');
      const configFile = path.join(dir, 'config.json');
      const config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as FunctionConfig) : {};
      const code = readFileSync(path.join(dir, 'index.js'), 'utf8');
      return { name: d.name, dir, config, hash: h.digest('hex').slice(0, 16), secrets: [...new Set(code.match(SECRET_RE) ?? [])].sort() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const zips = new Map<string, Buffer>();
/** The bundle's zip, made once per content (a re-plan in the same process reuses it). */
const zipOf = (b: Bundle) => {
  const key = `${b.dir}\0${b.hash}`;
  if (!zips.has(key)) zips.set(key, zipFolder(b.dir));
  return zips.get(key)!;
};

export const descriptionOf = (b: Bundle) => `红色园区 ${b.name} 代码 ${b.hash}`;

interface CloudFunction {
  Status?: string;
  Timeout?: number;
  MemorySize?: number;
  Description?: string;
  Environment?: { Variables?: Array<{ Key: string; Value: string }> };
  Triggers?: Array<{ Type?: string; TriggerName?: string; TriggerDesc?: string }>;
}

/** A timer's cron as GetFunction returns it: `{"cron":"…"}` or the bare expression. */
const cronOf = (desc = '') => {
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    return parsed.cron ?? desc;
  } catch {
    return desc;
  }
};
const envMap = (f: CloudFunction) => Object.fromEntries((f.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
const sameMap = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
const variables = (m: Record<string, string>) => ({ Variables: Object.entries(m).sort(([a], [b]) => a.localeCompare(b)).map(([Key, Value]) => ({ Key, Value })) });

export interface FunctionOptions {
  /** Secrets exported in the deploy shell (REDPARK_…_SECRET=…). */
  shellSecrets: Record<string, string | undefined>;
  /** Secrets to generate anew even though functions hold one (--new-secret). */
  newSecrets: string[];
  pollMs: number;
}

export async function planFunctions(cloud: Cloud, bundles: Bundle[], opts: FunctionOptions): Promise<AreaPlan> {
  const problems: string[] = [];
  const steps: Step[] = [];
  const deployed = new Map<string, CloudFunction>();
  for (const b of bundles) {
    try {
      deployed.set(b.name, (await cloud.scf('GetFunction', { FunctionName: b.name, Namespace: cloud.namespace })) as CloudFunction);
    } catch (e) {
      if (!(e instanceof CloudApiError && e.code.startsWith('ResourceNotFound'))) throw e;
    }
  }

  // One value per secret, the same in every function that reads it.
  const secretValues = new Map<string, { value: string; source: string }>();
  for (const secret of [...new Set(bundles.flatMap((b) => b.secrets))].sort()) {
    const readers = bundles.filter((b) => b.secrets.includes(secret)).map((b) => b.name);
    const holders = [...deployed.entries()].filter(([, f]) => envMap(f)[secret]);
    const held = new Set(holders.map(([, f]) => envMap(f)[secret]!));
    const shell = opts.shellSecrets[secret];
    if (shell !== undefined) {
      if (shell.length < 32) problems.push(`部署环境变量 ${secret} 太短：至少 32 个字符`);
      else secretValues.set(secret, { value: shell, source: '取自部署环境变量' });
    } else if (opts.newSecrets.includes(secret)) {
      secretValues.set(secret, { value: randomBytes(32).toString('base64url'), source: '按 --new-secret 重新生成' });
    } else if (held.size > 1) {
      problems.push(`${secret} 在云函数 ${holders.map(([n]) => n).join('、')} 中的值不一致：请在部署环境中 export ${secret}=<要保留的值> 后重新部署`);
    } else if (held.size === 1) {
      secretValues.set(secret, { value: [...held][0]!, source: '沿用已有的值' });
    } else if (readers.some((n) => deployed.has(n))) {
      problems.push(
        `${secret} 缺失：已部署的云函数 ${readers.filter((n) => deployed.has(n)).join('、')} 读取它，但环境里没有任何云函数保存着它。` +
          `请 export ${secret}=<原来的值> 后重新部署；确实要换新值时加 --new-secret ${secret}（用旧值签发的二维码和证明将失效）`,
      );
    } else {
      secretValues.set(secret, { value: randomBytes(32).toString('base64url'), source: '首次部署，新生成' });
    }
  }

  for (const b of bundles) {
    const target = `云函数 ${b.name}`;
    const timeout = b.config.timeout ?? 3;
    const memory = b.config.memorySize ?? DEFAULT_MEMORY_MB;
    const triggers = (b.config.triggers ?? []).filter((t) => t.type === 'timer');
    const zip = zipOf(b);
    const zipBytes = () => zip;
    const size = zip.length;
    if (size > MAX_ZIP_BYTES) problems.push(`${target} 的代码包压缩后 ${(size / 1048576).toFixed(1)} MB，超过直接上传的 1.5 MB`);
    const secretNotes = b.secrets.map((s) => `环境变量 ${s}：${secretValues.get(s)?.source ?? '缺失'}（不显示）`);
    const openapi = b.config.permissions?.openapi ?? [];
    const common = [
      ...(openapi.length ? [`云调用权限（随代码包的 config.json）：${openapi.join('、')}`] : []),
    ];
    const have = deployed.get(b.name);
    const secretsOf = () => Object.fromEntries(b.secrets.flatMap((s) => (secretValues.has(s) ? [[s, secretValues.get(s)!.value]] : [])));
    const wait = () => waitActive(cloud, b.name, opts.pollMs);
    const createTrigger = (t: { name: string; config: string }) =>
      cloud.scf('CreateTrigger', { FunctionName: b.name, Namespace: cloud.namespace, TriggerName: t.name, Type: 'timer', TriggerDesc: t.config, Enable: 'OPEN' });
    if (!have) {
      steps.push({
        area: 'functions', target, status: 'create',
        details: [
          `代码 ${b.hash}（${(size / 1024).toFixed(0)} KB），${RUNTIME}，超时 ${timeout} 秒，内存 ${memory} MB`,
          ...triggers.map((t) => `定时触发器 ${t.name}：${t.config}`),
          ...secretNotes,
          ...common,
        ],
        apply: async () => {
          // InstallDependency FALSE: the bundle carries the SDK and everything else (scripts/build-functions.mjs).
          await cloud.scf('CreateFunction', {
            FunctionName: b.name, Namespace: cloud.namespace, Runtime: RUNTIME, Handler: 'index.main', InstallDependency: 'FALSE',
            Code: { ZipFile: zipBytes().toString('base64') }, Timeout: timeout, MemorySize: memory, Description: descriptionOf(b),
            Environment: variables(secretsOf()), Role: 'TCB_QcsRole', Stamp: 'MINI_QCBASE',
          });
          await wait();
          for (const t of triggers) await createTrigger(t);
        },
      });
      continue;
    }
    const codeChanged = have.Description !== descriptionOf(b);
    const current = envMap(have);
    const wantEnv = { ...current, ...secretsOf() };
    const envChanged = !sameMap(current, wantEnv);
    const configChanged = codeChanged || envChanged || have.Timeout !== timeout || have.MemorySize !== memory;
    const haveTriggers = (have.Triggers ?? []).filter((t) => t.Type === 'timer');
    const addTriggers = triggers.filter((t) => !haveTriggers.some((h) => h.TriggerName === t.name && cronOf(h.TriggerDesc) === t.config));
    const dropTriggers = haveTriggers.filter((h) => !triggers.some((t) => h.TriggerName === t.name && cronOf(h.TriggerDesc) === t.config));
    const details = [
      ...(codeChanged ? [`代码：${have.Description?.match(/代码 (\w+)/)?.[1] ?? '未知版本'} → ${b.hash}`] : []),
      ...(have.Timeout !== timeout ? [`超时：${have.Timeout} → ${timeout} 秒`] : []),
      ...(have.MemorySize !== memory ? [`内存：${have.MemorySize} → ${memory} MB`] : []),
      ...b.secrets.filter((s) => current[s] !== wantEnv[s]).map((s) => `环境变量 ${s}：${current[s] ? '更换' : '设置'}（${secretValues.get(s)?.source}，不显示）`),
      ...dropTriggers.map((t) => `删除定时触发器 ${t.TriggerName}：${cronOf(t.TriggerDesc)}`),
      ...addTriggers.map((t) => `新建定时触发器 ${t.name}：${t.config}`),
    ];
    const changed = details.length > 0;
    steps.push({
      area: 'functions', target, status: changed ? 'change' : 'same',
      details: changed ? [...details, ...common] : [`代码 ${b.hash}、超时、内存、触发器和环境变量都一致`, ...common],
      apply: changed
        ? async () => {
            await wait(); // a function still updating (from the console, or a deploy cut short) refuses changes
            if (codeChanged) {
              await cloud.scf('UpdateFunctionCode', {
                FunctionName: b.name, Namespace: cloud.namespace, Handler: 'index.main', InstallDependency: 'FALSE', Code: { ZipFile: zipBytes().toString('base64') },
              });
              await wait();
            }
            if (configChanged) {
              await cloud.scf('UpdateFunctionConfiguration', {
                FunctionName: b.name, Namespace: cloud.namespace, Timeout: timeout, MemorySize: memory, Description: descriptionOf(b), Environment: variables(wantEnv),
              });
              await wait();
            }
            for (const t of dropTriggers) {
              await cloud.scf('DeleteTrigger', { FunctionName: b.name, Namespace: cloud.namespace, TriggerName: t.TriggerName, Type: 'timer' });
            }
            for (const t of addTriggers) await createTrigger(t);
          }
        : undefined,
    });
  }
  return { steps, problems };
}

/** Polls GetFunction until the function is Active (at once when it already is). */
export async function waitActive(cloud: Cloud, name: string, pollMs: number, limitMs = 300_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const f = (await cloud.scf('GetFunction', { FunctionName: name, Namespace: cloud.namespace })) as CloudFunction & { StatusDesc?: string };
    if (f.Status === 'Active') return;
    if (/Failed$/i.test(f.Status ?? '')) throw new Error(`云函数 ${name} 部署失败：${f.Status} ${f.StatusDesc ?? ''}`);
    if (Date.now() - started > limitMs) throw new Error(`云函数 ${name} 等待 ${limitMs / 1000} 秒仍未就绪（${f.Status}）`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
