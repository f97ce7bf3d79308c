// The automator suite's transport (test/automator/support.ts, CloudBridge), run here where WeChat
// DevTools is not. The functions the bridge sends into the mini-program are serialized exactly as
// miniprogram-automator sends them (their source text; arguments and replies as JSON) and run in a
// fresh V8 context holding only what the bridge relies on in the app service: wx with wx.cloud,
// getApp(), and the exposed binding (called asynchronously, as DevTools delivers App.bindingCalled).
// The other end is real: the emulator's gateway, the product functions and the test park.
// What DevTools itself does with them is checked only by the automator suite, where DevTools runs.
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { type BridgeHost, type CallResult, CloudBridge, type InAppWx, STRANGER } from '../automator/support.js';
import { type EmulatorHandle, startEmulator } from '../support/emulator.js';
import { PRODUCT, type TestPark, seedTestPark } from '../support/park.js';

// The app service's wx, for the probes below (they run inside the context, not here).
declare const wx: Required<InAppWx>;

/** The parts of the app service the bridge uses, in a V8 context of their own. */
class AppServiceStandIn implements BridgeHost {
  /** Calls that reached the original wx.cloud.callFunction (production CloudBase). */
  original = 0;
  private readonly context: vm.Context;

  constructor({ cloud = true } = {}) {
    const app = {};
    const wx = cloud
      ? {
          cloud: {
            callFunction: () => {
              this.original++;
              return Promise.reject(new Error('cloud.callFunction:fail production CloudBase is not reachable from a test'));
            },
          },
        }
      : {};
    this.context = vm.createContext({ wx, getApp: () => app });
  }

  // DevTools' App.callFunction: the declaration's text, JSON arguments, a JSON result. (The stand-in
  // also awaits a returned promise, which only the probes below use.)
  async evaluate(fn: Function | string, ...args: unknown[]): Promise<any> {
    const f = vm.runInContext(`(${fn.toString()})`, this.context) as (...a: unknown[]) => unknown;
    const out = await f(...(JSON.parse(JSON.stringify(args)) as unknown[]));
    return out === undefined ? undefined : JSON.parse(JSON.stringify(out));
  }

  // DevTools' App.addBinding: a global function whose calls arrive later as events with JSON arguments.
  async exposeFunction(name: string, binding: Function): Promise<void> {
    this.context[name] = (...args: unknown[]) => {
      const wire = JSON.stringify(args);
      setImmediate(() => binding(...(JSON.parse(wire) as unknown[])));
    };
  }
}

let emu: EmulatorHandle;
let park: TestPark;
beforeAll(async () => {
  emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--local'] });
  park = await seedTestPark(emu);
});
afterAll(async () => {
  await emu?.stop();
});

async function bridged(): Promise<{ appService: AppServiceStandIn; bridge: CloudBridge }> {
  const appService = new AppServiceStandIn();
  const bridge = new CloudBridge(appService, emu);
  await bridge.install();
  return { appService, bridge };
}

test('wx.cloud.callFunction in the app reaches the function as the chosen WeChat user and resolves in wx.cloud\'s shape', async () => {
  const { appService, bridge } = await bridged();
  const me = () => appService.evaluate(() => wx.cloud.callFunction({ name: 'user', data: { action: 'me', input: {} } })) as Promise<CallResult>;

  bridge.actAs(park.openids.王芳!);
  const r = await me();
  assert.equal(r.errMsg, 'cloud.callFunction:ok');
  assert.equal(typeof r.requestID, 'string');
  const reply = r.result as { ok: boolean; data: { person: { name: string; roles: string[] } | null } };
  assert.equal(reply.ok, true);
  assert.equal(reply.data.person?.name, '王芳');

  // The caller is whoever the test says, per call, as the platform's identity would be.
  bridge.actAs(park.openids.李强!);
  assert.ok(((await me()).result as typeof reply).data.person?.roles.includes('secretary'));
  bridge.actAs(STRANGER);
  assert.equal(((await me()).result as typeof reply).data.person, null);

  assert.deepEqual(
    bridge.calls.map((c) => [c.openid, c.name, c.action, c.ok]),
    [park.openids.王芳, park.openids.李强, STRANGER].map((o) => [o, 'user', 'me', true]),
  );
  assert.equal(appService.original, 0, 'nothing went to the original wx.cloud.callFunction');
});

test('the callback style works too, and a call the platform cannot complete fails with cloud.callFunction:fail', async () => {
  const { bridge, appService } = await bridged();
  bridge.actAs(park.openids.陈静!);
  const viaCallbacks = await appService.evaluate(
    () =>
      new Promise((resolve) => {
        const seen: string[] = [];
        const returned = wx.cloud.callFunction({
          name: 'user',
          data: { action: 'me', input: {} },
          success: (r) => seen.push(`success ${(r.result as { data?: { person?: { name?: string } | null } }).data?.person?.name}`),
          fail: () => seen.push('fail'),
          complete: () => resolve({ seen, returned: returned === undefined ? 'undefined' : 'a promise' }),
        });
      }),
  );
  assert.deepEqual(viaCallbacks, { seen: ['success 陈静'], returned: 'undefined' });

  const missing = await appService.evaluate(() =>
    wx.cloud.callFunction({ name: 'no-such-function', data: {} })!.then(
      () => 'resolved',
      (e: { errMsg?: string; errCode?: number }) => ({ errMsg: e.errMsg, errCode: e.errCode }),
    ),
  );
  assert.match((missing as { errMsg: string }).errMsg, /^cloud\.callFunction:fail FUNCTION_NOT_FOUND /);
  assert.deepEqual(bridge.calls.at(-1)?.ok, false);
});

test('installing again (as after the app restarts) still routes calls; an app without wx.cloud is refused with the reason', async () => {
  const { bridge, appService } = await bridged();
  bridge.actAs(park.openids.王芳!);
  await bridge.install();
  const r = (await appService.evaluate(() => wx.cloud.callFunction({ name: 'user', data: { action: 'card', input: {} } }))) as CallResult;
  assert.equal((r.result as { data: { name: string } }).data.name, '王芳');

  const bare = new CloudBridge(new AppServiceStandIn({ cloud: false }), emu);
  await assert.rejects(bare.install(), /wx\.cloud is missing/);
});
