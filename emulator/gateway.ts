// The local gateway for the H5 build (local mode only): POST /functions/<name> with `{ "data": … }`
// and the caller's openid in X-Redpark-Openid, standing for the WeChat client's identity that
// Taro.cloud.callFunction carries in production. Replies `{ result }` or `{ error: { code, message } }`.
import { type FunctionHost, JsonEvent } from './functions/host.js';

export const IDENTITY_HEADER = 'x-redpark-openid';
/**
 * `X-Redpark-Anonymous: 1` instead of an openid: a caller with no WeChat identity at all — the park's display
 * screen on a TV's browser, as the CloudBase web SDK's anonymous sign-in would call in production (source `web`,
 * no WX_OPENID). Only actions with access 'key' answer it; every other one is UNAUTHENTICATED.
 */
export const ANONYMOUS_HEADER = 'x-redpark-anonymous';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export interface GatewayReply {
  status: number;
  body: { result?: unknown; error?: { code: string; message: string } };
}

const fail = (status: number, code: string, message: string): GatewayReply => ({ status, body: { error: { code, message } } });

export async function handleGateway(
  host: FunctionHost,
  name: string,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  appid: string,
  clientIp: string,
): Promise<GatewayReply> {
  if (!host.has(name)) return fail(404, 'FUNCTION_NOT_FOUND', `no cloud function named ${JSON.stringify(name)}`);
  const openid = headers[IDENTITY_HEADER];
  const anonymous = headers[ANONYMOUS_HEADER] === '1' && openid === undefined;
  if (!anonymous && (typeof openid !== 'string' || !openid)) return fail(401, 'UNAUTHENTICATED', `missing caller identity: send the ${IDENTITY_HEADER} header`);
  if (!anonymous && !OPENID.test(openid as string)) return fail(401, 'UNAUTHENTICATED', `${IDENTITY_HEADER} must be 1-64 letters, digits, _ or -`);
  let payload: unknown;
  const text = body.length ? body.toString('utf8') : '{}';
  try {
    payload = JSON.parse(text); // iterative: any depth parses
  } catch (e) {
    return fail(400, 'INVALID_REQUEST', `request body is not JSON: ${(e as Error).message}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return fail(400, 'INVALID_REQUEST', 'request body must be a JSON object { "data": … }');
  // The body goes to the instance as text and `data` is taken there: re-serializing a deeply nested
  // value here would overflow the stack, and the platform delivers any JSON it accepted.
  const r = await host.invoke(name, new JsonEvent(text, 'data'), anonymous ? { appid, clientIp, source: 'web' } : { openid: openid as string, appid, clientIp, source: 'wx_client' });
  if (r.ok) return { status: 200, body: { result: r.result } };
  const status = r.error!.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED' ? 504 : 502;
  return fail(status, r.error!.code, r.error!.message);
}
