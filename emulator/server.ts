// The emulator's HTTP server: the CloudBase admin API on /admin (what @cloudbase/node-sdk calls
// through `serviceUrl`) and the emulator's own endpoints under /_emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { serveStatic } from './static.js';
import { type DatabaseAction, databaseActions, handleDatabase } from './admin/database.js';
import type { CollectionSpec } from './store/engine.js';
import { DbError } from './store/errors.js';
import { Store } from './store/store.js';
import { Transactions } from './store/transactions.js';

export interface EmulatorOptions {
  port: number;
  /** SQLite file; ':memory:' for an in-memory store. */
  file: string;
  spec?: CollectionSpec[];
  txLifetimeMs?: number;
  maxBodyBytes?: number;
  synchronous?: 'NORMAL' | 'FULL';
  /** Serve this folder's files at / (the H5 build). */
  staticDir?: string;
}

export interface RequestRecord {
  requestId: string;
  action: string;
  collection?: string;
  ms: number;
  docsExamined: number;
  docsReturned: number;
  plan?: string;
  error?: string;
}

export interface Totals {
  requests: number;
  dbRoundTrips: number;
  docsExamined: number;
  docsReturned: number;
}

const RECENT = 1000;

export class Emulator {
  readonly store: Store;
  readonly txs: Transactions;
  readonly totals: Totals = { requests: 0, dbRoundTrips: 0, docsExamined: 0, docsReturned: 0 };
  readonly recent: RequestRecord[] = [];
  private server?: http.Server;
  url = '';

  constructor(readonly opts: EmulatorOptions) {
    this.store = new Store(opts.file, { spec: opts.spec, synchronous: opts.synchronous });
    this.txs = new Transactions(this.store, opts.txLifetimeMs);
  }

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => void this.route(req, res));
    server.keepAliveTimeout = 10_000; // above the SDK's 4.8 s free-socket timeout
    server.headersTimeout = 15_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections();
    this.store.close();
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/admin' && req.method === 'POST') return await this.admin(req, res);
      if (url.pathname === '/_emulator/stats' && req.method === 'GET') return send(res, 200, this.totals);
      if (url.pathname === '/_emulator/stats/reset' && req.method === 'POST') {
        Object.assign(this.totals, { requests: 0, dbRoundTrips: 0, docsExamined: 0, docsReturned: 0 });
        this.recent.length = 0;
        return send(res, 200, this.totals);
      }
      if (url.pathname === '/_emulator/requests' && req.method === 'GET') {
        const n = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, RECENT);
        return send(res, 200, this.recent.slice(-n));
      }
      if (url.pathname === '/_emulator/health') return send(res, 200, { ok: true, openTransactions: this.txs.openCount });
      if (this.opts.staticDir && (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/_emulator'))
        return serveStatic(this.opts.staticDir, url.pathname, res);
      send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
    } catch (e) {
      send(res, 500, { code: 'INTERNAL_ERROR', message: (e as Error).message });
    }
  }

  private async admin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const body = await readBody(req, this.opts.maxBodyBytes ?? 16 * 1024 * 1024);
    if (body === undefined)
      return send(res, 200, { code: 'REQUEST_TOO_LARGE', message: `request body over ${this.opts.maxBodyBytes ?? 16 * 1024 * 1024} bytes`, requestId });
    let params: Record<string, unknown>;
    try {
      const parsed = JSON.parse(body.toString('utf8')) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body must be a JSON object');
      params = parsed as Record<string, unknown>;
    } catch (e) {
      return send(res, 200, { code: 'INVALID_REQUEST', message: `request body is not a JSON object: ${(e as Error).message}`, requestId });
    }
    const action = typeof params.action === 'string' ? params.action : '';
    send(res, 200, this.dispatch(action, params, requestId));
  }

  /** Run one admin action synchronously; returns the reply body. */
  dispatch(action: string, params: Record<string, unknown>, requestId: string): Record<string, unknown> {
    const started = performance.now();
    this.totals.requests++;
    const counters = { docsExamined: 0, docsReturned: 0 };
    this.store.engine.counters = counters;
    this.store.lastPlan = '';
    const record: RequestRecord = { requestId, action, ms: 0, docsExamined: 0, docsReturned: 0 };
    if (typeof params.collectionName === 'string') record.collection = params.collectionName;
    let reply: Record<string, unknown>;
    try {
      if ((databaseActions as string[]).includes(action)) {
        this.totals.dbRoundTrips++;
        reply = { requestId, ...handleDatabase(this.store, this.txs, action as DatabaseAction, stripEnvelope(params)) };
      } else {
        reply = { requestId, code: 'INVALID_ACTION', message: `unknown action ${JSON.stringify(action)}` };
      }
    } catch (e) {
      if (e instanceof DbError) reply = { requestId, code: e.code, message: e.message };
      else reply = { requestId, code: 'INTERNAL_ERROR', message: (e as Error).message };
    }
    record.ms = performance.now() - started;
    record.docsExamined = counters.docsExamined;
    record.docsReturned = counters.docsReturned;
    if (this.store.lastPlan) record.plan = this.store.lastPlan;
    if (reply.code) record.error = String(reply.code);
    this.totals.docsExamined += counters.docsExamined;
    this.totals.docsReturned += counters.docsReturned;
    this.recent.push(record);
    if (this.recent.length > RECENT) this.recent.shift();
    return reply;
  }
}

/** Drop the SDK's envelope fields (credentials, env) that carry no database meaning. */
function stripEnvelope(p: Record<string, unknown>): Record<string, unknown> {
  const {
    action: _a, envName: _e, wxCloudApiToken: _w, wxCloudbaseAccesstoken: _x, tcb_sessionToken: _t,
    crossAuthorizationToken: _c, instance: _i, database: _d, timestamp: _ts, sdk_version: _v, seqId: _s, ...rest
  } = p;
  return rest;
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
