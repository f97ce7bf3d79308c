/**
 * `@tarojs/taro` for the component tests (jest.config.mjs maps the module here): only what the
 * mini-program calls, each call recorded so a test can assert it.
 *
 * - APIs (showToast, navigateTo, redirectTo, switchTab, reLaunch, navigateBack, setClipboardData, …)
 *   record `{ api, arg }` in `taro.calls` and resolve like WeChat's (`{ errMsg: '<api>:ok' }`).
 * - Storage is a Map: getStorageSync answers '' for a missing key, as WeChat does.
 * - `Taro.cloud.callFunction` is the weapp transport of services/api.ts (TARO_ENV is 'weapp' in every
 *   test, setup.ts): it answers from `backend.answer(fn, action, reply)` and records each call in
 *   `backend.calls`. Successful replies are checked against the contract's output schema. A call
 *   nobody answers, or answered with data the contract refuses, rejects (the page then shows the
 *   network message) and is listed in `backend.unanswered`, which setup.ts fails the test on.
 * - Page lifecycle hooks (useDidShow, useDidHide, usePullDownRefresh) register while mounted;
 *   `page.show()`, `page.hide()`, `page.pullDownRefresh()` run them (inside act()). useRouter answers
 *   `router.params`.
 *
 * Tests import these helpers from this file; the code under test imports '@tarojs/taro' and gets
 * the same module.
 */
import { useEffect, useRef } from 'react';
import { contract, type ActionInput, type ActionName, type ActionOutput, type ApiReply, type FunctionName } from '@shared/contract';

// ---- recorded API calls -----------------------------------------------------------------------

export interface TaroCall {
  api: string;
  arg: unknown;
}

/** Storage and replies keep JSON, as WeChat's does (a Date comes back as a string). jsdom has no structuredClone. */
const copy = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

const calls: TaroCall[] = [];
const storage = new Map<string, unknown>();
let pages: unknown[] = [{ route: 'pages/index/index' }];
let modalConfirm = true;

function api(name: string) {
  return (arg?: unknown) => {
    calls.push({ api: name, arg });
    return Promise.resolve({ errMsg: `${name}:ok` });
  };
}

export const taro = {
  /** Every API call, in order. */
  calls,
  /** The arguments of each call to `name`. */
  callsTo: (name: string): unknown[] => calls.filter((c) => c.api === name).map((c) => c.arg),
  /** What storage holds (set it before rendering to start with a stored preference). */
  storage,
  /** What getCurrentPages() answers (its length decides navigateBack vs redirectTo in backTo()). */
  setPages(p: unknown[]) {
    pages = p;
  },
  /** What the next showModal answers. */
  setModalConfirm(on: boolean) {
    modalConfirm = on;
  },
};

// ---- the fake backend behind Taro.cloud.callFunction -----------------------------------------

type Reply<F extends FunctionName, A extends ActionName<F>> = ApiReply<ActionOutput<F, A>>;
type Answer<F extends FunctionName, A extends ActionName<F>> = Reply<F, A> | ((input: ActionInput<F, A>) => Reply<F, A> | Promise<Reply<F, A>>);

interface CloudCall {
  fn: string;
  action: string;
  input: unknown;
}

const answers = new Map<string, (input: unknown) => unknown>();
const cloudCalls: CloudCall[] = [];
const unanswered: string[] = [];

export const backend = {
  /** Answer `fn.action` with a reply (or a function of the input). A later answer replaces it. */
  answer<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, reply: Answer<F, A>): void {
    answers.set(`${fn}.${action}`, typeof reply === 'function' ? (reply as (input: unknown) => unknown) : () => copy(reply));
  },
  /** Every call, in order. */
  calls: cloudCalls,
  /** The inputs sent to `fn.action`, in order. */
  inputs<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A): ActionInput<F, A>[] {
    return cloudCalls.filter((c) => c.fn === fn && c.action === action).map((c) => c.input as ActionInput<F, A>);
  },
  /** Calls that had no answer, or an answer the contract refuses (setup.ts fails the test when there are any). */
  unanswered,
};

async function callFunction({ name, data }: { name: string; data: { action: string; input: unknown } }): Promise<{ result: unknown; errMsg: string }> {
  calls.push({ api: 'cloud.callFunction', arg: { name, data } });
  cloudCalls.push({ fn: name, action: data.action, input: data.input });
  const answer = answers.get(`${name}.${data.action}`);
  if (!answer) {
    unanswered.push(`${name}.${data.action}`);
    throw new Error(`cloud.callFunction:fail no answer for ${name}.${data.action} (backend.answer it in the test)`);
  }
  const result = (await answer(data.input)) as ApiReply<unknown>;
  // A test's reply must be one the function could give: the contract's output schema checks it.
  if (result.ok) {
    const spec = (contract as unknown as Record<string, Record<string, { output: { safeParse(v: unknown): { success: boolean; error?: unknown } } }>>)[name]?.[data.action];
    const checked = spec?.output.safeParse(result.data);
    if (!checked?.success) {
      unanswered.push(`${name}.${data.action} (the test's reply does not match the contract: ${String(checked?.error)})`);
      throw new Error(`cloud.callFunction:fail the reply for ${name}.${data.action} does not match the contract`);
    }
  }
  return { result, errMsg: 'cloud.callFunction:ok' };
}

// ---- page lifecycle and router ----------------------------------------------------------------

type Hook = 'show' | 'hide' | 'pullDown';
const hooks: Record<Hook, Set<() => unknown>> = { show: new Set(), hide: new Set(), pullDown: new Set() };

function lifecycle(kind: Hook) {
  return (callback: () => unknown): void => {
    const latest = useRef(callback);
    latest.current = callback;
    useEffect(() => {
      const run = () => latest.current();
      hooks[kind].add(run);
      return () => void hooks[kind].delete(run);
    }, []);
  };
}

export const useDidShow = lifecycle('show');
export const useDidHide = lifecycle('hide');
export const usePullDownRefresh = lifecycle('pullDown');

export const page = {
  /** The page comes back on screen (another page closed, the app came to the foreground). */
  show: () => hooks.show.forEach((h) => void h()),
  hide: () => hooks.hide.forEach((h) => void h()),
  /** The pull-to-refresh gesture; resolves when every handler has finished. */
  pullDownRefresh: async () => {
    await Promise.all([...hooks.pullDown].map((h) => h()));
  },
};

export const router = { params: {} as Record<string, string | undefined> };
export const useRouter = () => ({ params: router.params, path: '' });

// ---- Taro ----------------------------------------------------------------------------------------

/** The web components call it for unsupported components (helper.js). */
const eventCenter = { on() {}, off() {}, trigger() {} };

const Taro = {
  eventCenter,
  getStorageSync: (key: string): unknown => (storage.has(key) ? copy(storage.get(key)) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    calls.push({ api: 'setStorageSync', arg: { key, value } });
    storage.set(key, copy(value));
  },
  removeStorageSync: (key: string): void => void storage.delete(key),
  getCurrentPages: () => pages,
  /** 750 design px → px on a 375 px wide screen. */
  pxTransform: (size: number): string => `${size / 2}px`,
  showToast: api('showToast'),
  showModal: (arg: unknown) => {
    calls.push({ api: 'showModal', arg });
    return Promise.resolve({ confirm: modalConfirm, cancel: !modalConfirm, errMsg: 'showModal:ok' });
  },
  navigateTo: api('navigateTo'),
  redirectTo: api('redirectTo'),
  switchTab: api('switchTab'),
  reLaunch: api('reLaunch'),
  navigateBack: api('navigateBack'),
  setNavigationBarTitle: api('setNavigationBarTitle'),
  stopPullDownRefresh: api('stopPullDownRefresh'),
  pageScrollTo: api('pageScrollTo'),
  setClipboardData: api('setClipboardData'),
  setKeepScreenOn: api('setKeepScreenOn'),
  previewImage: api('previewImage'),
  setTabBarBadge: api('setTabBarBadge'),
  removeTabBarBadge: api('removeTabBarBadge'),
  cloud: {
    init: api('cloud.init'),
    callFunction,
  },
};

export default Taro;

/** Back to a fresh start (setup.ts, before each test). */
export function resetTaro(): void {
  calls.length = 0;
  storage.clear();
  pages = [{ route: 'pages/index/index' }];
  modalConfirm = true;
  answers.clear();
  cloudCalls.length = 0;
  unanswered.length = 0;
  router.params = {};
  for (const set of Object.values(hooks)) set.clear();
}
