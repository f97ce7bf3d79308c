// Starts a real emulator process (the same CLI as `npm run emulator`) and points the
// real, unmodified @cloudbase/node-sdk at it through `serviceUrl`.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFORMANCE_SPEC = path.join(ROOT, 'test/fixtures/conformance.collections.json');
export const FIXTURE_FUNCTIONS = path.join(ROOT, 'test/fixtures/functions');
export const FIXTURE_FUNCTIONS_SPEC = path.join(ROOT, 'test/fixtures/functions.collections.json');

// The SDK probes a cloud metadata host on every request unless it believes it runs in Tencent Cloud.
process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';

export interface EmulatorStats {
  requests: number;
  dbRoundTrips: number;
  docsExamined: number;
  docsReturned: number;
  docsWritten: number;
  writtenByCollection: Record<string, number>;
  /** Cloud storage: requests (admin storage.* actions, COS uploads, link fetches, gateway uploads), files stored and fetched, bytes. */
  storage: { requests: number; uploads: number; downloads: number; bytesIn: number; bytesOut: number };
}

export interface StartOptions {
  /** Collection spec file; defaults to the conformance fixture. */
  spec?: string;
  /** Persist to this folder (SQLite file) instead of memory. */
  dataDir?: string;
  /** Extra CLI arguments. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface EmulatorHandle {
  baseUrl: string;
  proc: ChildProcess;
  /** A fresh SDK app bound to this emulator (an admin caller: no WeChat user). */
  app(): ReturnType<typeof tcb.init>;
  /**
   * An SDK app whose calls stand for the WeChat client of `openid` (the emulator-only x-wx-openid
   * header; in production the platform injects the identity).
   */
  appAs(openid: string): ReturnType<typeof tcb.init>;
  /** POST /functions/<name> (the local gateway) with an optional X-Redpark-Openid. */
  gateway(name: string, body: unknown, openid?: string): Promise<{ status: number; body: any }>;
  /** A call to the emulator's own endpoints (/_emulator/...). */
  api(method: string, pathname: string, body?: unknown): Promise<any>;
  /** Raw POST to /admin, for wire-level checks the SDK hides. */
  raw(body: Record<string, unknown>): Promise<any>;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}


export async function startEmulator(opts: StartOptions = {}): Promise<EmulatorHandle> {
  // `node --import tsx` rather than the tsx CLI: one process, so a SIGKILL reaches the emulator itself.
  const args = ['--import', 'tsx', path.join(ROOT, 'emulator/cli.ts'), '--port', '0', '--spec', opts.spec ?? CONFORMANCE_SPEC];
  if (opts.dataDir) args.push('--data', opts.dataDir);
  else args.push('--memory');
  args.push(...(opts.args ?? []));
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 20 s\n${out}\n${stderr}`)), 20_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}\n${out}\n${stderr}`));
    });
  });
  proc.stdout!.resume();
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));

  const handle: EmulatorHandle = {
    baseUrl,
    proc,
    app: () =>
      tcb.init({ env: 'redpark-local', secretId: 'local-id', secretKey: 'local-key', serviceUrl: `${baseUrl}/admin` }),
    appAs: (openid) =>
      tcb.init({
        env: 'redpark-local', secretId: 'local-id', secretKey: 'local-key', serviceUrl: `${baseUrl}/admin`,
        headers: { 'x-wx-openid': openid },
      } as Parameters<typeof tcb.init>[0]),
    async gateway(name, body, openid) {
      const res = await fetch(`${baseUrl}/functions/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-redpark-openid': openid } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async api(method, pathname, body) {
      const res = await fetch(`${baseUrl}${pathname}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw Object.assign(new Error(`${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`), { status: res.status, body: json });
      return json;
    },
    async raw(body) {
      const res = await fetch(`${baseUrl}/admin?env=redpark-local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.json();
    },
    async stats() {
      const res = await fetch(`${baseUrl}/_emulator/stats`);
      return (await res.json()) as EmulatorStats;
    },
    async resetStats() {
      await fetch(`${baseUrl}/_emulator/stats/reset`, { method: 'POST' });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await exited;
    },
    async kill(signal) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await exited;
    },
  };
  return handle;
}
