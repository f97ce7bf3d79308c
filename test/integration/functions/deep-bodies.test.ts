// Bodies nested thousands deep (issue 11, defect 3): they once crashed the instance (objects ~2,000
// deep), or answered a 500 of the wrong shape and kept the instance busy for ever (arrays ~5,000
// deep), so that after a few such calls every later call to the function hung. The platform parses
// any JSON it accepts and hands it to the function; the emulator now does the same.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

const nestedArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
const nestedObjects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe('deeply nested bodies', () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--local', '--manual-timers', '--max-instances', '4'] });
  });
  afterAll(() => emu?.stop());

  const cases: Array<[string, string, number]> = [
    ['objects 2,000 deep', nestedObjects(2000), 2000],
    ['arrays 5,000 deep', nestedArrays(5000), 5000],
    ['arrays 100,000 deep', nestedArrays(100_000), 100_000],
  ];

  for (const [what, json, depth] of cases) {
    test(`${what} reach the function whole, through the gateway and through callFunction`, async () => {
      const viaGateway = await emu.gateway('depth', `{"data":${json}}`, 'o_deep');
      assert.equal(viaGateway.status, 200, JSON.stringify(viaGateway.body).slice(0, 300));
      assert.deepEqual(viaGateway.body, { result: { depth } });
      // The SDK cannot even serialize such a body (JSON.stringify recurses), so send its request by hand.
      const viaAdmin = await emu.raw({ action: 'functions.invokeFunction', function_name: 'depth', request_data: json });
      assert.equal(viaAdmin.code, undefined, JSON.stringify(viaAdmin).slice(0, 300));
      assert.deepEqual(JSON.parse(viaAdmin.data.response_data), { depth });
    });
  }

  test('twenty deep calls in a row leave no instance stuck: the next ordinary call answers at once', async () => {
    for (let i = 0; i < 20; i++) {
      const r = await emu.gateway('depth', `{"data":${nestedArrays(5000 + i)}}`, 'o_deep');
      assert.equal(r.status, 200);
    }
    const started = Date.now();
    const r = await emu.gateway('depth', { data: { a: 1 } }, 'o_deep');
    assert.deepEqual(r.body, { result: { depth: 1 } });
    assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`);
    const fns: Array<{ name: string; instances: number }> = await emu.api('GET', '/_emulator/functions');
    assert.ok(fns.find((f) => f.name === 'depth')!.instances <= 4, 'no more instances than the cap');
  });

  test('a result nested too deeply to serialize is a function error of the platform\'s shape, and the instance serves on', async () => {
    const r = await emu.gateway('echo', `{"data":${nestedObjects(20_000)}}`, 'o_deep'); // echo returns its event
    assert.equal(r.status, 502);
    assert.equal(r.body.error.code, 'FUNCTIONS_EXECUTE_FAIL');
    assert.equal(typeof r.body.error.message, 'string');
    assert.equal((await emu.gateway('echo', { data: { ok: 1 } }, 'o_deep')).status, 200);
  });
});
