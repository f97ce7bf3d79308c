// The weapp build in WeChat DevTools, driven by miniprogram-automator, against a real emulator with
// the test park: `const app = await startWeapp(); app.actAs('王芳'); const page = await open(app.mp, ROUTES.mine)`.
//
// The transport. In WeChat, services/api.ts calls Taro.cloud.callFunction (which is wx.cloud, the
// same object) and the platform adds the caller's identity; DevTools would send those calls to a
// real CloudBase environment. Here every wx.cloud.callFunction in the app is handed to this process
// through the automator's own channel and answered by the emulator:
//   app: wx.cloud.callFunction({ name, data })          (replaced by installInApp, via miniProgram.evaluate)
//     → __redparkCallFunction(id, { name, data })       (a binding: miniProgram.exposeFunction)
//   node: CloudBridge.forward → POST <emulator>/functions/<name> with X-Redpark-Openid = the persona
//     → miniProgram.evaluate(settleInApp, id, outcome)  (resolves the app's promise with { result })
// So the app under test is the unmodified weapp build; nothing in it knows about the emulator; the
// simulator makes no network request (DevTools' domain check, project.config.json setting.urlCheck,
// does not matter), the emulator stays bound to 127.0.0.1 even when DevTools runs on another machine
// (WECHAT_WS_ENDPOINT), and the test chooses who the WeChat user is, as the platform would. Why not
// mockWxMethod: it replaces top-level wx methods (wx.scanCode), not wx.cloud's; the suite uses it for
// the camera (scanCode) only.
//
// Functions passed to miniProgram.evaluate are sent as their source text (Function.prototype.toString)
// and run inside the mini-program: they may use only their arguments and the app service's globals
// (wx, getApp, the binding), never anything from this module (swc rewrites imported names, which
// would not exist there). Do not run this suite with --coverage: instrumentation would add counters
// to their source. test/integration/automator-bridge.test.ts runs the bridge here, where DevTools is not.
//
// Where DevTools is missing, loading this module must stay cheap (the suite only reports its skip):
// the emulator's SDK, the automator and the QR decoder are imported when a session starts.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Element from 'miniprogram-automator/out/Element';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';
import { findDevTools } from '../../scripts/devtools.cjs';
import type { EmulatorHandle } from '../support/emulator.js';
import { PRODUCT, type Persona, type TestPark, seedTestPark } from '../support/park.js';

export type { Element, MiniProgram, Page };

/** How this machine reaches WeChat DevTools, or why it cannot (scripts/devtools.cjs). */
export const DEVTOOLS = findDevTools();

/**
 * A test that needs WeChat DevTools: run where it is, otherwise reported as SKIPPED with the reason
 * in its title (test/support/jest/skipped-reporter.cjs lists it at the end of the run).
 */
export function weappTest(title: string, fn: () => Promise<void>): void {
  (DEVTOOLS.mode !== 'none' ? test : test.skip)(DEVTOOLS.mode !== 'none' ? title : `${title} — SKIPPED: ${DEVTOOLS.reason}`, fn);
}

/** The repository (DevTools' project: its project.config.json points at dist/weapp). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEAPP = path.join(ROOT, 'dist/weapp');

/** The app's routes used here (the same paths as miniapp/src/services/nav.ts ROUTES). */
export const ROUTES = {
  home: '/pages/index/index',
  study: '/pages/study/index',
  volunteer: '/pages/volunteer/index',
  mine: '/pages/mine/index',
  bind: '/pages/bind/index',
  cardShow: '/pages/card-show/index',
  verify: '/pages/verify/index',
  studyTopic: '/packages/study/pages/topic/index',
  studyQuiz: '/packages/study/pages/quiz/index',
  studyCheckin: '/packages/study/pages/checkin/index',
  secretaryRoster: '/packages/secretary/pages/roster/index',
  volunteerActivity: '/packages/volunteer/pages/activity/index',
  volunteerScan: '/packages/volunteer/pages/scan/index',
} as const;

/** A WeChat user who is on no roster (the bridge's caller until a test chooses one). */
export const STRANGER = 'o_auto_stranger';

// ---------------------------------------------------------------------------------------------
// Inside the mini-program (the app service). These declarations describe its globals for the
// functions below; they exist there, not in Node.

interface CallOptions {
  name: string;
  data?: unknown;
  success?(r: CallResult): void;
  fail?(e: unknown): void;
  complete?(r: unknown): void;
}
/** What wx.cloud.callFunction resolves to. */
export interface CallResult {
  errMsg: string;
  result: unknown;
  requestID: string;
}
/** wx as the app service has it, as far as the bridge is concerned. */
export interface InAppWx {
  cloud?: { callFunction(options: CallOptions): Promise<CallResult> | undefined };
}
interface Pending {
  resolve(r: CallResult): void;
  reject(e: unknown): void;
}
interface BridgeState {
  next: number;
  pending: Record<number, Pending>;
}
/** A call the app made, as it reaches this process. */
export interface BridgeRequest {
  name: string;
  data: unknown;
}
/** How a call ends, sent back into the app. */
export type BridgeOutcome = { ok: true; result: unknown; requestID: string } | { ok: false; errCode: number; errMsg: string };

declare const wx: InAppWx;
declare function getApp(): { __redparkBridge?: BridgeState };
declare function __redparkCallFunction(id: number, request: BridgeRequest): void;

/** The binding's global name: the identifier installInApp calls. */
const BINDING = '__redparkCallFunction';

/** Runs in the app: replaces wx.cloud.callFunction (= Taro.cloud.callFunction) with the bridge. Idempotent. */
function installInApp(): { ok: boolean; problem: string | null } {
  const cloud = wx.cloud;
  if (!cloud) return { ok: false, problem: 'wx.cloud is missing in the app service (app.config.ts sets cloud: true)' };
  const app = getApp();
  const state: BridgeState = app.__redparkBridge ?? (app.__redparkBridge = { next: 0, pending: {} });
  const callFunction = (options: CallOptions): Promise<CallResult> | undefined => {
    const id = ++state.next;
    const promise = new Promise<CallResult>((resolve, reject) => {
      state.pending[id] = { resolve, reject };
    });
    try {
      __redparkCallFunction(id, { name: options.name, data: options.data ?? null });
    } catch (e) {
      delete state.pending[id];
      return Promise.reject(e);
    }
    // Like the real API: a promise without callbacks, the callbacks otherwise.
    if (!options.success && !options.fail && !options.complete) return promise;
    promise.then(
      (r) => {
        options.success?.(r);
        options.complete?.(r);
      },
      (e: unknown) => {
        options.fail?.(e);
        options.complete?.(e);
      },
    );
    return undefined;
  };
  try {
    cloud.callFunction = callFunction;
  } catch {
    // a read-only property: defineProperty below
  }
  if (cloud.callFunction !== callFunction) {
    try {
      Object.defineProperty(cloud, 'callFunction', { value: callFunction, writable: true, configurable: true });
    } catch {
      return { ok: false, problem: 'wx.cloud.callFunction cannot be replaced in this base library' };
    }
  }
  // Taro kept the wx.cloud object it saw at start (Taro.cloud = wx.cloud): it must be this one.
  if (wx.cloud !== cloud) return { ok: false, problem: 'wx.cloud is a new object on every read, so Taro.cloud is not the one replaced' };
  return cloud.callFunction === callFunction ? { ok: true, problem: null } : { ok: false, problem: 'wx.cloud.callFunction did not change' };
}

/** Runs in the app: settles the call `id` with what the emulator answered. */
function settleInApp(id: number, outcome: BridgeOutcome): boolean {
  const state = getApp().__redparkBridge;
  const waiting = state?.pending[id];
  if (!state || !waiting) return false;
  delete state.pending[id];
  if (outcome.ok) waiting.resolve({ errMsg: 'cloud.callFunction:ok', result: outcome.result, requestID: outcome.requestID });
  else waiting.reject(Object.assign(new Error(outcome.errMsg), { errCode: outcome.errCode, errMsg: outcome.errMsg }));
  return true;
}

// ---------------------------------------------------------------------------------------------
// In Node.

/** A call the app made through the bridge, and what it got. */
export interface BridgeCall {
  openid: string;
  name: string;
  /** data.action when the app sent one (every services/api.ts call does). */
  action: string | null;
  input: unknown;
  ok: boolean;
  /** The function's reply (result), or the failure. */
  reply: unknown;
}

/** What of a MiniProgram the bridge uses (the integration test gives it a stand-in). */
export type BridgeHost = Pick<MiniProgram, 'evaluate' | 'exposeFunction'>;

/** Routes the app's wx.cloud.callFunction to the emulator's gateway, as the WeChat user chosen by actAs. */
export class CloudBridge {
  /** Every call the app made, oldest first. */
  readonly calls: BridgeCall[] = [];
  private openid: string = STRANGER;
  private exposed = false;

  constructor(
    private readonly host: BridgeHost,
    private readonly emu: Pick<EmulatorHandle, 'gateway'>,
  ) {}

  /** The WeChat user whose calls these are from now on (the platform's identity). */
  actAs(openid: string): void {
    this.openid = openid;
  }

  get caller(): string {
    return this.openid;
  }

  /** Expose the binding (once) and replace wx.cloud.callFunction in the app (again after a restart of the app). */
  async install(): Promise<void> {
    assert.ok(installInApp.toString().includes(BINDING), `installInApp must call the binding ${BINDING}`);
    if (!this.exposed) {
      await this.host.exposeFunction(BINDING, (id: unknown, request: unknown) => void this.forward(id, request));
      this.exposed = true;
    }
    const r = (await this.host.evaluate(installInApp)) as { ok?: boolean; problem?: string | null } | undefined;
    if (!r?.ok) throw new Error(`cannot route the app's wx.cloud.callFunction to the emulator: ${r?.problem ?? 'no answer from the app'}`);
  }

  /** Replies the app got for fn.action, oldest first. */
  replies(fn: string, action: string): BridgeCall[] {
    return this.calls.filter((c) => c.name === fn && c.action === action);
  }

  private async forward(id: unknown, request: unknown): Promise<void> {
    // A binding's errors would be swallowed by the automator (or become unhandled rejections): never throw.
    if (typeof id !== 'number') return;
    const req = (request ?? {}) as Partial<BridgeRequest>;
    const openid = this.openid;
    const data = req.data && typeof req.data === 'object' ? (req.data as { action?: unknown; input?: unknown }) : null;
    let outcome: BridgeOutcome;
    try {
      if (typeof req.name !== 'string') throw new Error('no function name');
      const { status, body } = await this.emu.gateway(req.name, { data: req.data ?? null }, openid);
      outcome =
        status === 200 && body && typeof body === 'object' && 'result' in body
          ? { ok: true, result: body.result ?? null, requestID: `redpark-bridge-${id}` }
          : { ok: false, errCode: -1, errMsg: `cloud.callFunction:fail ${body?.error?.code ?? status} ${body?.error?.message ?? ''}`.trim() };
    } catch (e) {
      outcome = { ok: false, errCode: -1, errMsg: `cloud.callFunction:fail ${e instanceof Error ? e.message : String(e)}` };
    }
    this.calls.push({
      openid,
      name: String(req.name),
      action: typeof data?.action === 'string' ? data.action : null,
      input: data?.input,
      ok: outcome.ok,
      reply: outcome.ok ? outcome.result : outcome.errMsg,
    });
    try {
      await this.host.evaluate(settleInApp, id, outcome);
    } catch {
      // The app or DevTools is gone: nobody waits for this reply.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A session: the emulator with the test park, DevTools with the weapp build, the bridge.

export interface Weapp {
  mp: MiniProgram;
  emu: EmulatorHandle;
  park: TestPark;
  bridge: CloudBridge;
  /** The WeChat user the app acts as from now on: a person of the test park, or any openid. */
  actAs(who: Persona | { openid: string }): void;
  /** Uncaught exceptions in the app since the last call (then forgotten). */
  takeErrors(): string[];
  stop(): Promise<void>;
}

export async function startWeapp(): Promise<Weapp> {
  if (DEVTOOLS.mode === 'none') throw new Error(DEVTOOLS.reason);
  assert.ok(existsSync(path.join(WEAPP, 'app.json')), 'dist/weapp is missing: npm test builds it when DevTools is found (npm run build:weapp)');
  const [{ startEmulator }, { default: automator }] = await Promise.all([import('../support/emulator.js'), import('miniprogram-automator')]);
  const emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--local'] });
  let mp: MiniProgram | null = null;
  try {
    const park = await seedTestPark(emu);
    // launch: DevTools opens the repository root, whose project.config.json points at dist/weapp.
    mp =
      DEVTOOLS.mode === 'launch'
        ? await automator.launch({ cliPath: DEVTOOLS.cliPath, projectPath: ROOT, trustProject: true, timeout: 120_000 })
        : await automator.connect({ wsEndpoint: DEVTOOLS.wsEndpoint });
    const errors: string[] = [];
    mp.on('exception', (e: unknown) => {
      const x = e as { message?: unknown; stack?: unknown } | null;
      errors.push(String(x?.message ?? x?.stack ?? JSON.stringify(e)));
    });
    const bridge = new CloudBridge(mp, emu);
    await bridge.install();
    const session = mp;
    const launched = DEVTOOLS.mode === 'launch';
    return {
      mp, emu, park, bridge,
      actAs(who) {
        const openid = typeof who === 'string' ? park.openids[who] : who.openid;
        assert.ok(openid, `${String(who)} has no openid (not bound)`);
        bridge.actAs(openid);
      },
      takeErrors: () => errors.splice(0),
      async stop() {
        try {
          // A DevTools we launched is closed; one we connected to belongs to someone: only let go.
          if (launched) await session.close();
          else session.disconnect();
        } finally {
          await emu.stop();
        }
      },
    };
  } catch (e) {
    if (mp && DEVTOOLS.mode === 'launch') await mp.close().catch(() => undefined);
    await emu.stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Pages and elements.

type Scope = Page | Element;

/** Path of a route as the automator reports it: no leading slash, no query. */
const pathOf = (route: string) => route.replace(/^\//, '').split('?')[0]!;

/**
 * Every element matching `selector` in `scope`. Taro renders a page through templates down to 16
 * levels and deeper nodes inside its `comp` custom component, which page.$$ does not enter
 * (automator: "cannot select elements within a custom component, use element.$"): so look inside
 * every `comp` too.
 */
export async function findAll(scope: Scope, selector: string): Promise<Element[]> {
  const direct = ((await scope.$$(selector)) ?? []) as Element[];
  const comps = ((await scope.$$('comp')) ?? []) as Element[];
  const nested = await Promise.all(comps.map((c) => findAll(c, selector)));
  return [...direct, ...nested.flat()];
}

/** The first element matching `selector` (and whose text is `text`, or matches it), or null. */
export async function find(scope: Scope, selector: string, text?: string | RegExp): Promise<Element | null> {
  for (const el of await findAll(scope, selector)) {
    if (text === undefined) return el;
    const t = (await el.text()).trim();
    if (typeof text === 'string' ? t === text : text.test(t)) return el;
  }
  return null;
}

/** Texts of every element matching `selector`, in order. */
export async function texts(scope: Scope, selector: string): Promise<string[]> {
  const out: string[] = [];
  for (const el of await findAll(scope, selector)) out.push((await el.text()).trim());
  return out;
}

/** Everything the page says (every <Text>), one per line: for "the page shows …" checks. */
export const pageText = async (page: Page) => (await texts(page, 'text')).join('\n');

/** Poll `probe` until it returns something (not null/undefined/false); fail with `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Wait for an element (with that text) to be on the page. */
export function waitForElement(page: Page, selector: string, text?: string | RegExp): Promise<Element> {
  return waitFor(`${selector}${text === undefined ? '' : ` saying ${String(text)}`} on ${page.path}`, () => find(page, selector, text));
}

/** Wait until the app shows `route` (after a tap that navigates), and return that page. */
export function waitForPage(mp: MiniProgram, route: string): Promise<Page> {
  return waitFor(`page ${route}`, async () => {
    const p = await mp.currentPage();
    return p && p.path === pathOf(route) ? p : null;
  });
}

/** Open `route` afresh (reLaunch: every page before it is closed, so it loads with the current caller). */
export async function open(mp: MiniProgram, route: string): Promise<Page> {
  await mp.reLaunch(route);
  return waitForPage(mp, route);
}

/** Tap the element matching `selector` (and `text`); fails when it is not there. */
export async function tap(page: Page, selector: string, text?: string | RegExp): Promise<void> {
  const el = await waitForElement(page, selector, text);
  await el.tap();
}

type Typable = Element & { input(value: string): Promise<void> };
const typable = (el: Element): el is Typable => el.tagName === 'input' || el.tagName === 'textarea';

/** Type `value` into the <Input>/<Textarea> matching `selector` (fires its input event, as typing does). */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const el = await waitForElement(page, selector);
  assert.ok(typable(el), `${selector} is a <${el.tagName}>, not an input or textarea`);
  await el.input(value);
}

/** The camera: the next wx.scanCode (Taro.scanCode) reads `text`. Undo with mp.restoreWxMethod('scanCode'). */
export async function mockScan(mp: MiniProgram, text: string): Promise<void> {
  await mp.mockWxMethod('scanCode', { result: text, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' });
}

/** Decode a QR code from a screenshot of the simulator; scrolls `selector` into view when it is not on screen. */
export async function readQr(mp: MiniProgram, page: Page, selector: string): Promise<string | null> {
  const [{ default: jsQR }, { PNG }] = await Promise.all([import('jsqr'), import('pngjs')]);
  const decode = async () => {
    const shot = await mp.screenshot();
    if (typeof shot !== 'string') return null;
    const png = PNG.sync.read(Buffer.from(shot, 'base64'));
    return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
  };
  const first = await decode();
  if (first) return first;
  const el = await waitForElement(page, selector);
  const { top } = (await el.offset()) as { top: number };
  await mp.pageScrollTo(Math.max(0, top - 40));
  await new Promise((r) => setTimeout(r, 800));
  return decode();
}
