// `npm start`: runs Redpark locally — installs what is missing, builds the H5 app, starts the emulator
// (database kept in .data/) in local mode — the H5 app and its /functions gateway on one origin,
// function sources watched so edits apply without a restart — loads the demo park (once; idempotent) and
// prints the URL. The H5 app then asks which demo persona the browser acts as (local mode only).
//   PORT=8787 npm start      choose the port (default 8787; 0 picks a free one)
//   npm start -- --no-build  use dist/h5 as it is (skips the ~2.5 min H5 build after a first run)
//   npm start -- --memory    keep the database in memory: a fresh demo park each time, nothing in .data/
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureNpm } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values: options } = parseArgs({ options: { 'no-build': { type: 'boolean' }, memory: { type: 'boolean' } } });
ensureNpm();

if (!options['no-build']) {
  console.log('[start] building the H5 app (dist/h5)…');
  const build = spawnSync('npm', ['run', '--silent', 'build:h5'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('[start] the H5 build failed; see above.');
    process.exit(build.status ?? 1);
  }
}

const port = process.env.PORT ?? '8787';
const emulator = spawn(
  process.execPath,
  ['--import', 'tsx', 'emulator/cli.ts', '--port', port, ...(options.memory ? ['--memory'] : ['--data', '.data']), '--static', 'dist/h5', '--local', '--watch'],
  { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true' } },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => emulator.kill(sig));
emulator.on('exit', (code) => process.exit(code ?? 0));

// Once the emulator listens, load the demo park and its activity, step by step, then say once that Redpark is
// ready: someone who opens the app before that would find no topic. Each step is idempotent (a rerun writes
// nothing new) and a failed step leaves the app running without its part.
const run = (script, env) =>
  new Promise((resolve) => {
    spawn(process.execPath, ['--import', 'tsx', ...script], { stdio: 'inherit', env }).on('exit', (code) => resolve(code === 0));
  });

async function loadDemo(url) {
  console.log(`[start] the emulator listens on ${url}; loading the demo park… (wait for the ready line)`);
  if (!(await run(['scripts/seed-demo.ts', '--url', url], process.env))) {
    return 'the demo park could not be loaded; the app runs without it (see above)';
  }
  // The demo's activity goes through the real functions' library and the real functions as the demo personas
  // (the SDK finds the emulator through TCB_CONTEXT_CNFG, as in a function instance).
  const env = { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true', TENCENTCLOUD_SECRETID: 'local', TENCENTCLOUD_SECRETKEY: 'local', TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }) };
  const steps = [
    // a few months of points through the real awardPoints
    ['scripts/demo/points.ts', 'the demo points'],
    // this month's 一月一专题, the secretaries' 主题党日 / 大党课 and some progress
    ['scripts/demo/study.ts', 'the demo study topic and meetings'],
    // a finished activity with confirmed hours, one today (to try the sign-in code), one recruiting next week
    // with a waitlist and a branch activity
    ['scripts/demo/volunteer.ts', 'the demo volunteer activities'],
    // this year's 三评议 in progress: opened by the park admin, some ratings and two branch decisions
    ['scripts/demo/review.ts', 'the demo 三评议'],
    // pledges in every state (承诺践诺): written, returned, approved, claimed, fulfilled and rated, not fulfilled,
    // overdue, withdrawn, a branch pledge
    ['scripts/demo/pledges.ts', 'the demo pledges'],
  ];
  const missing = [];
  for (const [script, what] of steps) {
    if (!(await run([script], env))) missing.push(what);
    // Points first: the later steps build on the park's points table.
    if (missing.length && script === 'scripts/demo/points.ts') break;
  }
  return missing.length ? `${missing.join(', ')} could not be loaded; the app runs without them (see above)` : '';
}

let out = '';
let started = false;
emulator.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (started) return;
  out += chunk;
  const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
  if (!m) return;
  started = true;
  // Asynchronously: the emulator's output must keep flowing while the demo talks to it.
  void loadDemo(m[1]).then((problem) => {
    if (problem) console.error(`[start] ${problem}.`);
    console.log(`[start] ready: open ${m[1]}/ and choose a demo persona  ·  emulator console: ${m[1]}/_emulator/console  (Ctrl-C stops it)`);
  });
});
