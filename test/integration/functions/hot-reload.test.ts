// `--watch`: changing a function's source takes effect on the next call, without a restart.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmulatorHandle, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

describe('hot reload', () => {
  let emu: EmulatorHandle;
  let dir: string;
  const write = (version: string) =>
    writeFileSync(path.join(dir, 'hello', 'index.ts'), `export async function main() { return { version: '${version}' }; }\n`);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'redpark-fns-'));
    mkdirSync(path.join(dir, 'hello'));
    write('v1');
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', dir, '--watch', '--manual-timers'] });
  });
  afterAll(async () => {
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an edited function answers with the new code; a new function appears', async () => {
    assert.deepEqual((await emu.app().callFunction({ name: 'hello', data: {} })).result, { version: 'v1' });
    write('v2');
    let result: unknown;
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 100));
      result = (await emu.app().callFunction({ name: 'hello', data: {} })).result;
      if ((result as { version: string }).version === 'v2') break;
    }
    assert.deepEqual(result, { version: 'v2' });
    mkdirSync(path.join(dir, 'added'));
    writeFileSync(path.join(dir, 'added', 'index.ts'), 'export const main = async () => "new";\n');
    let added: unknown;
    for (let i = 0; i < 40 && added === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      added = await emu.app().callFunction({ name: 'added', data: {} }).then((r) => r.result, () => undefined);
    }
    assert.equal(added, 'new');
  });
});
