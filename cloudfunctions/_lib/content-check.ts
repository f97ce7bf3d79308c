// WeChat's content check (msgSecCheck 2.0) for text a person wrote that others will read. Every call
// spends the app-wide quota first (WeChat allows 4,000 a minute for the whole app): past it, people
// are told to wait instead of WeChat failing the call. A failed call fails closed: nothing is stored.
import { app } from './db';
import { ActionError } from './action-error';
import { spendRate } from './rate-limit';

export type Suggest = 'pass' | 'review' | 'risky';

/** errcodes meaning "too many calls" (45009 daily, 45011 per minute): wait, don't fail. */
const QUOTA_ERRCODES = new Set([45009, 45011]);

export async function secCheck(openid: string, content: string, now = new Date()): Promise<Suggest> {
  await spendRate('contentCheckApp', 'app', now);
  const res = await app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content, version: 2, scene: 2, openid } });
  const r = (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as { errcode?: number; result?: { suggest?: string } } | undefined;
  const suggest = r?.result?.suggest;
  if (r?.errcode !== undefined && QUOTA_ERRCODES.has(r.errcode)) throw new ActionError('RATE_LIMITED', { message: '系统繁忙，请 1 分钟后再试' });
  if (r?.errcode !== 0 || (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky')) {
    console.error('msgSecCheck failed:', JSON.stringify(r));
    throw new ActionError('INTERNAL', { message: '内容检查暂时不可用，请稍后再试' });
  }
  return suggest;
}
