// The admin API (POST /admin): one JSON body per call, `action` picks the handler. Every call is
// counted and recorded; calls made from inside a function invocation (recognised by the
// invocation token the SDK forwards as wxCloudApiToken) are also attributed to that invocation.
import type { CallerIdentity, InvocationToken } from '../functions/identity.js';
import { WRITE_ACTIONS } from '../functions/faults.js';
import type { FunctionHost } from '../functions/host.js';
import type { Store } from '../store/store.js';
import type { Transactions } from '../store/transactions.js';
import { DbError } from '../store/errors.js';
import type { WxOpenApi } from '../wx/openapi.js';
import { type DatabaseAction, databaseActions, handleDatabase } from './database.js';
import { handleInvoke } from './functions.js';

export interface RequestRecord {
  requestId: string;
  /** When it arrived (emulator clock, ISO). */
  at: string;
  action: string;
  /** For functions.invokeFunction: the function called. */
  function?: string;
  collection?: string;
  /** The function invocation that made this call, if any. */
  from?: string;
  ms: number;
  docsExamined: number;
  docsReturned: number;
  plan?: string;
  error?: string;
  /** An injected fault killed the calling instance at this request (POST /_emulator/faults). */
  fault?: string;
  /** The transaction the request belongs to (for startTransaction: the one it opened). */
  transactionId?: string;
}

export interface Totals {
  requests: number;
  dbRoundTrips: number;
  docsExamined: number;
  docsReturned: number;
}

const RECENT = 1000;
const ENVELOPE = [
  'action', 'envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken',
  'instance', 'database', 'timestamp', 'sdk_version', 'seqId',
];

export class Admin {
  readonly totals: Totals = { requests: 0, dbRoundTrips: 0, docsExamined: 0, docsReturned: 0 };
  readonly recent: RequestRecord[] = [];

  constructor(
    private readonly store: Store,
    private readonly txs: Transactions,
    private readonly host: FunctionHost,
    private readonly wx: WxOpenApi,
    private readonly appid: string,
  ) {}

  resetStats(): void {
    Object.assign(this.totals, { requests: 0, dbRoundTrips: 0, docsExamined: 0, docsReturned: 0 });
    this.recent.length = 0;
  }

  /**
   * Who is calling: a function invocation (by its token), a test standing in for the WeChat
   * client (x-wx-openid header, emulator only), or an admin with credentials and no WeChat user.
   */
  caller(params: Record<string, unknown>, headers: Record<string, string | string[] | undefined>): { identity: CallerIdentity; token?: InvocationToken } {
    const token = this.host.tokens.resolve(params.wxCloudApiToken);
    if (token) {
      const { triggerSrc: _t, ...rest } = token.identity;
      return { identity: { ...rest, source: `${token.identity.source},scf` }, token };
    }
    const openid = headers['x-wx-openid'];
    if (typeof openid === 'string' && openid) {
      const h = (k: string) => (typeof headers[k] === 'string' ? (headers[k] as string) : undefined);
      return { identity: { openid, appid: h('x-wx-appid') ?? this.appid, unionid: h('x-wx-unionid'), source: h('x-wx-source') ?? 'wx_client' } };
    }
    return { identity: { source: 'admin' } };
  }

  async dispatch(params: Record<string, unknown>, headers: Record<string, string | string[] | undefined>, requestId: string): Promise<Record<string, unknown>> {
    const started = performance.now();
    const action = typeof params.action === 'string' ? params.action : '';
    const { identity, token } = this.caller(params, headers);
    const rest = Object.fromEntries(Object.entries(params).filter(([k]) => !ENVELOPE.includes(k)));
    this.totals.requests++;
    const counters = { docsExamined: 0, docsReturned: 0 };
    const record: RequestRecord = { requestId, at: new Date(this.store.now()).toISOString(), action, ms: 0, docsExamined: 0, docsReturned: 0 };
    if (action === 'functions.invokeFunction' && typeof params.function_name === 'string') record.function = params.function_name;
    if (typeof params.collectionName === 'string') record.collection = params.collectionName;
    if (token) record.from = `${token.functionName}:${token.requestId}`;
    if (typeof params.transactionId === 'string') record.transactionId = params.transactionId;
    let reply: Record<string, unknown>;
    try {
      if (token?.dead) {
        // Sent by an instance an injected fault has killed: a dead process's requests never land.
        reply = { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'the calling instance was killed (emulator fault): request not applied' };
      } else if ((databaseActions as string[]).includes(action)) {
        this.totals.dbRoundTrips++;
        const call = token && this.host.liveCall(token.requestId);
        const kill = call ? this.host.faults.onDbRequest(token.functionName, token.requestId, action) : undefined;
        const killNow = (applied: boolean) => {
          const why = `killed at database request ${kill!.request} (${action}, ${applied ? 'applied' : 'not applied'})`;
          this.host.killInvocation(token!.requestId, why);
          record.fault = applied ? 'applied, then the instance was killed' : 'not applied: the instance was killed';
          return { code: 'FUNCTIONS_EXECUTE_FAIL', message: `the calling instance was ${why}` };
        };
        if (kill && !kill.fault.applied) {
          reply = killNow(false);
        } else {
          this.store.engine.counters = counters;
          this.store.lastPlan = '';
          try {
            reply = handleDatabase(this.store, this.txs, action as DatabaseAction, rest);
          } finally {
            // Applied (or refused, as it would have been): the instance dies before it reads the reply.
            if (kill) killNow(true);
          }
          if (this.store.lastPlan) record.plan = this.store.lastPlan;
          if (typeof reply.transactionId === 'string') record.transactionId = reply.transactionId;
          if (call) {
            call.db.roundTrips++;
            if (WRITE_ACTIONS.includes(action)) call.db.writes++;
            call.db.docsExamined += counters.docsExamined;
            call.db.docsReturned += counters.docsReturned;
          }
        }
      } else if (action === 'functions.invokeFunction') {
        reply = await handleInvoke(this.host, rest, identity);
      } else if (action === 'wx.api') {
        reply = this.wxApi(rest, token, identity);
      } else {
        reply = { code: 'INVALID_ACTION', message: `unknown action ${JSON.stringify(action)}` };
      }
    } catch (e) {
      if (e instanceof DbError) reply = { code: e.code, message: e.message };
      else reply = { code: 'INTERNAL_ERROR', message: (e as Error).message };
    }
    record.ms = performance.now() - started;
    record.docsExamined = counters.docsExamined;
    record.docsReturned = counters.docsReturned;
    if (reply.code) record.error = String(reply.code);
    this.totals.docsExamined += counters.docsExamined;
    this.totals.docsReturned += counters.docsReturned;
    this.recent.push(record);
    if (this.recent.length > RECENT) this.recent.shift();
    return { requestId, ...reply };
  }

  private wxApi(params: Record<string, unknown>, token: InvocationToken | undefined, identity: CallerIdentity): Record<string, unknown> {
    if (typeof params.apiName !== 'string' || !params.apiName) return { code: 'INVALID_PARAM', message: 'wx.api: apiName is required' };
    let data: unknown = {};
    if (typeof params.requestData === 'string' && params.requestData) {
      try {
        data = JSON.parse(params.requestData);
      } catch {
        return { code: 'INVALID_PARAM', message: 'wx.api: requestData is not JSON' };
      }
    }
    const caller = token ? { functionName: token.functionName, permissions: token.permissions, openid: identity.openid } : { openid: identity.openid };
    return { data: { responseData: JSON.stringify(this.wx.call(params.apiName, data, caller)) } };
  }
}
