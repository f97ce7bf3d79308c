// npm run emulator -- --port <n> [--data <dir> | --memory] [--spec <file>]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_MB, Emulator } from './server.js';
import { loadSpec } from './spec.js';
import { loadWxConfig } from './wx/config.js';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

function loadFunctionEnv(file: string | undefined): Record<string, Record<string, string>> | undefined {
  if (!file) return undefined;
  const parsed = z.record(z.string(), z.record(z.string(), z.string())).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`invalid function env file ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');
const DEFAULT_SPEC = path.join(ROOT, 'cloudfunctions/collections.json');
const DEFAULT_FUNCTIONS = path.join(ROOT, 'cloudfunctions');
const DEFAULT_WX = path.join(ROOT, 'cloudfunctions/wx.local.json');
const DEFAULT_FUNCTION_ENV = path.join(ROOT, 'cloudfunctions/env.local.json');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    data: { type: 'string' },
    memory: { type: 'boolean', default: false },
    spec: { type: 'string', default: DEFAULT_SPEC },
    'tx-lifetime-ms': { type: 'string', default: '60000' },
    'max-body-mb': { type: 'string', default: '16' },
    'max-file-mb': { type: 'string', default: String(DEFAULT_MAX_FILE_MB) },
    sync: { type: 'string', default: 'normal' },
    static: { type: 'string' },
    functions: { type: 'string', multiple: true, default: [DEFAULT_FUNCTIONS] },
    'wx-config': { type: 'string' },
    local: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    'max-instances': { type: 'string', default: '8' },
    'manual-timers': { type: 'boolean', default: false },
    env: { type: 'string', default: 'redpark-local' },
    'function-env': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- --port <n> [--data <dir> | --memory] [--spec <collections.json>]
  --port            port on 127.0.0.1 (0 picks a free one)             default 8787
  --data <dir>      keep the database in <dir>/emulator.sqlite, files in <dir>/storage.sqlite + <dir>/storage/  default .data/
  --memory          keep nothing on disk
  --spec <file>     collections and indexes                             default cloudfunctions/collections.json
  --tx-lifetime-ms  an open transaction is aborted after this long      default 60000
  --max-body-mb     larger request bodies are refused                   default 16
  --max-file-mb     larger uploads to cloud storage are refused         default ${DEFAULT_MAX_FILE_MB}
  --sync normal|full  SQLite synchronous mode (full also survives power loss) default normal
  --static <dir>    serve this folder (the H5 build) at /
  --functions <dir> cloud function folders (repeat to add more roots)   default cloudfunctions/
  --wx-config <f>   WeChat openapi stand-in: appid, templates, word lists default cloudfunctions/wx.local.json
  --local           local mode: the H5 gateway POST /functions/<name> is on
  --watch           restart function instances when cloudfunctions/ or shared/ change
  --max-instances n instances per function (SCF scales out; here a cap)  default 8
  --manual-timers   timers fire only when asked (clock jumps still fire them)
  --env <id>        the environment id functions see                     default redpark-local
  --function-env <f> per-function environment variables {"*": {…}, "<fn>": {…}} default cloudfunctions/env.local.json`);
  process.exit(0);
}

const maxFileMb = Number(values['max-file-mb']);
if (!(maxFileMb > 0)) {
  console.error('--max-file-mb must be a positive number');
  process.exit(2);
}
if (values.memory && values.data) {
  console.error('choose one of --memory and --data');
  process.exit(2);
}
const sync = values.sync.toUpperCase();
if (sync !== 'NORMAL' && sync !== 'FULL') {
  console.error('--sync must be normal or full');
  process.exit(2);
}
let file = ':memory:';
if (!values.memory) {
  const dir = path.resolve(values.data ?? '.data');
  mkdirSync(dir, { recursive: true });
  file = path.join(dir, 'emulator.sqlite');
}

const emulator = new Emulator({
  port: Number(values.port),
  file,
  spec: loadSpec(values.spec),
  txLifetimeMs: Number(values['tx-lifetime-ms']),
  maxBodyBytes: Number(values['max-body-mb']) * 1024 * 1024,
  maxFileBytes: Math.round(maxFileMb * 1024 * 1024),
  synchronous: sync,
  staticDir: values.static ? path.resolve(values.static) : undefined,
  functionsDir: values.functions.map((d) => path.resolve(d)),
  watchDirs: values.watch ? [path.join(ROOT, 'shared')] : undefined,
  local: values.local,
  wx: loadWxConfig(values['wx-config'] ?? (existsSync(DEFAULT_WX) ? DEFAULT_WX : undefined)),
  maxInstances: Number(values['max-instances']),
  timers: !values['manual-timers'],
  envId: values.env,
  functionEnv: loadFunctionEnv(values['function-env'] ?? (existsSync(DEFAULT_FUNCTION_ENV) ? DEFAULT_FUNCTION_ENV : undefined)),
});
const url = await emulator.listen();
console.log(`CloudBase emulator listening on ${url}`);
console.log(`  admin API (serviceUrl): ${url}/admin   storage: ${file === ':memory:' ? 'memory' : file}   files: ${file === ':memory:' ? 'memory' : path.join(path.dirname(file), 'storage')} (max ${maxFileMb} MB)`);
console.log(`  functions: ${emulator.registry?.list().map((f) => f.name).join(', ') || 'none'}   console: ${url}/_emulator/console${values.local ? `   gateway: ${url}/functions/<name>, ${url}/files` : ''}`);

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void emulator.close().then(() => process.exit(0));
  });
}
