// The emulator's own endpoints (/_emulator/…): counters, recent requests and function calls, injected
// faults (kill an instance at its n-th database request), the controllable clock, timer triggers, the
// WeChat stand-in's subscriptions and outbox, a read-only view of collections, and the web console page.
import { z } from 'zod';
import { consolePage } from './console/page.js';
import type { Emulator } from './server.js';
import { faultSchema } from './functions/faults.js';
import { nextFireTime, parseCron } from './timers/cron.js';
import { handleWxRoute } from './wx/routes.js';
import { EJSON } from 'bson';

export interface RouteResult {
  status: number;
  body?: unknown;
  html?: string;
}

const clockSchema = z
  .object({
    set: z.union([z.string().datetime({ offset: true }), z.number()]).optional(),
    advance: z.number().optional(),
    freeze: z.boolean().optional(),
  })
  .strict();

const runSchema = z.object({ function: z.string().min(1), trigger: z.string().min(1) }).strict();

const bad = (message: string): RouteResult => ({ status: 400, body: { code: 'INVALID_PARAM', message } });

function json(body: Buffer | undefined): unknown {
  if (!body || !body.length) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return Symbol.for('bad-json');
  }
}

export async function emulatorRoute(emu: Emulator, method: string, url: URL, body: Buffer | undefined): Promise<RouteResult> {
  const p = url.pathname.replace(/\/+$/, '');
  const q = url.searchParams;
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 100) || 100, 1), 1000);
  const input = json(body);
  if (input === Symbol.for('bad-json')) return bad('request body is not JSON');

  const wx = handleWxRoute(emu.wx, method, p, q, input);
  if (wx) return wx;
  const media = await mediaCheckRoute(emu, method, p, input);
  if (media) return media;

  switch (`${method} ${p}`) {
    case 'GET /_emulator':
    case 'GET /_emulator/console':
      return { status: 200, html: consolePage() };
    case 'GET /_emulator/health':
      return { status: 200, body: { ok: true, openTransactions: emu.txs.openCount, instances: emu.host.instanceCount(), now: new Date(emu.clock.now()).toISOString() } };
    case 'GET /_emulator/stats':
      return { status: 200, body: emu.admin.totals };
    case 'POST /_emulator/stats/reset':
      emu.admin.resetStats();
      return { status: 200, body: emu.admin.totals };
    case 'GET /_emulator/requests':
      return { status: 200, body: emu.admin.recent.slice(-limit) };
    case 'GET /_emulator/functions':
      return {
        status: 200,
        body: (emu.registry?.list() ?? []).map((f) => ({
          name: f.name, timeout: f.config.timeout, triggers: f.config.triggers, openapi: f.config.permissions.openapi,
          error: f.error, instances: emu.host.instanceCount(f.name),
        })),
      };
    case 'POST /_emulator/functions/recycle': {
      // Stop idle instances (all, or one function's) so the next call starts cold.
      const fn = (input as { function?: unknown }).function;
      emu.host.markStale(typeof fn === 'string' ? fn : 'all');
      return { status: 200, body: { instances: emu.host.instanceCount() } };
    }
    case 'POST /_emulator/functions/provision': {
      const parsed = z.object({ function: z.string().min(1), instances: z.number().int().min(1).max(1000) }).strict().safeParse(input);
      if (!parsed.success) return bad(`body must be {function, instances}: ${z.prettifyError(parsed.error)}`);
      try {
        return { status: 200, body: { instances: await emu.host.provision(parsed.data.function, parsed.data.instances) } };
      } catch (e) {
        return { status: 404, body: { code: 'FUNCTION_NOT_FOUND', message: (e as Error).message } };
      }
    }
    case 'GET /_emulator/functions/calls': {
      const fn = q.get('function');
      const calls = fn ? emu.host.calls.filter((c) => c.functionName === fn) : emu.host.calls;
      return { status: 200, body: calls.slice(-limit) };
    }
    case 'GET /_emulator/faults':
      return { status: 200, body: { armed: emu.host.faults.list(), fired: emu.host.faults.history.slice(-limit) } };
    case 'POST /_emulator/faults': {
      const parsed = faultSchema.safeParse(input);
      if (!parsed.success) {
        return bad(`body must be {function, afterDbRequests | afterDbWrites, action?, applied?, once?}: ${z.prettifyError(parsed.error)}`);
      }
      if (!emu.host.has(parsed.data.function)) return { status: 404, body: { code: 'FUNCTION_NOT_FOUND', message: `function not found: ${parsed.data.function}` } };
      return { status: 200, body: emu.host.faults.arm(parsed.data) };
    }
    case 'DELETE /_emulator/faults': {
      const id = q.get('id');
      return { status: 200, body: { disarmed: emu.host.faults.clear(id ?? undefined) } };
    }
    case 'GET /_emulator/clock':
      return { status: 200, body: clockState(emu) };
    case 'POST /_emulator/clock': {
      const parsed = clockSchema.safeParse(input);
      if (!parsed.success) return bad(`body must be {set?: ISO date or ms, advance?: ms, freeze?: boolean}: ${z.prettifyError(parsed.error)}`);
      const { set, advance, freeze } = parsed.data;
      if (freeze === true) emu.clock.freeze();
      if (set !== undefined) emu.clock.set(typeof set === 'number' ? set : Date.parse(set));
      if (advance !== undefined) emu.clock.advance(advance);
      if (freeze === false) emu.clock.unfreeze();
      // Timers due by the new time fire now; the reply lists them.
      const fired = await emu.scheduler.check();
      return { status: 200, body: { ...clockState(emu), fired } };
    }
    case 'GET /_emulator/triggers':
      return {
        status: 200,
        body: {
          triggers: emu.timerTriggers().map((t) => ({ ...t, next: nextTime(t.cron, emu.clock.now()) })),
          history: emu.scheduler.history.slice(-limit),
        },
      };
    case 'POST /_emulator/triggers/run': {
      const parsed = runSchema.safeParse(input);
      if (!parsed.success) return bad(`body must be {function, trigger}: ${z.prettifyError(parsed.error)}`);
      try {
        return { status: 200, body: await emu.scheduler.runNow(parsed.data.function, parsed.data.trigger) };
      } catch (e) {
        return { status: 404, body: { code: 'TRIGGER_NOT_FOUND', message: (e as Error).message } };
      }
    }
    case 'GET /_emulator/storage/files': {
      // Stored files, newest first (the console's 文件 tab); ?prefix= narrows to a folder.
      const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
      const { total, files } = emu.storage.files.list(q.get('prefix') ?? '', offset, limit);
      return {
        status: 200,
        body: {
          total, offset, bytes: emu.storage.files.totals().bytes, maxFileBytes: emu.storage.maxFileBytes, bucket: emu.storage.bucket,
          files: files.map((f) => ({
            path: f.path, fileID: emu.storage.fileId(f.path), size: f.size, contentType: f.contentType, etag: f.etag,
            uploadedAt: new Date(f.uploadedAt).toISOString(), uploader: f.uploader,
          })),
        },
      };
    }
    case 'GET /_emulator/collections':
      return {
        status: 200,
        body: emu.store.engine.collectionNames().map((name) => {
          const meta = emu.store.engine.coll(name);
          return { name, count: emu.store.engine.count(meta), indexes: meta.indexes.map((i) => i.spec) };
        }),
      };
  }
  const m = /^\/_emulator\/collections\/([^/]+)$/.exec(p);
  if (m && method === 'GET') {
    const name = decodeURIComponent(m[1]!);
    if (!emu.store.engine.has(name)) return { status: 404, body: { code: 'DATABASE_COLLECTION_NOT_EXIST', message: `no collection ${name}` } };
    const offset = Math.max(Number(q.get('offset') ?? 0) || 0, 0);
    const docs = emu.store.find(name, {}, { skip: offset, limit });
    // Relaxed EJSON reads naturally in the console (numbers as numbers, dates as {$date: ISO}).
    return { status: 200, body: { total: emu.store.count(name, {}), offset, docs: docs.map((d) => JSON.parse(EJSON.stringify(d, { relaxed: true })) as unknown) } };
  }
  return { status: 404, body: { code: 'NOT_FOUND', message: `no route ${method} ${p}` } };
}

function clockState(emu: Emulator) {
  return { now: new Date(emu.clock.now()).toISOString(), frozen: emu.clock.frozen, offsetMs: emu.clock.offsetMs };
}

function nextTime(cron: string, now: number): string | null {
  try {
    const t = nextFireTime(parseCron(cron), now);
    return t === undefined ? null : new Date(t).toISOString();
  } catch (e) {
    return `invalid: ${(e as Error).message}`;
  }
}

const holdSchema = z.object({ hold: z.boolean() }).strict();
const deliverSchema = z.object({ traceId: z.string().min(1).optional(), suggest: z.enum(['pass', 'review', 'risky']).optional() }).strict();

/** The media check stand-in's controls (wx/media-check.ts): list, hold results, deliver held ones. */
async function mediaCheckRoute(emu: Emulator, method: string, p: string, input: unknown): Promise<RouteResult | undefined> {
  switch (`${method} ${p}`) {
    case 'GET /_emulator/wx/media-checks':
      return { status: 200, body: { hold: emu.mediaChecks.hold, checks: emu.mediaChecks.checks } };
    case 'POST /_emulator/wx/media-checks': {
      const parsed = holdSchema.safeParse(input);
      if (!parsed.success) return bad(`body must be {hold: boolean}: ${z.prettifyError(parsed.error)}`);
      emu.mediaChecks.hold = parsed.data.hold;
      return { status: 200, body: { hold: emu.mediaChecks.hold } };
    }
    case 'POST /_emulator/wx/media-checks/deliver': {
      const parsed = deliverSchema.safeParse(input);
      if (!parsed.success) return bad(`body must be {traceId?, suggest?: pass|review|risky}: ${z.prettifyError(parsed.error)}`);
      return { status: 200, body: { delivered: await emu.mediaChecks.release(parsed.data.traceId, parsed.data.suggest) } };
    }
    default:
      return undefined;
  }
}
