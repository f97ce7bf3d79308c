// Caller identity as the platform injects it. Each invocation gets a token (the platform's
// WX_API_TOKEN); when the function calls the admin API, the SDK sends it back as
// wxCloudApiToken, so the emulator knows which invocation (and whose identity) is calling.
import { randomBytes } from 'node:crypto';

export interface CallerIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** The platform's SOURCE chain: wx_client, wx_trigger, 'wx_client,scf', admin … */
  source: string;
  /** Set for timer invocations ('timer'). */
  triggerSrc?: string;
}

export interface InvocationToken {
  requestId: string;
  functionName: string;
  permissions: string[];
  identity: CallerIdentity;
  /** The invocation's instance was killed: whatever still arrives with this token is refused. */
  dead?: boolean;
}

export class Tokens {
  private live = new Map<string, InvocationToken>();

  mint(t: InvocationToken): string {
    const token = `emu-${randomBytes(18).toString('hex')}`;
    this.live.set(token, t);
    return token;
  }

  resolve(token: unknown): InvocationToken | undefined {
    return typeof token === 'string' && token ? this.live.get(token) : undefined;
  }

  /** An invocation's token stays valid a little after it ends, for calls still in flight. */
  expire(token: string, graceMs = 5000): void {
    // A killed invocation's token is remembered longer, so nothing its process sent is taken for an admin call.
    const ms = this.live.get(token)?.dead ? Math.max(graceMs, 60_000) : graceMs;
    setTimeout(() => this.live.delete(token), ms).unref();
  }
}

/** process.env / context.environment for one invocation, with the keys the SDK is told to read. */
export function invocationEnv(opts: {
  envId: string;
  requestId: string;
  functionName: string;
  identity: CallerIdentity;
  token: string;
  extra: Record<string, string>;
}): Record<string, string> {
  const { identity: id } = opts;
  const wx: Record<string, string> = {};
  if (id.openid) wx.WX_OPENID = id.openid;
  if (id.appid) wx.WX_APPID = id.appid;
  if (id.unionid) wx.WX_UNIONID = id.unionid;
  if (id.clientIp) wx.WX_CLIENTIP = id.clientIp;
  const tcb: Record<string, string> = {
    TCB_ENV: opts.envId,
    SCF_NAMESPACE: opts.envId,
    TCB_SEQID: opts.requestId,
    TCB_SOURCE: id.source,
    TCB_FUNCTION_NAME: opts.functionName,
    WX_API_TOKEN: opts.token,
  };
  if (id.triggerSrc) {
    tcb.TRIGGER_SRC = id.triggerSrc;
    tcb.WX_TRIGGER_API_TOKEN_V0 = opts.token;
  }
  return {
    ...opts.extra,
    ...wx,
    ...tcb,
    WX_CONTEXT_KEYS: Object.keys(wx).join(','),
    TCB_CONTEXT_KEYS: Object.keys(tcb).join(','),
  };
}
