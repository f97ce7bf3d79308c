// The function host, like SCF: every function runs in its own worker processes, one invocation
// at a time per instance, more instances on concurrent demand up to a cap (then requests queue).
// Cold starts are real (a process starts and loads the function) and measured; the timeout in
// config.json kills the instance; a throw, a crash or a bad module never takes the emulator down.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Faults } from './faults.js';
import { type CallerIdentity, type InvocationToken, Tokens, invocationEnv } from './identity.js';
import type { FunctionDef, Registry } from './registry.js';
import type { HostMessage, SerializedError, WorkerMessage } from './runner.js';

const RUNNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runner.ts');
// Resolved here, not from the function's folder (which need not see this repository's node_modules).
const TSX = import.meta.resolve('tsx');

export type InvokeErrorCode =
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
  | 'FUNCTIONS_CONFIG_INVALID'
  | 'FUNCTIONS_RESPONSE_TOO_LARGE';

/**
 * An event that arrived as JSON text (a request body): handed to the instance as text, so a body
 * of any depth reaches the function as the platform delivers it. `field` picks one of its fields.
 */
export class JsonEvent {
  constructor(readonly json: string, readonly field?: string) {}
}

export interface InvokeResult {
  requestId: string;
  functionName: string;
  ok: boolean;
  result?: unknown;
  error?: { code: InvokeErrorCode; message: string };
  durationMs: number;
  /** Time spent starting a new instance for this call (0 when warm). */
  coldStartMs: number;
  logs: string[];
}

export interface CallRecord extends InvokeResult {
  at: string;
  source: string;
  openid?: string;
  /** Database requests the invocation made (writes: inserts, updates, removes and commits), what they examined, returned and wrote. */
  db: { roundTrips: number; writes: number; docsExamined: number; docsReturned: number; docsWritten: number };
  /** Storage requests the invocation made (admin storage actions and its uploads), with bytes stored and fetched. */
  storage: { requests: number; bytesIn: number; bytesOut: number };
  /** Set when an injected fault killed the instance: where (POST /_emulator/faults). */
  fault?: string;
}

interface Instance {
  id: number;
  fn: string;
  proc: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  stale: boolean;
  /** The invocation running on this instance, and its token. */
  current?: { requestId: string; token: InvocationToken };
  /** Settles the invocation running on this instance, if any. */
  settle?: (m: WorkerMessage | { type: 'exit'; code: number | null; signal: string | null; stderr: string }) => void;
  stderr: string;
}

export interface HostOptions {
  registry: Registry;
  envId: string;
  /** Environment every instance starts with (SDK settings, TCB_CONTEXT_CNFG, fake credentials). */
  baseEnv: Record<string, string>;
  maxInstances?: number;
  /** The emulator clock (ms); functions' Date follows it. */
  now?: () => number;
  maxResponseBytes?: number;
  /** Local stand-ins for the environment variables set per function in the CloudBase console ('*' = all). */
  functionEnv?: Record<string, Record<string, string>>;
}

const RECENT_CALLS = 500;

export class FunctionHost {
  readonly tokens = new Tokens();
  readonly faults: Faults;
  readonly calls: CallRecord[] = [];
  private instances = new Map<string, Instance[]>();
  private queues = new Map<string, Array<() => void>>();
  private nextId = 1;
  private closed = false;
  private live = new Map<string, CallRecord>();

  constructor(private readonly opts: HostOptions) {
    this.faults = new Faults(() => this.now());
  }

  get maxInstances(): number {
    return this.opts.maxInstances ?? 8;
  }

  /** The call record of an invocation still running (for attributing its database requests). */
  liveCall(requestId: string): CallRecord | undefined {
    return this.live.get(requestId);
  }

  has(name: string): boolean {
    return this.opts.registry.get(name) !== undefined;
  }

  instanceCount(fn?: string): number {
    if (fn) return this.instances.get(fn)?.length ?? 0;
    return [...this.instances.values()].reduce((n, l) => n + l.length, 0);
  }

  async invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult> {
    const requestId = randomUUID();
    const started = performance.now();
    const record: CallRecord = {
      requestId, functionName: name, ok: false, durationMs: 0, coldStartMs: 0, logs: [],
      at: new Date(this.now()).toISOString(), source: identity.source, openid: identity.openid,
      db: { roundTrips: 0, writes: 0, docsExamined: 0, docsReturned: 0, docsWritten: 0 },
      storage: { requests: 0, bytesIn: 0, bytesOut: 0 },
    };
    const finish = (r: Partial<InvokeResult>): InvokeResult => {
      Object.assign(record, r, { durationMs: performance.now() - started });
      this.live.delete(requestId);
      this.faults.forget(requestId);
      this.calls.push(record);
      if (this.calls.length > RECENT_CALLS) this.calls.shift();
      const { at: _a, source: _s, openid: _o, db: _d, storage: _st, ...result } = record;
      return result;
    };
    const def = this.opts.registry.get(name);
    if (!def) return finish({ error: { code: 'FUNCTION_NOT_FOUND', message: `function not found: ${name}` } });
    if (def.error) return finish({ error: { code: 'FUNCTIONS_CONFIG_INVALID', message: `${name}: ${def.error}` } });
    if (this.closed) return finish({ error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'the emulator is shutting down' } });
    this.live.set(requestId, record);

    const { instance, coldStartMs, loadError } = await this.acquire(def);
    if (!instance) return finish({ coldStartMs, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `${name} failed to load: ${loadError}` } });
    record.coldStartMs = coldStartMs;

    const token = this.tokens.mint({ requestId, functionName: name, permissions: def.config.permissions.openapi, identity });
    instance.current = { requestId, token: this.tokens.resolve(token)! };
    const env = invocationEnv({ envId: this.opts.envId, requestId, functionName: name, identity, token, extra: def.config.envVariables });
    const timeoutMs = def.config.timeout * 1000;
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: def.config.memorySize ?? 256,
      time_limit_in_ms: timeoutMs,
      tencentcloud_region: 'ap-shanghai',
      environment: JSON.stringify(env),
      environ: Object.entries(env).map(([k, v]) => `${k}=${v}`).join(';'),
    };
    const eventText = eventJson(event);
    if (eventText === null) {
      this.tokens.expire(token, 0);
      this.release(instance);
      return finish({ error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'errMsg: the event cannot be serialized as JSON' } });
    }
    const msg: HostMessage = { type: 'invoke', id: requestId, eventJson: eventText.json, eventField: eventText.field, context, env, clockOffsetMs: this.now() - Date.now() };
    const outcome = await new Promise<WorkerMessage | { type: 'exit'; code: number | null; signal: string | null; stderr: string } | { type: 'timeout' } | { type: 'unsent'; message: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ type: 'timeout' }), timeoutMs);
      instance.settle = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
      try {
        instance.proc.send(msg, (e) => e && instance.settle?.({ type: 'exit', code: null, signal: null, stderr: e.message }));
      } catch (e) {
        clearTimeout(timer);
        resolve({ type: 'unsent', message: (e as Error).message });
      }
    });
    instance.settle = undefined;
    instance.current = undefined;
    this.tokens.expire(token);

    let result: Partial<InvokeResult>;
    switch (outcome.type) {
      case 'unsent':
        // Never leave an instance busy: its state is unknown, so it goes.
        this.kill(instance);
        result = { error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `errMsg: the event could not be delivered: ${outcome.message}` } };
        break;
      case 'result':
        if (outcome.ok) {
          const size = Buffer.byteLength(outcome.resultJson);
          const max = this.opts.maxResponseBytes ?? 6 * 1024 * 1024;
          result = size > max
            ? { logs: outcome.logs, error: { code: 'FUNCTIONS_RESPONSE_TOO_LARGE', message: `response of ${size} bytes is over the ${max}-byte limit` } }
            : { ok: true, result: JSON.parse(outcome.resultJson), logs: outcome.logs };
        } else {
          result = { logs: [...outcome.logs, ...stackLines(outcome.error)], error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `errMsg: ${outcome.error.message}` } };
        }
        this.release(instance);
        break;
      case 'timeout':
        this.kill(instance);
        result = { error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: `Invoking task timed out after ${def.config.timeout} seconds` } };
        break;
      case 'crash':
        this.kill(instance);
        result = { logs: [...outcome.logs, ...stackLines(outcome.error)], error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `the function crashed: ${outcome.error.message}` } };
        break;
      default: {
        this.kill(instance); // gone already, or its channel failed: either way it serves no more
        const how = 'signal' in outcome && outcome.signal ? `signal ${outcome.signal}` : `exit code ${'code' in outcome ? outcome.code : '?'}`;
        const tail = 'stderr' in outcome ? outcome.stderr.trim().split('\n').slice(-5) : [];
        result = { logs: tail, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `the function's process ended (${how})` } };
      }
    }
    return finish(result);
  }

  /**
   * Kill the instance running this invocation now (an injected fault): SIGKILL, as the platform loses a
   * crashed or reclaimed instance. The call answers FUNCTIONS_EXECUTE_FAIL; from now on its token is
   * refused, so requests the dead process had already sent are never applied.
   */
  killInvocation(requestId: string, why: string): boolean {
    const record = this.live.get(requestId);
    const inst = [...this.instances.values()].flat().find((i) => i.current?.requestId === requestId);
    if (!record || !inst) return false;
    record.fault = why;
    inst.current!.token.dead = true;
    this.kill(inst);
    return true;
  }

  /**
   * Start instances until `count` are up (SCF's provisioned concurrency, 预置并发): calls up to that
   * concurrency then find a warm instance. Returns how many are up.
   */
  async provision(name: string, count: number): Promise<number> {
    const def = this.opts.registry.get(name);
    if (!def || def.error) throw new Error(`cannot provision ${name}: ${def ? def.error : 'no such function'}`);
    const target = Math.min(count, this.maxInstances);
    while (this.instanceCount(name) < target) this.spawn(def);
    // Every instance up means loaded: including those an earlier call started and left loading.
    await Promise.allSettled((this.instances.get(name) ?? []).map((i) => i.ready));
    return this.instanceCount(name);
  }

  /** Instances of these functions (or all) restart on their next call: sources changed. */
  markStale(fn: string | 'all'): void {
    for (const [name, list] of this.instances) {
      if (fn !== 'all' && name !== fn) continue;
      for (const inst of [...list]) {
        inst.stale = true;
        if (!inst.busy) this.kill(inst);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const list of this.instances.values()) for (const inst of [...list]) this.kill(inst);
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private async acquire(def: FunctionDef): Promise<{ instance?: Instance; coldStartMs: number; loadError?: string }> {
    for (;;) {
      const list = this.instances.get(def.name) ?? [];
      const idle = list.find((i) => !i.busy && !i.stale);
      if (idle) {
        idle.busy = true;
        return { instance: idle, coldStartMs: 0 };
      }
      if (list.length < this.maxInstances) {
        const t = performance.now();
        const inst = this.spawn(def);
        inst.busy = true;
        try {
          await inst.ready;
          return { instance: inst, coldStartMs: performance.now() - t };
        } catch (e) {
          this.kill(inst);
          return { coldStartMs: performance.now() - t, loadError: (e as Error).message };
        }
      }
      // At the cap: wait for an instance to free up.
      await new Promise<void>((r) => {
        const q = this.queues.get(def.name) ?? [];
        q.push(r);
        this.queues.set(def.name, q);
      });
    }
  }

  private release(inst: Instance): void {
    inst.busy = false;
    if (inst.stale) this.kill(inst);
    this.wakeOne(inst.fn);
  }

  private wakeOne(fn: string): void {
    this.queues.get(fn)?.shift()?.();
  }

  private spawn(def: FunctionDef): Instance {
    const proc = fork(RUNNER, [def.entry], {
      cwd: def.dir,
      execArgv: ['--import', TSX],
      env: { ...this.opts.baseEnv, ...this.opts.functionEnv?.['*'], ...this.opts.functionEnv?.[def.name], ...def.config.envVariables },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const inst: Instance = { id: this.nextId++, fn: def.name, proc, busy: false, stale: false, stderr: '', ready: Promise.resolve() };
    inst.ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'load-error') reject(new Error(m.error.message));
        else inst.settle?.(m);
      });
      proc.on('exit', (code, signal) => {
        reject(new Error(`instance exited during start (${signal ?? code}): ${inst.stderr.trim().split('\n').slice(-3).join(' | ')}`));
        this.remove(inst);
        inst.settle?.({ type: 'exit', code, signal, stderr: inst.stderr });
      });
    });
    inst.ready.catch(() => undefined);
    proc.stderr!.on('data', (d: Buffer) => {
      inst.stderr = (inst.stderr + d.toString()).slice(-4000);
    });
    proc.stdout!.resume();
    proc.on('error', () => undefined);
    const list = this.instances.get(def.name) ?? [];
    list.push(inst);
    this.instances.set(def.name, list);
    return inst;
  }

  private remove(inst: Instance): void {
    const list = this.instances.get(inst.fn);
    if (!list) return;
    const i = list.indexOf(inst);
    if (i >= 0) {
      list.splice(i, 1);
      this.wakeOne(inst.fn); // a slot under the cap is free
    }
  }

  private kill(inst: Instance): void {
    this.remove(inst);
    if (inst.proc.exitCode === null && inst.proc.signalCode === null) inst.proc.kill('SIGKILL');
  }
}

/** The event as JSON text for the instance, or null when it cannot be (a cycle, or nested too deep to stringify). */
function eventJson(event: unknown): { json: string; field?: string } | null {
  if (event instanceof JsonEvent) return { json: event.json, field: event.field };
  try {
    return { json: JSON.stringify(event ?? {}) };
  } catch {
    return null;
  }
}

function stackLines(e: SerializedError): string[] {
  return (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 8).map((l) => `error: ${l}`);
}
