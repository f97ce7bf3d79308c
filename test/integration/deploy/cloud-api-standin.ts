// A local stand-in of the CloudBase management API (Tencent Cloud API 3.0) for the deploy tests:
// what @cloudbase/manager-node sends — a POST of JSON params, the action in X-TC-Action, the service
// in the TC3 signature's credential scope — answered from an in-memory environment, every request
// recorded. The signature is checked against the test key, so the requests are the real, signed ones.
// It is also the fake of what uploads function code: CreateFunction / UpdateFunctionCode carry the
// zip inline (Code.ZipFile), unzipped here; Invoke runs the uploaded code's `main` as CloudBase would.
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { unzip } from '../../../scripts/deploy/zip';
import { ROOT } from '../../support/emulator.js';

export const SECRET_ID = 'AKIDstandin';
export const SECRET_KEY = 'standin-secret-key';

export interface Call {
  service: string;
  action: string;
  params: Record<string, any>;
}

export interface StandinIndex {
  keys: Array<{ Name: string; Direction: string }>;
  unique: boolean;
  sparse: boolean;
}
export interface StandinFunction {
  status: string;
  /** GetFunction answers with a transitional status this many times before Active. */
  busyPolls: number;
  timeout: number;
  memory: number;
  runtime: string;
  description: string;
  env: Record<string, string>;
  triggers: Map<string, string>;
  files: Map<string, Buffer>;
  /** InstallDependency of the last code upload: whether the cloud would install package.json's dependencies. */
  install: boolean;
}

/** Actions that change the environment. */
export const WRITES = new Set([
  'CreateTable', 'UpdateTable', 'DeleteTable', 'ModifySafeRule', 'CreateFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration',
  'CreateTrigger', 'DeleteTrigger', 'BatchCreateTrigger', 'DeleteFunction', 'ModifyResourcePermission',
]);

class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class CloudApiStandin {
  readonly calls: Call[] = [];
  readonly collections = new Map<string, { indexes: Map<string, StandinIndex>; rule: string }>();
  readonly functions = new Map<string, StandinFunction>();
  private server?: http.Server;
  url = '';

  constructor(readonly envId: string) {}

  writes(): Call[] {
    return this.calls.filter((c) => WRITES.has(c.action));
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', async () => {
        let reply: Record<string, unknown>;
        try {
          const auth = String(req.headers.authorization ?? '');
          const service = /Credential=[^/]+\/[^/]+\/([^/]+)\/tc3_request/.exec(auth)?.[1] ?? '';
          const action = String(req.headers['x-tc-action'] ?? '');
          this.checkSignature(req, body, auth, service);
          const params = JSON.parse(body || '{}') as Record<string, any>;
          this.calls.push({ service, action, params });
          reply = { ...(await this.answer(service, action, params)), RequestId: `req-${this.calls.length}` };
        } catch (e) {
          const err = e instanceof ApiError ? e : new ApiError('InternalError', (e as Error).message);
          reply = { Error: { Code: err.code, Message: err.message }, RequestId: `req-${this.calls.length}` };
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ Response: reply }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
    rmSync(this.codeRoot(), { recursive: true, force: true });
  }

  /** TC3-HMAC-SHA256 as Tencent Cloud checks it (content-type;host signed, the body's hash). */
  private checkSignature(req: http.IncomingMessage, body: string, auth: string, service: string) {
    const timestamp = Number(req.headers['x-tc-timestamp']);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical = `POST\n/\n\ncontent-type:${req.headers['content-type']}\nhost:${host}\n\ncontent-type;host\n${hash(body)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${hash(canonical)}`;
    const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
    const key = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date), service), 'tc3_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    if (!auth.startsWith(`TC3-HMAC-SHA256 Credential=${SECRET_ID}/`) || !auth.endsWith(`Signature=${signature}`)) {
      throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    }
  }

  private async answer(service: string, action: string, p: Record<string, any>): Promise<Record<string, unknown>> {
    if (service === 'scf' && action === 'Invoke') return { Result: await this.invoke(p) };
    if (service === 'tcb') return this.tcb(action, p);
    if (service === 'scf') return this.scf(action, p);
    throw new ApiError('InvalidAction', `no ${service} here`);
  }

  private collection(name: string) {
    const c = this.collections.get(name);
    if (!c) throw new ApiError('ResourceNotFound', `collection ${name} not found`);
    return c;
  }

  private tcb(action: string, p: Record<string, any>): Record<string, unknown> {
    if (p.EnvId !== undefined && p.EnvId !== this.envId) throw new ApiError('ResourceNotFound', `env ${p.EnvId} not found`);
    switch (action) {
      case 'DescribeEnvInfo':
        return { EnvInfo: { EnvBaseInfo: { EnvId: this.envId, Alias: 'standin', Databases: [{ InstanceId: 'tnt-standin', Region: 'ap-shanghai' }], Functions: [{ Namespace: this.envId, Region: 'ap-shanghai' }], Storages: [] } } };
      case 'ListTables': {
        const names = [...this.collections.keys()];
        const page = names.slice(p.MgoOffset ?? 0, (p.MgoOffset ?? 0) + (p.MgoLimit ?? 100));
        return { Tables: page.length ? page.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: 1, IndexSize: 0 })) : null, Pager: { Offset: p.MgoOffset, Limit: p.MgoLimit, Total: names.length } };
      }
      case 'CreateTable':
        if (this.collections.has(p.TableName)) throw new ApiError('ResourceInUse', `collection ${p.TableName} exists`);
        // A new collection's default rule in CloudBase: only its creator reads and writes.
        this.collections.set(p.TableName, { indexes: new Map(), rule: 'PRIVATE' });
        return {};
      case 'DescribeTable': {
        const c = this.collection(p.TableName);
        const Indexes = [
          { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true, Size: 0 },
          ...[...c.indexes].map(([Name, i]) => ({ Name, Keys: i.keys, Unique: i.unique, Size: 0, Accesses: { Ops: 0, Since: '' } })),
        ];
        return { Indexes, IndexNum: Indexes.length };
      }
      case 'UpdateTable': {
        const c = this.collection(p.TableName);
        for (const d of p.DropIndexes ?? []) {
          if (!c.indexes.delete(d.IndexName)) throw new ApiError('ResourceNotFound', `index ${d.IndexName} not found`);
        }
        for (const i of p.CreateIndexes ?? []) {
          if (c.indexes.has(i.IndexName)) throw new ApiError('ResourceInUse', `index ${i.IndexName} exists`);
          c.indexes.set(i.IndexName, { keys: i.MgoKeySchema.MgoIndexKeys, unique: i.MgoKeySchema.MgoIsUnique, sparse: Boolean(i.MgoKeySchema.MgoIsSparse) });
        }
        return {};
      }
      case 'DescribeSafeRule':
        return { AclTag: this.collection(p.CollectionName).rule, Rule: '' };
      case 'ModifySafeRule':
        this.collection(p.CollectionName).rule = p.AclTag;
        return {};
      default:
        throw new ApiError('InvalidAction', `tcb ${action} is not stood in`);
    }
  }

  private fn(p: Record<string, any>): StandinFunction {
    if (p.Namespace !== this.envId) throw new ApiError('ResourceNotFound.Namespace', `namespace ${p.Namespace} not found`);
    const f = this.functions.get(p.FunctionName);
    if (!f) throw new ApiError('ResourceNotFound.Function', `function ${p.FunctionName} not found`);
    return f;
  }

  private scf(action: string, p: Record<string, any>): Record<string, unknown> {
    const vars = (e?: { Variables?: Array<{ Key: string; Value: string }> }) => Object.fromEntries((e?.Variables ?? []).map((v) => [v.Key, v.Value]));
    switch (action) {
      case 'GetFunction': {
        const f = this.fn(p);
        if (f.busyPolls > 0) f.busyPolls--;
        else f.status = 'Active';
        return {
          FunctionName: p.FunctionName, Namespace: p.Namespace, Status: f.status, Runtime: f.runtime, Handler: 'index.main', Timeout: f.timeout, MemorySize: f.memory,
          Description: f.description, Environment: { Variables: Object.entries(f.env).map(([Key, Value]) => ({ Key, Value })) },
          Triggers: [...f.triggers].map(([TriggerName, cron]) => ({ Type: 'timer', TriggerName, TriggerDesc: JSON.stringify({ cron }), Enable: 1 })),
        };
      }
      case 'CreateFunction': {
        if (p.Namespace !== this.envId) throw new ApiError('ResourceNotFound.Namespace', 'no namespace');
        if (this.functions.has(p.FunctionName)) throw new ApiError('ResourceInUse.Function', 'exists');
        this.functions.set(p.FunctionName, {
          status: 'Creating', busyPolls: 1, timeout: p.Timeout ?? 3, memory: p.MemorySize ?? 128, runtime: p.Runtime, description: p.Description ?? '',
          env: vars(p.Environment), triggers: new Map(), files: unzip(Buffer.from(p.Code.ZipFile, 'base64')), install: p.InstallDependency === 'TRUE',
        });
        return {};
      }
      case 'UpdateFunctionCode': {
        const f = this.fn(p);
        if (f.status !== 'Active') throw new ApiError('FailedOperation.UpdateFunctionCode', `function is ${f.status}`);
        f.files = unzip(Buffer.from(p.Code.ZipFile, 'base64'));
        f.install = p.InstallDependency === 'TRUE';
        f.status = 'Updating';
        f.busyPolls = 1;
        return {};
      }
      case 'UpdateFunctionConfiguration': {
        const f = this.fn(p);
        if (f.status !== 'Active') throw new ApiError('FailedOperation.UpdateFunctionConfiguration', `function is ${f.status}`);
        if (p.Timeout !== undefined) f.timeout = p.Timeout;
        if (p.MemorySize !== undefined) f.memory = p.MemorySize;
        if (p.Description !== undefined) f.description = p.Description;
        // As the real API: the whole set of variables is replaced.
        if (p.Environment !== undefined) f.env = vars(p.Environment);
        return {};
      }
      case 'CreateTrigger': {
        const f = this.fn(p);
        if (f.triggers.has(p.TriggerName)) throw new ApiError('ResourceInUse.Trigger', 'exists');
        f.triggers.set(p.TriggerName, p.TriggerDesc);
        return { TriggerInfo: { TriggerName: p.TriggerName } };
      }
      case 'DeleteTrigger':
        if (!this.fn(p).triggers.delete(p.TriggerName)) throw new ApiError('ResourceNotFound.Trigger', 'no trigger');
        return {};
      default:
        throw new ApiError('InvalidAction', `scf ${action} is not stood in`);
    }
  }

  private codeRoot() {
    return path.join(ROOT, '.tmp', `deploy-standin-${process.pid}-${this.envId}`);
  }

  /** Invoke: the uploaded files on disk (under the repository, so the SDK resolves) and `main` called as CloudBase calls it. */
  private async invoke(p: Record<string, any>) {
    const f = this.fn(p);
    const dir = path.join(this.codeRoot(), `${p.FunctionName}-${this.calls.length}`);
    mkdirSync(dir, { recursive: true });
    for (const [file, data] of f.files) writeFileSync(path.join(dir, file), data);
    const saved = { ...process.env };
    Object.assign(process.env, f.env);
    try {
      const { main } = createRequire(path.join(dir, 'index.js'))(path.join(dir, 'index.js')) as { main: (e: unknown, c: unknown) => Promise<unknown> };
      const context = { environment: JSON.stringify({ TCB_SOURCE: 'scf_invoke', TCB_CONTEXT_KEYS: 'TCB_SOURCE' }) };
      const reply = await main(JSON.parse(p.ClientContext ?? '{}'), context);
      return { RetMsg: JSON.stringify(reply), ErrMsg: '', BillDuration: 1, Duration: 1, MemUsage: 0 };
    } catch (e) {
      return { RetMsg: '', ErrMsg: (e as Error).message };
    } finally {
      for (const k of Object.keys(f.env)) {
        if (k in saved) process.env[k] = saved[k];
        else delete process.env[k];
      }
    }
  }
}
