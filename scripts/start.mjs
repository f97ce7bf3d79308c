// `npm start`: runs Redpark locally — installs what is missing, builds the H5 app, starts the emulator
// (database kept in .data/) in local mode — the H5 app and its /functions gateway on one origin,
// function sources watched so edits apply without a restart — and prints the URL.
//   PORT=8787 npm start      choose the port (default 8787)
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpm } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureNpm();

console.log('[start] building the H5 app (dist/h5)…');
const build = spawnSync('npm', ['run', '--silent', 'build:h5'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('[start] the H5 build failed; see above.');
  process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '8787';
const emulator = spawn(
  process.execPath,
  ['--import', 'tsx', 'emulator/cli.ts', '--port', port, '--data', '.data', '--static', 'dist/h5', '--local', '--watch'],
  { stdio: 'inherit', env: { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true' } },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => emulator.kill(sig));
emulator.on('exit', (code) => process.exit(code ?? 0));
console.log(`[start] Redpark: open http://127.0.0.1:${port}/  ·  emulator console: http://127.0.0.1:${port}/_emulator/console  (Ctrl-C stops it)`);
