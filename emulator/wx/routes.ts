// The emulator's own endpoints for the WeChat stand-in, as pure functions the HTTP server mounts:
//   POST   /_emulator/wx/subscriptions  {openid, templateIds, accept?}  → {TPL_ID: 'accept'|'reject'} (a user's tap
//                                       on the wx.requestSubscribeMessage prompt; the miniapp's H5 build and tests)
//   GET    /_emulator/wx/quota?openid=  → {openid, quota: {TPL_ID: remaining sends}}
//   GET    /_emulator/outbox[?touser=]  → every sent message, newest last
//   DELETE /_emulator/outbox            → {cleared: n}
//   POST   /_emulator/wx/send-faults    {errcode, touser?, times?} → {pending: n}: the next sends fail with errcode
//   DELETE /_emulator/wx/send-faults    → {cleared: n}
// Errors use the server's shape {code, message}: 400 INVALID_PARAM, 405 METHOD_NOT_ALLOWED.
import { z } from 'zod';
import { WxGrantError, type WxOpenApi } from './openapi.js';

export interface WxRouteResult {
  status: number;
  body: unknown;
}

const grantSchema = z
  .object({
    openid: z.string().min(1),
    templateIds: z.array(z.string().min(1)).min(1),
    accept: z.boolean().optional(),
  })
  .strict();

const faultSchema = z
  .object({ errcode: z.number().int().refine((n) => n !== 0, 'errcode 0 is success'), touser: z.string().min(1).optional(), times: z.number().int().min(1).max(1000).optional() })
  .strict();

const bad = (message: string): WxRouteResult => ({ status: 400, body: { code: 'INVALID_PARAM', message } });
const notAllowed = (method: string, pathname: string, allowed: string): WxRouteResult => ({
  status: 405,
  body: { code: 'METHOD_NOT_ALLOWED', message: `${method} ${pathname}: use ${allowed}` },
});

/** Handles the paths above; undefined for any other path, so the server can try its other routes. */
export function handleWxRoute(
  wx: WxOpenApi,
  method: string,
  pathname: string,
  query: URLSearchParams,
  body: unknown,
): WxRouteResult | undefined {
  switch (pathname) {
    case '/_emulator/wx/subscriptions': {
      if (method !== 'POST') return notAllowed(method, pathname, 'POST');
      const parsed = grantSchema.safeParse(parseBody(body));
      if (!parsed.success) return bad(`body must be {openid, templateIds: string[], accept?: boolean}: ${z.prettifyError(parsed.error)}`);
      try {
        return { status: 200, body: wx.grantSubscription(parsed.data.openid, parsed.data.templateIds, parsed.data.accept ?? true) };
      } catch (e) {
        if (e instanceof WxGrantError) return bad(e.message);
        throw e;
      }
    }
    case '/_emulator/wx/quota': {
      if (method !== 'GET') return notAllowed(method, pathname, 'GET');
      const openid = query.get('openid');
      if (!openid) return bad('query parameter openid is required');
      return { status: 200, body: { openid, quota: wx.quota(openid) } };
    }
    case '/_emulator/wx/send-faults': {
      if (method === 'DELETE') return { status: 200, body: { cleared: wx.clearSendFaults() } };
      if (method !== 'POST') return notAllowed(method, pathname, 'POST or DELETE');
      const parsed = faultSchema.safeParse(parseBody(body));
      if (!parsed.success) return bad(`body must be {errcode: number, touser?: string, times?: number}: ${z.prettifyError(parsed.error)}`);
      wx.failSends({ errcode: parsed.data.errcode, touser: parsed.data.touser, times: parsed.data.times ?? 1 });
      return { status: 200, body: { ok: true } };
    }
    case '/_emulator/outbox': {
      if (method === 'DELETE') return { status: 200, body: { cleared: wx.clearOutbox() } };
      if (method !== 'GET') return notAllowed(method, pathname, 'GET or DELETE');
      const touser = query.get('touser');
      return { status: 200, body: touser ? wx.outbox.filter((m) => m.touser === touser) : [...wx.outbox] };
    }
    default:
      return undefined;
  }
}

// The server may hand over the raw text or the parsed JSON; accept both. Unparseable text fails validation.
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
