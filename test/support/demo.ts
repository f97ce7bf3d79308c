// The demo park in a test, as `npm start` loads it (scripts/start.mjs): the roster seeded straight into the database,
// then each demo step run as its own process through the real functions (the SDK in the functions' library finds the
// emulator through TCB_CONTEXT_CNFG).
import { spawn } from 'node:child_process';
import { seedDemoPark } from '../../scripts/seed-demo';
import { type EmulatorHandle, ROOT } from './emulator.js';

/** Every demo step, in start.mjs's order. */
export const DEMO_STEPS = ['scripts/demo/points.ts', 'scripts/demo/study.ts', 'scripts/demo/volunteer.ts', 'scripts/demo/review.ts', 'scripts/demo/pledges.ts'];

/** One demo step. Asynchronously: a blocked event loop would let the SDK's idle keep-alive sockets go stale. */
export function runDemoStep(emu: EmulatorHandle, script: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, TENCENTCLOUD: 'true', SILENCE: 'true', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emu.baseUrl}/admin` }) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The demo park with the given steps done; a step that fails stops the test with its output. */
export async function loadDemoPark(emu: EmulatorHandle, steps: readonly string[] = DEMO_STEPS): Promise<void> {
  await seedDemoPark(emu.app().database());
  for (const step of steps) {
    const r = await runDemoStep(emu, step);
    if (r.status !== 0) throw new Error(`${step} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
}
