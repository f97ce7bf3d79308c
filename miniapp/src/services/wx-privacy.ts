/**
 * WeChat's privacy authorization (小程序隐私协议开发指南) for the APIs that need it here: scanning
 * (扫码验证, 会议签到), choosing a file (导入名册), the clipboard (复制邀请码, 模板, 链接, 我的信息) and saving an
 * image to the album (志愿服务证明: packages/volunteer/common/certificate.ts).
 * weapp only; in H5 every function here is a no-op that says yes.
 *
 * - app.tsx calls `installPrivacyListener()` once: `wx.onNeedPrivacyAuthorization` then hands every
 *   pending privacy API to us instead of WeChat's own popup; PageShell renders <PrivacyAuthSheet />,
 *   which shows our sheet with a <Button openType='agreePrivacyAuthorization'> (the base library
 *   checks that this button was tapped) and resolves the pending call with agree or disagree.
 * - Pages wrap a privacy API in `withPrivacy(() => Taro.scanCode(…))`: `wx.requirePrivacyAuthorize`
 *   asks first (at once if already agreed), so a refusal is a plain "not now" instead of an API error.
 * - What must be declared in the console (用户隐私保护指引) is in docs/PRIVACY.md (its WeChat appendix).
 *
 * Base libraries before 2.32.3 have none of these APIs and do not check privacy: then the calls go through.
 */
import Taro from '@tarojs/taro';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export interface PendingPrivacy {
  resolve: Resolve;
  /** The API or component that asked (e.g. "scanCode"). */
  referrer: string;
}

let pending: PendingPrivacy | null = null;
const listeners = new Set<(p: PendingPrivacy | null) => void>();

function set(p: PendingPrivacy | null): void {
  pending = p;
  for (const l of listeners) l(p);
}

const weapp = process.env.TARO_ENV === 'weapp';
const supported = () => weapp && typeof Taro.onNeedPrivacyAuthorization === 'function' && typeof Taro.requirePrivacyAuthorize === 'function';

/** Once, at launch (app.tsx). */
export function installPrivacyListener(): void {
  if (!supported()) return;
  Taro.onNeedPrivacyAuthorization((resolve, info) => {
    // A second request while the sheet is open replaces the first: refuse the older one so it does not hang.
    pending?.resolve({ event: 'disagree' });
    set({ resolve: resolve as Resolve, referrer: info?.referrer ?? '' });
  });
}

/** The sheet (PrivacyAuthSheet) follows the pending request; returns the unsubscribe function. */
export function onPrivacyRequest(listener: (p: PendingPrivacy | null) => void): () => void {
  listeners.add(listener);
  listener(pending);
  return () => listeners.delete(listener);
}

/** The sheet's answer. `buttonId` is the agree button's id (WeChat checks that it was tapped). */
export function answerPrivacy(agree: boolean, buttonId?: string): void {
  const p = pending;
  if (!p) return;
  set(null);
  p.resolve(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
}

/** Ask before a privacy API: true when agreed (now or before), false when the person said no. Always true in H5. */
export function ensurePrivacy(): Promise<boolean> {
  if (!supported()) return Promise.resolve(true);
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/** Run `fn` (which calls a privacy API) once the person agreed; null, with a short note, if they did not. */
export async function withPrivacy<T>(fn: () => Promise<T>): Promise<T | null> {
  if (!(await ensurePrivacy())) {
    void Taro.showToast({ title: '需要同意隐私保护指引才能使用这项功能', icon: 'none' });
    return null;
  }
  return fn();
}

/** Copy `text` (the clipboard needs the agreement in WeChat), with a short confirmation. */
export async function copyText(text: string, toast = '已复制'): Promise<void> {
  const done = await withPrivacy(() => Taro.setClipboardData({ data: text }));
  if (done) void Taro.showToast({ title: toast, icon: 'success' });
}

/** Scan a QR code with the camera (after the agreement in WeChat); null when refused or closed. */
export async function scanQrCode(): Promise<string | null> {
  try {
    const r = await withPrivacy(() => Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
    return r?.result ?? null;
  } catch {
    return null; // the scanner was closed
  }
}
