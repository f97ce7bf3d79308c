// npm run emulator -- --port <n> [--data <dir> | --memory] [--spec <file>]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Emulator } from './server.js';
import { loadSpec } from './spec.js';

const DEFAULT_SPEC = path.resolve(import.meta.dirname ?? '.', '../cloudfunctions/collections.json');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    data: { type: 'string' },
    memory: { type: 'boolean', default: false },
    spec: { type: 'string', default: DEFAULT_SPEC },
    'tx-lifetime-ms': { type: 'string', default: '60000' },
    'max-body-mb': { type: 'string', default: '16' },
    sync: { type: 'string', default: 'normal' },
    static: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- --port <n> [--data <dir> | --memory] [--spec <collections.json>]
  --port            port on 127.0.0.1 (0 picks a free one)             default 8787
  --data <dir>      keep the database in <dir>/emulator.sqlite         default .data/
  --memory          keep nothing on disk
  --spec <file>     collections and indexes                             default cloudfunctions/collections.json
  --tx-lifetime-ms  an open transaction is aborted after this long      default 60000
  --max-body-mb     larger request bodies are refused                   default 16
  --sync normal|full  SQLite synchronous mode (full also survives power loss) default normal
  --static <dir>    serve this folder (the H5 build) at /`);
  process.exit(0);
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
  synchronous: sync,
  staticDir: values.static ? path.resolve(values.static) : undefined,
});
const url = await emulator.listen();
console.log(`CloudBase emulator listening on ${url}`);
console.log(`  admin API (serviceUrl): ${url}/admin   storage: ${file === ':memory:' ? 'memory' : file}`);

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void emulator.close().then(() => process.exit(0));
  });
}
