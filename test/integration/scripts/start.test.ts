// `npm start` as a person runs it: one clear ready line, printed only once the whole demo is loaded (someone who
// opens the app at once must find this month's topic and the volunteer activities), and no webpack progress
// bars in a log. Runs scripts/start.mjs with --no-build (the H5 build is the e2e project's business) and
// --memory on a free port.
import { afterAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import tcb from '@cloudbase/node-sdk';
import { ROOT } from '../../support/emulator.js';
import { DEMO_TOPIC_TITLE } from '../../../scripts/demo/study';
import { DEMO_VOLUNTEER_TITLES } from '../../../scripts/demo/volunteer';

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.on('exit', r));
    // The whole process group: start.mjs, its emulator and any demo step still running.
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }
});

describe('npm start', () => {
  test('prints the URL once, in a ready line after the demo park, its study and its volunteering are loaded', async () => {
    child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', '--memory'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const readyLine = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /^\[start\] ready: .*$/m.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(m[0]);
        } else if (child!.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited (${child!.exitCode}) before it was ready:\n${out}`));
        }
      }, 100);
    });
    const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(readyLine)?.[1];
    assert.ok(url, readyLine);
    assert.equal(out.match(/\[start\] ready:/g)?.length, 1, 'one ready line');
    assert.doesNotMatch(out, /could not be loaded/, out);
    // The URL appears nowhere before the ready line except in the emulator's own "listening" line and the
    // line that says to wait for the ready line.
    const before = out.slice(0, out.indexOf(readyLine));
    assert.match(before, /loading the demo park… \(wait for the ready line\)/);
    assert.doesNotMatch(before, /choose a demo persona/);
    assert.doesNotMatch(out, /\x1b\[/, 'no terminal escapes (progress bars) in a log');

    // At the ready line everything the demo promises is there.
    const db = tcb.init({ env: 'redpark-local', secretId: 'local-id', secretKey: 'local-key', serviceUrl: `${url}/admin` }).database();
    assert.equal((await db.collection('topics').where({ title: DEMO_TOPIC_TITLE }).count()).total >= 1, true, 'this month’s topic');
    for (const title of Object.values(DEMO_VOLUNTEER_TITLES)) {
      assert.equal((await db.collection('volunteer_activities').where({ title }).count()).total, 1, `activity ${title}`);
    }
    // Pledges in every state (scripts/demo/pledges.ts), with ratings and an overdue one.
    const pledges = (await db.collection('pledges').limit(100).get()).data as Array<{ status: string; overdue: boolean; scope: string; ratings: { satisfied: number; basic: number } }>;
    assert.deepEqual([...new Set(pledges.map((p) => p.status))].sort(), ['approved', 'claimed', 'fulfilled', 'returned', 'submitted', 'unfulfilled', 'withdrawing', 'withdrawn']);
    assert.ok(pledges.some((p) => p.overdue && p.status === 'approved'), 'an overdue item');
    assert.ok(pledges.some((p) => p.scope === 'branch'), 'a branch pledge');
    assert.ok(pledges.some((p) => p.ratings.satisfied + p.ratings.basic > 0), 'a rated item');
  }, 600_000); // the demo's points go through the real awardPoints: about a minute on a quiet machine
});
