// Fault injection: kill a function's instance (SIGKILL, as a crashed or reclaimed SCF instance dies)
// at an exact point of an invocation, counted in the database requests that invocation makes (known
// by the invocation token the SDK forwards). Generic: it knows functions and database actions, nothing
// of what they write. POST /_emulator/faults arms one; the host kills the instance, the call answers
// FUNCTIONS_EXECUTE_FAIL, and every later request carrying that invocation's token is refused.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Database actions that write or stage a write (inside a transaction too), and the commit that applies them. */
export const WRITE_ACTIONS: readonly string[] = [
  'database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc', 'database.commitTransaction',
];

const positive = z.number().int().min(1).max(100_000);
export const faultSchema = z
  .object({
    /** The function whose instance dies. */
    function: z.string().min(1).max(128),
    /** At the invocation's n-th database request (any action)… */
    afterDbRequests: positive.optional(),
    /** …or at its n-th write (insert, update, remove, in or out of a transaction, and commitTransaction). */
    afterDbWrites: positive.optional(),
    /** Count only requests of this database action (e.g. database.commitTransaction), with afterDbRequests. */
    action: z.string().startsWith('database.').max(64).optional(),
    /**
     * true (default): the n-th request takes effect, then the instance dies before it sees the reply.
     * false: the instance dies as the request arrives; it never takes effect.
     */
    applied: z.boolean().default(true),
    /** true (default): disarmed after it fires once; false: every invocation reaching that point dies. */
    once: z.boolean().default(true),
  })
  .strict()
  .refine((f) => (f.afterDbRequests === undefined) !== (f.afterDbWrites === undefined), { message: 'give exactly one of afterDbRequests and afterDbWrites' })
  .refine((f) => f.action === undefined || f.afterDbRequests !== undefined, { message: 'action counts requests: use it with afterDbRequests' });
export type FaultSpec = z.infer<typeof faultSchema>;

export interface ArmedFault extends FaultSpec {
  id: string;
  armedAt: string;
  fired: number;
}

export interface FiredFault {
  faultId: string;
  function: string;
  requestId: string;
  /** The request the instance died at: its number in the invocation, its action, whether it took effect. */
  request: number;
  action: string;
  applied: boolean;
  at: string;
}

interface Counts {
  requests: number;
  writes: number;
  byAction: Map<string, number>;
}

const HISTORY = 500;

export class Faults {
  private armed: ArmedFault[] = [];
  readonly history: FiredFault[] = [];
  private counts = new Map<string, Counts>();

  constructor(private readonly now: () => number) {}

  arm(spec: FaultSpec): ArmedFault {
    const f: ArmedFault = { ...spec, id: randomBytes(6).toString('hex'), armedAt: new Date(this.now()).toISOString(), fired: 0 };
    this.armed.push(f);
    return f;
  }

  list(): ArmedFault[] {
    return [...this.armed];
  }

  /** Disarm every fault (or one); returns how many were disarmed. */
  clear(id?: string): number {
    const before = this.armed.length;
    this.armed = id === undefined ? [] : this.armed.filter((f) => f.id !== id);
    return before - this.armed.length;
  }

  /**
   * Count one database request of a running invocation, before it is applied. Returns the fault whose
   * kill point this request is, if any (the caller applies it or not, then kills the instance).
   */
  onDbRequest(fn: string, requestId: string, action: string): { fault: ArmedFault; request: number } | undefined {
    let c = this.counts.get(requestId);
    if (!c) this.counts.set(requestId, (c = { requests: 0, writes: 0, byAction: new Map() }));
    c.requests++;
    if (WRITE_ACTIONS.includes(action)) c.writes++;
    c.byAction.set(action, (c.byAction.get(action) ?? 0) + 1);
    const fault = this.armed.find((f) => {
      if (f.function !== fn) return false;
      if (f.afterDbWrites !== undefined) return WRITE_ACTIONS.includes(action) && c.writes === f.afterDbWrites;
      if (f.action !== undefined) return action === f.action && c.byAction.get(action) === f.afterDbRequests;
      return c.requests === f.afterDbRequests;
    });
    if (!fault) return undefined;
    fault.fired++;
    if (fault.once) this.clear(fault.id);
    this.history.push({ faultId: fault.id, function: fn, requestId, request: c.requests, action, applied: fault.applied, at: new Date(this.now()).toISOString() });
    if (this.history.length > HISTORY) this.history.shift();
    return { fault, request: c.requests };
  }

  /** The invocation ended: its counts go. */
  forget(requestId: string): void {
    this.counts.delete(requestId);
  }
}
