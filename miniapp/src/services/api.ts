/**
 * The one way pages talk to the cloud functions, typed from shared/contract.
 *
 *   const r = await call('user', 'card', {});          // r: ApiReply<Card>
 *   if (r.ok) show(r.data); else showError(r.error.message);
 *   // or the shortcuts: await api.user.card()
 *
 * Two transports, chosen at build time by process.env.TARO_ENV (webpack drops the other one):
 * - weapp: Taro.cloud.callFunction({ name, data: { action, input } }) — the platform adds the caller's
 *   WeChat identity; the function's result is the ApiReply.
 * - h5 (local mode only): POST /functions/<name> on the emulator's gateway with the chosen demo
 *   persona's openid in X-Redpark-Openid (services/persona.ts) → { result } | { error: { code, message } }.
 *
 * Never throws for expected failures: network and platform errors become an ApiReply with code
 * INTERNAL or UNAUTHENTICATED and a Chinese message, so a page only ever shows `error.message`.
 * Form checks with the contract's zod schemas are in services/validate.ts (subpackage pages only).
 */
import Taro from '@tarojs/taro';
// Types only from the contract's index (it builds every action's zod schema); values from zod-free modules,
// so that this file, which every page imports, keeps zod out of the main package.
import type { ActionInput, ActionName, ActionOutput, ApiReply, FunctionName } from '@shared/contract';
import { apiError } from '@shared/contract/errors';
import { personaOpenid } from './persona';

export type Reply<F extends FunctionName, A extends ActionName<F>> = ApiReply<ActionOutput<F, A>>;

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** Call `fn`'s `action` with `input`; resolves to the function's ApiReply, never rejects. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<Reply<F, A>> {
  try {
    const reply = process.env.TARO_ENV === 'h5' ? await viaGateway(fn, action, input) : await viaCloud(fn, action, input);
    return isReply(reply) ? (reply as Reply<F, A>) : { ok: false, error: apiError('INTERNAL') };
  } catch (e) {
    console.warn(`call ${fn}.${action} failed`, e);
    return { ok: false, error: apiError('INTERNAL', { message: NETWORK_MESSAGE }) };
  }
}

async function viaCloud(fn: string, action: string, input: unknown): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name: fn, data: { action, input } });
  return res.result;
}

async function viaGateway(fn: string, action: string, input: unknown): Promise<unknown> {
  const openid = personaOpenid();
  if (!openid) return { ok: false, error: apiError('UNAUTHENTICATED', { message: '请先选择一个演示身份' }) };
  const res = await fetch(`/functions/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Redpark-Openid': openid },
    body: JSON.stringify({ data: { action, input } }),
  });
  const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: { code?: string; message?: string } };
  if (body.error || !res.ok) {
    // The gateway's own failures (identity, function crashed or timed out) are in English for
    // developers: log them, show people a plain message.
    console.warn(`gateway ${fn}.${action}: ${res.status}`, body.error);
    return { ok: false, error: apiError(res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL') };
  }
  return body.result;
}

function isReply(v: unknown): v is ApiReply<unknown> {
  if (!v || typeof v !== 'object') return false;
  const r = v as { ok?: unknown; error?: { message?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.message === 'string');
}

/** Shortcuts for the actions pages use most. */
export const api = {
  user: {
    me: () => call('user', 'me', {}),
    bind: (input: ActionInput<'user', 'bind'>) => call('user', 'bind', input),
    card: () => call('user', 'card', {}),
    cardCode: () => call('user', 'cardCode', {}),
    verifyCard: (code: string) => call('user', 'verifyCard', { code }),
    myData: () => call('user', 'myData', {}),
  },
};
