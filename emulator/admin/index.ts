// The admin API (POST /admin): one JSON body per call, `action` picks the handler. Every call is
// counted and recorded; calls made from inside a function invocation (recognised by the
// invocation token the SDK forwards as wxCloudApiToken) are also attributed to that invocation.
// Storage requests that do not come through /admin (the COS upload, temporary links, the H5 gateway's
// uploads) are recorded here too, through recordStorage().
import type { CallerIdentity, InvocationToken } from '../functions/identity.js';
import { WRITE_ACTIONS } from '../functions/faults.js';
import type { FunctionHost } from '../functions/host.js';
import type { Store } from '../store/store.js';
import type { Transactions } from '../store/transactions.js';
import { DbError } from '../store/errors.js';
import { newCounters } from '../store/engine.js';
import type { WxOpenApi } from '../wx/openapi.js';
import { type DatabaseAction, databaseActions, handleDatabase } from './database.js';
import { handleInvoke } from './functions.js';
import type { Storage } from '../storage/service.js';
import { type StorageAction, handleStorage, storageActions } from './storage.js';

/** What a storage request did: per file (path, file id, CloudBase code), bytes, and the HTTP status of a non-admin one. */
export interface StorageDetail {
  files?: Array<{ path?: string; fileID?: string; code: string; size?: number }>;
  bytesIn?: number;
  bytesOut?: number;
  status?: number;
}

/** Storage counters, as CloudBase bills storage: operations, uploads, downloads, traffic in and out. */
export interface StorageTotals {
  /** Every storage request: the storage.* admin actions, COS uploads, temporary-link fetches, gateway uploads. */
  requests: number;
  /** Files stored (SDK uploads and gateway uploads; copies are not uploads). */
  uploads: number;
  /** Temporary-link fetches answered with the content (GET 200). */
  downloads: number;
  /** Bytes of the files stored by uploads. */
  bytesIn: number;
  /** Bytes sent by temporary-link fetches. */
  bytesOut: number;
}

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
  /** Documents written by the request (0 when it failed: a failed request writes nothing). */
  docsWritten: number;
  plan?: string;
  error?: string;
  storage?: StorageDetail;
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
  /** CloudBase bills writes apart from reads: documents written, and by collection. */
  docsWritten: number;
  writtenByCollection: Record<string, number>;
  storage: StorageTotals;
}

const zeroStorage = (): StorageTotals => ({ requests: 0, uploads: 0, downloads: 0, bytesIn: 0, bytesOut: 0 });
const zeroTotals = (): Totals => ({
  requests: 0, dbRoundTrips: 0, docsExamined: 0, docsReturned: 0, docsWritten: 0, writtenByCollection: {}, storage: zeroStorage(),
});

const RECENT = 1000;
const ENVELOPE = [
  'action', 'envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken',
  'instance', 'database', 'timestamp', 'sdk_version', 'seqId',
];

export class Admin {
  readonly totals: Totals = zeroTotals();
  readonly recent: RequestRecord[] = [];

  constructor(
    private readonly store: Store,
    private readonly txs: Transactions,
    private readonly host: FunctionHost,
    private readonly wx: WxOpenApi,
    private readonly appid: string,
    private readonly storage: Storage,
  ) {}

  resetStats(): void {
    Object.assign(this.totals, zeroTotals());
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
    const counters = newCounters();
    const record: RequestRecord = { requestId, at: new Date(this.store.now()).toISOString(), action, ms: 0, docsExamined: 0, docsReturned: 0, docsWritten: 0 };
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
            if (reply.code) counters.written = {}; // rolled back
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
            call.db.docsWritten += sum(counters.written);
          }
        }
      } else if (action === 'functions.invokeFunction') {
        reply = await handleInvoke(this.host, rest, identity);
      } else if (action === 'wx.api') {
        reply = await this.wxApi(rest, token, identity);
      } else if ((storageActions as string[]).includes(action)) {
        const out = await handleStorage(this.storage, action as StorageAction, rest, identity, token);
        reply = out.reply;
        record.storage = out.detail;
        this.countStorage(record, {});
      } else {
        reply = { code: 'INVALID_ACTION', message: `unknown action ${JSON.stringify(action)}` };
      }
    } catch (e) {
      if (e instanceof DbError) reply = { code: e.code, message: e.message };
      else reply = { code: 'INTERNAL_ERROR', message: (e as Error).message };
      counters.written = {};
    }
    record.ms = performance.now() - started;
    record.docsExamined = counters.docsExamined;
    record.docsReturned = counters.docsReturned;
    if (reply.code) record.error = String(reply.code);
    this.totals.docsExamined += counters.docsExamined;
    this.totals.docsReturned += counters.docsReturned;
    record.docsWritten = sum(counters.written);
    this.totals.docsWritten += record.docsWritten;
    for (const [c, n] of Object.entries(counters.written)) this.totals.writtenByCollection[c] = (this.totals.writtenByCollection[c] ?? 0) + n;
    this.recent.push(record);
    if (this.recent.length > RECENT) this.recent.shift();
    return { requestId, ...reply };
  }

  /**
   * Records a storage request that did not come through /admin (it is counted in `storage`, not in `requests`,
   * which counts admin-API requests), with what it added to the counters.
   */
  recordStorage(record: RequestRecord, delta: Partial<Omit<StorageTotals, 'requests'>>): void {
    this.countStorage(record, delta);
    this.recent.push(record);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  private countStorage(record: RequestRecord, delta: Partial<Omit<StorageTotals, 'requests'>>): void {
    const t = this.totals.storage;
    t.requests++;
    t.uploads += delta.uploads ?? 0;
    t.downloads += delta.downloads ?? 0;
    t.bytesIn += delta.bytesIn ?? 0;
    t.bytesOut += delta.bytesOut ?? 0;
    const requestId = record.from?.slice(record.from.indexOf(':') + 1);
    const call = requestId ? this.host.liveCall(requestId) : undefined;
    if (call) {
      call.storage.requests++;
      call.storage.bytesIn += delta.bytesIn ?? 0;
      call.storage.bytesOut += delta.bytesOut ?? 0;
    }
  }

  private async wxApi(params: Record<string, unknown>, token: InvocationToken | undefined, identity: CallerIdentity): Promise<Record<string, unknown>> {
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
    return { data: { responseData: JSON.stringify(await this.wx.callAsync(params.apiName, data, caller)) } };
  }
}

const sum = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);
