/**
 * The display screen's one call, `ledger` `display.get`, made with no WeChat identity: the key in the input is the
 * only credential (access 'key', docs/ARCHITECTURE.md). In H5 (a TV's browser) it goes to the local gateway as an
 * anonymous caller (`X-Redpark-Anonymous: 1`, no persona), or in production to the ledger function's HTTP 访问服务
 * route baked in at build time (REDPARK_DISPLAY_API, docs/DEPLOY.md §9); in WeChat through callFunction like every call (the
 * platform adds an identity, which the action ignores). Never rejects: failures become an ApiReply.
 */
import Taro from '@tarojs/taro';
import type { ApiReply } from '@shared/contract';
import { apiError } from '@shared/contract/errors';
import type { DisplayScreen } from '@shared/contract/display';

const NETWORK_MESSAGE = '网络连接中断，正在重试';

export async function displayGet(key: string): Promise<ApiReply<DisplayScreen>> {
  const data = { action: 'display.get', input: { key } };
  try {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(process.env.REDPARK_DISPLAY_API || '/functions/ledger', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Redpark-Anonymous': '1' },
        body: JSON.stringify({ data }),
      });
      const body = (await res.json().catch(() => ({}))) as { result?: ApiReply<DisplayScreen> };
      if (!res.ok || !body.result || typeof body.result !== 'object') return { ok: false, error: apiError('INTERNAL', { message: NETWORK_MESSAGE }) };
      return body.result;
    }
    const res = await Taro.cloud.callFunction({ name: 'ledger', data });
    return res.result as ApiReply<DisplayScreen>;
  } catch (e) {
    console.warn('display.get failed', e);
    return { ok: false, error: apiError('INTERNAL', { message: NETWORK_MESSAGE }) };
  }
}
