// One function instance (a worker process), as an SCF instance: loads the function once, then
// serves one invocation at a time. Per invocation the host sends the platform environment
// (caller identity, source, tokens), which is set in process.env and passed as
// context.environment, exactly where @cloudbase/node-sdk reads it.
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

export type HostMessage = {
  type: 'invoke';
  id: string;
  /**
   * The event as JSON text, parsed here: JSON.parse is iterative, while the IPC channel's
   * structured clone recurses and overflows the stack on a body nested a few thousand deep.
   */
  eventJson: string;
  /** Take this field of the parsed JSON as the event (the gateway's `{ "data": … }` body). */
  eventField?: string;
  context: Record<string, unknown>;
  env: Record<string, string>;
  /** The emulator clock's offset from real time: Date is shifted by it, so functions see the test's date. */
  clockOffsetMs: number;
};

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'load-error'; error: SerializedError }
  | { type: 'result'; id: string; ok: true; resultJson: string; logs: string[] }
  | { type: 'result'; id: string; ok: false; error: SerializedError; logs: string[] }
  | { type: 'crash'; error: SerializedError; logs: string[] };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

const entry = process.argv[2]!;
const send = (m: WorkerMessage) => process.send!(m);
const serialize = (e: unknown): SerializedError =>
  e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { name: 'Error', message: format(e) };

// ---- a Date that follows the emulator's controllable clock ----
const RealDate = Date;
let clockOffsetMs = 0;
class ClockDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + clockOffsetMs);
    else super(...(args as [string]));
  }
  static override now(): number {
    return RealDate.now() + clockOffsetMs;
  }
}
globalThis.Date = ClockDate as unknown as DateConstructor;

// ---- console output belongs to the invocation that printed it ----
let logs: string[] = [];
const MAX_LOG_LINES = 200;
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    if (logs.length < MAX_LOG_LINES) logs.push(`${level === 'log' ? 'info' : level}: ${format(...args)}`);
  };
}

let current: string | undefined;
const crash = (e: unknown) => {
  send({ type: 'crash', error: serialize(e), logs });
  process.exit(1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

let main: (event: unknown, context: unknown) => unknown;
let previousKeys: string[] = [];

async function invoke(m: HostMessage): Promise<void> {
  current = m.id;
  logs = [];
  for (const k of previousKeys) delete process.env[k];
  Object.assign(process.env, m.env);
  previousKeys = Object.keys(m.env);
  clockOffsetMs = m.clockOffsetMs;
  try {
    const parsed: unknown = JSON.parse(m.eventJson);
    const event = m.eventField === undefined ? parsed : ((parsed as Record<string, unknown> | null)?.[m.eventField] ?? {});
    const result = await main(event, m.context);
    send({ type: 'result', id: m.id, ok: true, resultJson: JSON.stringify(result === undefined ? null : result), logs });
  } catch (e) {
    send({ type: 'result', id: m.id, ok: false, error: serialize(e), logs });
  } finally {
    current = undefined;
  }
}

try {
  const mod = (await import(pathToFileURL(entry).href)) as { main?: typeof main; default?: { main?: typeof main } };
  const fn = mod.main ?? mod.default?.main;
  if (typeof fn !== 'function') throw new Error(`${entry} does not export main(event, context)`);
  main = fn;
} catch (e) {
  send({ type: 'load-error', error: serialize(e) });
  process.exit(1);
}

// The host is gone (the emulator was killed): so is this instance, at once, as on the platform. Otherwise
// an instance in the middle of an invocation runs on until a request fails, and an emulator restarted on
// the same port (npm start's 8787) would take what it still sends for an admin's writes.
process.on('disconnect', () => process.exit(0));

process.on('message', (m: HostMessage) => {
  if (m.type !== 'invoke') return;
  if (current) {
    send({ type: 'result', id: m.id, ok: false, error: { name: 'Error', message: 'instance busy' }, logs: [] });
    return;
  }
  void invoke(m);
});
send({ type: 'ready' });
