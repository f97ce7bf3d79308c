// The emulator's clock. Everything time-dependent in the emulator (serverDate, functions' Date, timer triggers) reads
// now() from one Clock, so a test can jump to "09:00 on the 1st in Beijing" or stop time altogether.
//
// By default it is real time. set() and advance() jump; afterwards the clock keeps running at real speed unless it is
// frozen. set() may go backwards (tests replay a scenario from an earlier instant); the scheduler then restarts its
// window at the new time: nothing fires for the jump itself, and due times after the new time fire again as the clock
// passes them.

export class Clock {
  /** Added to real time while running. */
  #offset = 0;
  /** The value now() returns while frozen. */
  #frozenAt: number | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #realNow: () => number;

  /** `realNow` is injectable so the clock itself can be tested without waiting. */
  constructor(realNow: () => number = Date.now) {
    this.#realNow = realNow;
  }

  now(): number {
    return this.#frozenAt ?? this.#realNow() + this.#offset;
  }

  /** Jump to `ms` (epoch ms); keeps running from there unless frozen. */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`Clock.set: ${ms} is not a finite time`);
    if (this.#frozenAt !== undefined) this.#frozenAt = ms;
    else this.#offset = ms - this.#realNow();
    this.#emit();
  }

  /** Jump forward by `ms`. Negative amounts are refused: going back is explicit, with set(). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Clock.advance: ${ms} must be a finite, non-negative number`);
    this.set(this.now() + ms);
  }

  /** Stop at the current value. Not a jump, so listeners are not called. */
  freeze(): void {
    if (this.#frozenAt === undefined) this.#frozenAt = this.now();
  }

  /** Run again from the frozen value (no jump). */
  unfreeze(): void {
    if (this.#frozenAt === undefined) return;
    this.#offset = this.#frozenAt - this.#realNow();
    this.#frozenAt = undefined;
  }

  get frozen(): boolean {
    return this.#frozenAt !== undefined;
  }

  /** now() minus real time: 0 for an untouched clock. Drifts while frozen, since real time goes on. */
  get offsetMs(): number {
    return this.now() - this.#realNow();
  }

  /** Called after every set()/advance(); returns an unsubscribe function. */
  onChange(cb: () => void): () => void {
    this.#listeners.add(cb);
    return () => {
      this.#listeners.delete(cb);
    };
  }

  #emit(): void {
    // A throwing listener must not stop the others nor leave the caller unsure whether the clock moved (it did).
    let failure: unknown;
    let failed = false;
    for (const cb of [...this.#listeners]) {
      try {
        cb();
      } catch (err) {
        if (!failed) [failure, failed] = [err, true];
      }
    }
    if (failed) throw failure;
  }
}
