// The emulator: one HTTP server on 127.0.0.1 with
//   POST /admin              the CloudBase admin API (what @cloudbase/node-sdk calls through serviceUrl)
//   POST /functions/<name>   the local gateway for the H5 build (local mode only)
//   POST /files              the H5 build's uploads (local mode only)
//   PUT /_emulator/cos/…, GET /_emulator/files/…   cloud storage's upload and temporary links (storage/service.ts)
//   /_emulator/…             the emulator's own endpoints (stats, clock, triggers, outbox, files, console)
//   everything else          the H5 build (--static)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Admin } from './admin/index.js';
import { FunctionHost } from './functions/host.js';
import { Registry } from './functions/registry.js';
import { handleGateway } from './gateway.js';
import { emulatorRoute } from './routes.js';
import { serveStatic } from './static.js';
import { Storage } from './storage/service.js';
import type { CollectionSpec } from './store/engine.js';
import { Store } from './store/store.js';
import { Transactions } from './store/transactions.js';
import { Clock } from './timers/clock.js';
import { Scheduler, type TimerTrigger } from './timers/scheduler.js';
import { type WxConfig, defaultWxConfig } from './wx/config.js';
import { WxOpenApi } from './wx/openapi.js';
import { MediaChecks } from './wx/media-check.js';

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
  /** Where the cloud functions are (one folder per function); several roots are searched in order. */
  functionsDir?: string | string[];
  /** Restart function instances when these folders (and functionsDir) change. */
  watchDirs?: string[];
  /** Local mode: the /functions gateway for the H5 app is on. */
  local?: boolean;
  wx?: WxConfig;
  maxInstances?: number;
  envId?: string;
  /** Run timer triggers on their schedule (the clock still works without). */
  timers?: boolean;
  /** Per-function environment variables ('*' for all), as the CloudBase console would set them. */
  functionEnv?: Record<string, Record<string, string>>;
  /** Larger uploads are refused (default 50 MB). */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_MB = 50;

export class Emulator {
  readonly store: Store;
  readonly txs: Transactions;
  readonly clock = new Clock();
  readonly wx: WxOpenApi;
  mediaChecks!: MediaChecks;
  readonly storage: Storage;
  readonly registry?: Registry;
  host!: FunctionHost;
  admin!: Admin;
  scheduler!: Scheduler;
  private server?: http.Server;
  url = '';

  constructor(readonly opts: EmulatorOptions) {
    this.store = new Store(opts.file, { spec: opts.spec, synchronous: opts.synchronous, now: () => this.clock.now() });
    this.txs = new Transactions(this.store, opts.txLifetimeMs);
    this.wx = new WxOpenApi(opts.wx ?? defaultWxConfig(), () => this.clock.now());
    // Files live next to the database: <data>/storage.sqlite and <data>/storage/ (in memory with :memory:).
    this.storage = new Storage({
      envId: this.envId,
      dataDir: opts.file === ':memory:' ? undefined : path.dirname(opts.file),
      synchronous: opts.synchronous,
      maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_MB * 1024 * 1024,
      now: () => this.clock.now(),
      baseUrl: () => this.url,
    });
    if (opts.functionsDir) this.registry = new Registry(opts.functionsDir);
  }

  get envId(): string {
    return this.opts.envId ?? 'redpark-local';
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
    this.host = new FunctionHost({
      registry: this.registry ?? new Registry('/nonexistent'),
      envId: this.envId,
      maxInstances: this.opts.maxInstances,
      now: () => this.clock.now(),
      baseEnv: this.functionEnv(),
      functionEnv: this.opts.functionEnv,
    });
    this.admin = new Admin(this.store, this.txs, this.host, this.wx, this.opts.wx?.appid ?? defaultWxConfig().appid, this.storage);
    this.storage.recorder = (record, delta) => this.admin.recordStorage(record, delta);
    const wxConfig = this.opts.wx ?? defaultWxConfig();
    this.mediaChecks = new MediaChecks({
      appid: wxConfig.appid,
      now: () => this.clock.now(),
      words: () => wxConfig.mediaCheck,
      target: () => wxConfig.messagePush,
      invoke: (fn, event, identity) => this.host.invoke(fn, event, identity),
    });
    this.wx.onMediaCheck = (c) => this.mediaChecks.add(c);
    this.scheduler = new Scheduler({
      clock: this.clock,
      triggers: () => this.timerTriggers(),
      fire: async (t, event) => {
        const r = await this.host.invoke(t.functionName, event, { source: 'wx_trigger', triggerSrc: 'timer' });
        if (!r.ok) throw new Error(`${r.error!.code}: ${r.error!.message}`);
      },
    });
    if (this.opts.timers) this.scheduler.start();
    if (this.registry && this.opts.watchDirs) this.registry.watch(this.opts.watchDirs, (what) => this.host.markStale(what));
    return this.url;
  }

  timerTriggers(): TimerTrigger[] {
    return (this.registry?.list() ?? []).flatMap((f) => f.config.triggers.map((t) => ({ functionName: f.name, name: t.name, cron: t.config })));
  }

  /** What every function instance starts with: the SDK pointed here, no cloud probe, UTC like SCF. */
  private functionEnv(): Record<string, string> {
    const keep = ['PATH', 'HOME', 'NODE_OPTIONS', 'LANG'];
    const env: Record<string, string> = {};
    for (const k of keep) if (process.env[k]) env[k] = process.env[k]!;
    return {
      ...env,
      TZ: 'UTC',
      TENCENTCLOUD: 'true',
      SILENCE: 'true',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.url}/admin` }),
      TENCENTCLOUD_SECRETID: 'emulator-secret-id',
      TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
    };
  }

  async close(): Promise<void> {
    this.scheduler?.stop();
    await this.mediaChecks?.settle().catch(() => undefined);
    this.registry?.close();
    await this.host?.close();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections();
    this.store.close();
    this.storage.close();
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const max = this.opts.maxBodyBytes ?? 16 * 1024 * 1024;
      // Storage streams its bodies (uploads up to --max-file-mb), so it goes before anything reads one.
      if (await this.storage.handleHttp(req, res, url, !!this.opts.local)) return;
      if (url.pathname === '/admin' && req.method === 'POST') {
        const requestId = randomUUID();
        const body = await readBody(req, max);
        if (body === undefined) return send(res, 200, { code: 'REQUEST_TOO_LARGE', message: `request body over ${max} bytes`, requestId });
        let params: unknown;
        try {
          params = JSON.parse(body.toString('utf8'));
          if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new Error('body must be a JSON object');
        } catch (e) {
          return send(res, 200, { code: 'INVALID_REQUEST', message: `request body is not a JSON object: ${(e as Error).message}`, requestId });
        }
        return send(res, 200, await this.admin.dispatch(params as Record<string, unknown>, req.headers, requestId));
      }
      if (url.pathname.startsWith('/functions/')) {
        if (!this.opts.local) return send(res, 404, { error: { code: 'GATEWAY_OFF', message: 'the local gateway is off: start the emulator with --local' } });
        if (req.method !== 'POST') return send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } });
        const body = await readBody(req, max);
        if (body === undefined) return send(res, 413, { error: { code: 'REQUEST_TOO_LARGE', message: `request body over ${max} bytes` } });
        const name = decodeURIComponent(url.pathname.slice('/functions/'.length));
        const r = await handleGateway(this.host, name, req.headers, body, this.opts.wx?.appid ?? defaultWxConfig().appid, req.socket.remoteAddress ?? '127.0.0.1');
        return send(res, r.status, r.body);
      }
      if (url.pathname.startsWith('/_emulator')) {
        const body = req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE' ? await readBody(req, max) : undefined;
        const r = await emulatorRoute(this, req.method ?? 'GET', url, body);
        if (r.html !== undefined) {
          res.writeHead(r.status, { 'content-type': 'text/html; charset=utf-8' });
          return void res.end(r.html);
        }
        return send(res, r.status, r.body);
      }
      if (this.opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(this.opts.staticDir, url.pathname, res);
      send(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
    } catch (e) {
      send(res, 500, { code: 'INTERNAL_ERROR', message: (e as Error).message });
    }
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
