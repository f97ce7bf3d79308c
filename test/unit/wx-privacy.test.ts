// WeChat's privacy authorization (miniapp/src/services/wx-privacy.ts) against a stand-in for the
// base library that behaves as WeChat documents it: requirePrivacyAuthorize succeeds at once once the
// person agreed, otherwise it hands a `resolve` to the onNeedPrivacyAuthorization listener and
// succeeds or fails on { event: 'agree' | 'disagree' }. And the pages' privacy API calls all go
// through the module and are declared for the console.
import { describe, test, expect, jest, beforeEach } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WECHAT_PRIVACY_GUIDE } from '../../shared/privacy.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Resolve = (o: { event: string; buttonId?: string }) => void;

function fakeWeChat() {
  const state = { agreed: false, listener: null as null | ((resolve: Resolve, info: { referrer: string }) => void), exposures: 0 };
  const taro = {
    onNeedPrivacyAuthorization: (l: typeof state.listener) => { state.listener = l; },
    requirePrivacyAuthorize: ({ success, fail }: { success: () => void; fail: () => void }) => {
      if (state.agreed) return success();
      if (!state.listener) return fail(); // (WeChat would show its own popup)
      state.listener((o) => {
        if (o.event === 'exposureAuthorization') state.exposures++;
        else if (o.event === 'agree' && o.buttonId) { state.agreed = true; success(); }
        else fail();
      }, { referrer: 'scanCode' });
    },
    showToast: jest.fn(async (_o: { title: string; icon: string }) => ({})),
    setClipboardData: jest.fn(async () => ({})),
    scanCode: jest.fn(async () => ({ result: 'RP1.code' })),
  };
  return { state, taro };
}

function load(env: 'weapp' | 'h5', taro: object) {
  process.env.TARO_ENV = env;
  let mod!: typeof import('../../miniapp/src/services/wx-privacy');
  jest.isolateModules(() => {
    jest.doMock('@tarojs/taro', () => ({ __esModule: true, default: taro }));
    mod = require('../../miniapp/src/services/wx-privacy');
  });
  return mod;
}

describe('wx-privacy in WeChat', () => {
  let w: ReturnType<typeof fakeWeChat>;
  let m: ReturnType<typeof load>;
  beforeEach(() => {
    w = fakeWeChat();
    m = load('weapp', w.taro);
    m.installPrivacyListener();
  });

  test('a first scan waits for the sheet; 同意 lets it through and later ones go straight on', async () => {
    const seen: Array<string | null> = [];
    const stop = m.onPrivacyRequest((p) => seen.push(p ? p.referrer : null));
    const scanning = m.scanQrCode();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([null, 'scanCode']); // the sheet is shown
    expect(w.taro.scanCode).not.toHaveBeenCalled();
    m.answerPrivacy(true, 'rp-privacy-agree');
    expect(await scanning).toBe('RP1.code');
    expect(seen.at(-1)).toBeNull(); // the sheet is gone
    expect(await m.scanQrCode()).toBe('RP1.code');
    expect(seen.length).toBe(3); // no second sheet
    stop();
  });

  test('不同意: the API is not called, a short note says why, and nothing hangs', async () => {
    m.onPrivacyRequest(() => undefined);
    const copying = m.copyText('邀请码 K7M2Q9XA');
    await new Promise((r) => setTimeout(r, 0));
    m.answerPrivacy(false);
    await copying;
    expect(w.taro.setClipboardData).not.toHaveBeenCalled();
    expect(w.taro.showToast).toHaveBeenCalledWith({ title: '需要同意隐私保护指引才能使用这项功能', icon: 'none' });
    expect(w.state.agreed).toBe(false);
  });

  test('the sheet reports itself shown (exposureAuthorization) through the same resolve', async () => {
    let pending: { resolve: (o: { event: 'exposureAuthorization' | 'agree' | 'disagree' }) => void } | null = null;
    m.onPrivacyRequest((p) => { pending = p; });
    const asking = m.ensurePrivacy();
    await new Promise((r) => setTimeout(r, 0));
    pending!.resolve({ event: 'exposureAuthorization' });
    expect(w.state.exposures).toBe(1);
    m.answerPrivacy(true, 'rp-privacy-agree');
    expect(await asking).toBe(true);
  });
});

test('in H5 nothing is asked: the listener is not installed and every call goes through', async () => {
  const w = fakeWeChat();
  const m = load('h5', w.taro);
  m.installPrivacyListener();
  expect(w.state.listener).toBeNull();
  expect(await m.ensurePrivacy()).toBe(true);
  expect(await m.withPrivacy(async () => 'done')).toBe('done');
});

/** Every source file of the mini-program. */
function sources(dir = path.join(ROOT, 'miniapp/src')): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

const PRIVACY_APIS = /Taro\.(scanCode|chooseMessageFile|chooseImage|chooseMedia|chooseVideo|setClipboardData|getClipboardData|saveImageToPhotosAlbum|saveVideoToPhotosAlbum|getLocation|chooseLocation|chooseAddress|getFuzzyLocation|startRecord|addPhoneContact|addPhoneCalendar)\(/g;

test('every privacy API call in the app goes through withPrivacy, and each is declared for the console', () => {
  const calls = new Map<string, string[]>();
  for (const file of sources()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(PRIVACY_APIS)) {
      const rel = path.relative(ROOT, file);
      const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index));
      if (/^\s*(\/\/|\*)/.test(line)) continue; // a comment
      calls.set(m[1]!, [...(calls.get(m[1]!) ?? []), rel]);
      // Each call is wrapped, on its own line: withPrivacy(() => Taro.scanCode(…)).
      expect(`${rel}: ${line.trim()}`).toMatch(/withPrivacy\(\(\) => Taro\./);
    }
  }
  expect([...calls.keys()].sort()).toEqual(['chooseMedia', 'chooseMessageFile', 'saveImageToPhotosAlbum', 'scanCode', 'setClipboardData']);
  const declared = WECHAT_PRIVACY_GUIDE.map((g) => g.apis).join(' ');
  for (const api of calls.keys()) expect(declared).toContain(`wx.${api}`);
});
