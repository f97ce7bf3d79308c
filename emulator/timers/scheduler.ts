// Fires timer triggers the way CloudBase does, against the emulator's Clock.
//
// - Event: {"Type":"Timer","TriggerName":"<name>","Time":"2026-11-21T02:00:00Z"} (the due time, UTC, no milliseconds).
// - Timer invocations are asynchronous and retried twice on error: at most 3 attempts, retryDelayMs apart (real time,
//   not clock time, so a frozen clock cannot stall a retry).
// - A check covers (lastChecked, now]. When the clock jumps over several due times of one trigger, the trigger fires
//   once, for the latest, and the record says how many were skipped: replaying a month of every-minute jobs helps no
//   test, and jobs must catch up by themselves anyway (FACTS §2: idempotent and resumable).
// - A trigger whose cron does not parse is reported once (a failed record carrying the CronError message) and skipped.

import type { Clock } from './clock.js';
import { CronError, type CronSchedule, latestFireTimeInRange, parseCron } from './cron.js';

export interface TimerTrigger {
  functionName: string;
  name: string;
  cron: string;
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

export interface FireRecord {
  functionName: string;
  trigger: string;
  /** The event's Time: ISO UTC, whole seconds. */
  time: string;
  manual: boolean;
  /** 0 for a trigger that could not be scheduled (bad cron). */
  attempts: number;
  ok: boolean;
  error?: string;
  /** Due times coalesced into this firing. */
  skipped: number;
  /** Clock ms when fired. */
  at: number;
}

export interface SchedulerOptions {
  clock: Clock;
  /** Re-read on every check: functions come and go while the emulator runs. */
  triggers: () => TimerTrigger[];
  fire: (t: TimerTrigger, event: TimerEvent) => Promise<void>;
  tickMs?: number;
  retryDelayMs?: number;
}

const MAX_ATTEMPTS = 3;
const HISTORY_SIZE = 500;

/** `2026-11-21T02:00:00Z`: the platform's Time format. */
export function timerTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class Scheduler {
  /** The latest firings, oldest first, at most 500. A firing is recorded when it settles (after its retries). */
  readonly history: FireRecord[] = [];

  readonly #opts: Required<SchedulerOptions>;
  #lastChecked: number;
  #interval: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  /** Parsed crons by text, so a tick does not re-parse every trigger. */
  readonly #crons = new Map<string, CronSchedule | CronError>();
  /** Bad (trigger, cron) pairs already reported. */
  readonly #reported = new Set<string>();
  /** Pending retry delays, ended early by stop(). */
  readonly #sleeps = new Set<{ timer: NodeJS.Timeout; wake: (stopped: boolean) => void }>();

  constructor(opts: SchedulerOptions) {
    this.#opts = { ...opts, tickMs: opts.tickMs ?? 1000, retryDelayMs: opts.retryDelayMs ?? 1000 };
    this.#lastChecked = opts.clock.now();
  }

  /** Check every tickMs and right after every clock jump. Past due times are not fired: the window starts now. */
  start(): void {
    if (this.#interval) return;
    this.#lastChecked = this.#opts.clock.now();
    this.#interval = setInterval(() => this.#checkInBackground(), this.#opts.tickMs);
    this.#interval.unref(); // the emulator's HTTP server keeps the process alive, not the scheduler
    // A microtask rather than a synchronous call: the code that moved the clock may call check() itself right away
    // (the clock endpoint does, to return what fired) and should get the records.
    this.#unsubscribe = this.#opts.clock.onChange(() =>
      queueMicrotask(() => {
        if (this.#interval) this.#checkInBackground();
      }),
    );
  }

  /** Stops checking and cuts pending retry delays short (those firings end with ok: false). Leaves no timers behind. */
  stop(): void {
    clearInterval(this.#interval);
    this.#interval = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const s of this.#sleeps) {
      clearTimeout(s.timer);
      s.wake(true);
    }
    this.#sleeps.clear();
  }

  /**
   * Fires every trigger with a due time in (lastChecked, clock.now()], once per trigger, and waits for those firings
   * (retries included). Works whether or not the scheduler is started.
   *
   * Passes never overlap in what they cover: the window is claimed synchronously, before anything is awaited, so
   * concurrent calls (a tick and a clock jump) split the time line between them instead of firing a due time twice.
   * A pass does not wait for earlier passes' firings: like the platform, a trigger fires again even if its previous
   * invocation is still running.
   */
  check(): Promise<FireRecord[]> {
    try {
      return Promise.all(this.#claimWindow());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Fires a trigger now (manual: true; Time = clock now, whole seconds). Throws if there is no such trigger. */
  async runNow(functionName: string, triggerName: string): Promise<FireRecord> {
    const t = this.#opts.triggers().find((x) => x.functionName === functionName && x.name === triggerName);
    if (!t) throw new Error(`no timer trigger '${triggerName}' on function '${functionName}'`);
    const now = this.#opts.clock.now();
    return this.#fire(t, now, now, 0, true);
  }

  /** Synchronous part of check(): decides what is due and starts it. */
  #claimWindow(): Promise<FireRecord>[] {
    const now = this.#opts.clock.now();
    const from = this.#lastChecked;
    if (now <= from) {
      // Clock set backwards: restart the window here rather than wait for the clock to pass the old mark.
      this.#lastChecked = now;
      return [];
    }
    const triggers = this.#opts.triggers(); // read before claiming, so a throwing list leaves the window for next time
    this.#lastChecked = now;
    const firings: Promise<FireRecord>[] = [];
    for (const t of triggers) {
      const schedule = this.#schedule(t.cron);
      if (schedule instanceof CronError) {
        const key = JSON.stringify([t.functionName, t.name, t.cron]);
        if (!this.#reported.has(key)) {
          this.#reported.add(key);
          firings.push(Promise.resolve(this.#record(t, now, now, 0, false, 0, schedule.message)));
        }
        continue;
      }
      const due = latestFireTimeInRange(schedule, from, now);
      if (due) firings.push(this.#fire(t, due.time, now, due.count - 1, false));
    }
    return firings;
  }

  #schedule(cron: string): CronSchedule | CronError {
    let s = this.#crons.get(cron);
    if (!s) {
      try {
        s = parseCron(cron);
      } catch (err) {
        if (!(err instanceof CronError)) throw err;
        s = err;
      }
      this.#crons.set(cron, s);
    }
    return s;
  }

  async #fire(t: TimerTrigger, dueMs: number, at: number, skipped: number, manual: boolean): Promise<FireRecord> {
    const event: TimerEvent = { Type: 'Timer', TriggerName: t.name, Time: timerTime(dueMs) };
    let error = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        await this.#opts.fire(t, event);
        return this.#record(t, dueMs, at, skipped, manual, attempt);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (attempt < MAX_ATTEMPTS && (await this.#sleep(this.#opts.retryDelayMs))) {
        return this.#record(t, dueMs, at, skipped, manual, attempt, `${error} (scheduler stopped before retrying)`);
      }
    }
    return this.#record(t, dueMs, at, skipped, manual, MAX_ATTEMPTS, error);
  }

  #record(
    t: TimerTrigger,
    dueMs: number,
    at: number,
    skipped: number,
    manual: boolean,
    attempts: number,
    error?: string,
  ): FireRecord {
    const r: FireRecord = {
      functionName: t.functionName,
      trigger: t.name,
      time: timerTime(dueMs),
      manual,
      attempts,
      ok: error === undefined,
      skipped,
      at,
    };
    if (error !== undefined) r.error = error;
    this.history.push(r);
    if (this.history.length > HISTORY_SIZE) this.history.splice(0, this.history.length - HISTORY_SIZE);
    return r;
  }

  /** Resolves to true if stop() cut the delay short. */
  #sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const s = {
        timer: setTimeout(() => {
          this.#sleeps.delete(s);
          resolve(false);
        }, ms),
        wake: resolve,
      };
      this.#sleeps.add(s);
    });
  }

  #checkInBackground(): void {
    // Failures of a firing are in its record; this only catches a throwing triggers() list.
    this.check().catch((err: unknown) => console.error('[timers] check failed:', err));
  }
}
