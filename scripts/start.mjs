// `npm start`: runs Redpark locally — installs what is missing, builds the H5 app, starts the emulator
// (database kept in .data/) in local mode — the H5 app and its /functions gateway on one origin,
// function sources watched so edits apply without a restart — loads the demo park (once; idempotent) and
// prints the URL. The H5 app then asks which demo persona the browser acts as (local mode only).
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
  { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true' } },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => emulator.kill(sig));
emulator.on('exit', (code) => process.exit(code ?? 0));

// Once the emulator listens, load the demo park (scripts/seed-demo.ts writes nothing when it is there).
let out = '';
let seeded = false;
emulator.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (seeded) return;
  out += chunk;
  const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
  if (!m) return;
  seeded = true;
  // Asynchronously: the emulator's output must keep flowing while the seed talks to it.
  const seed = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts', '--url', m[1]], { stdio: 'inherit' });
  seed.on('exit', (code) => {
    if (code !== 0) console.error('[start] the demo park could not be loaded; the app runs without it (see above).');
    console.log(`[start] Redpark: open ${m[1]}/ and choose a demo persona  ·  emulator console: ${m[1]}/_emulator/console  (Ctrl-C stops it)`);
    if (code !== 0) return;
    // Then a few months of demo activity through the real awardPoints (the SDK inside the functions' library
    // finds the emulator through TCB_CONTEXT_CNFG, as in a function instance); a rerun awards nothing new.
    const env = { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true', TENCENTCLOUD_SECRETID: 'local', TENCENTCLOUD_SECRETKEY: 'local', TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${m[1]}/admin` }) };
    const points = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/points.ts'], { stdio: 'inherit', env });
    points.on('exit', (pointsCode) => {
      if (pointsCode !== 0) {
        console.error('[start] the demo points could not be awarded; the app runs without them (see above).');
        return;
      }
      // Then this month's 一月一专题, the secretaries' 主题党日 / 大党课 and some progress, through the real
      // `study` function as the demo personas; a rerun creates nothing new.
      const study = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/study.ts'], { stdio: 'inherit', env });
      study.on('exit', (studyCode) => {
        if (studyCode !== 0) console.error('[start] the demo study topic and meetings could not be loaded; the app runs without them (see above).');
        // Then volunteering: a finished activity with confirmed hours, one today (to try the sign-in code),
        // one recruiting next week with a waitlist and a branch activity, through the real `volunteer`
        // function as the demo personas; a rerun creates nothing new.
        const volunteer = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/volunteer.ts'], { stdio: 'inherit', env });
        volunteer.on('exit', (volunteerCode) => {
          if (volunteerCode !== 0) console.error('[start] the demo volunteer activities could not be loaded; the app runs without them (see above).');
        });
      });
    });
  });
});
