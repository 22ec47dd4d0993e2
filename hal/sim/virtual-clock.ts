import type { Clock } from "../contracts";

interface Timer {
  id: number;
  at: number;
  fn: (arg: unknown) => void;
  arg: unknown;
}

/**
 * Deterministic virtual time (Tock's alarm contract): timers fire in time
 * order (ties in scheduling order), never early, cancelled timers are skipped,
 * and time only moves when the test moves it.
 */
export class VirtualClock implements Clock {
  private t = 0;
  private nextId = 1;
  /** Sorted by `at`, then by id. */
  private timers: Timer[] = [];
  /** Errors thrown by timer callbacks, kept for the test to inspect. */
  readonly errors: unknown[] = [];

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): number {
    const id = this.nextId++;
    const when = Math.max(Math.ceil(atMs), this.t);
    const timers = this.timers;
    let i = timers.length;
    while (i > 0 && timers[i - 1].at > when) i--;
    if (i === timers.length) timers.push({ id, at: when, fn: fn as (arg: unknown) => void, arg });
    else timers.splice(i, 0, { id, at: when, fn: fn as (arg: unknown) => void, arg });
    return id;
  }

  /** Convenience: run `fn` `ms` from now. */
  after(ms: number, fn: () => void): number {
    return this.at(this.t + ms, fn);
  }

  cancel(handle: number): void {
    const timers = this.timers;
    for (let i = 0; i < timers.length; i++) {
      if (timers[i].id === handle) {
        timers.splice(i, 1);
        return;
      }
    }
  }

  /** Number of timers still due. */
  pending(): number {
    return this.timers.length;
  }

  /** Time of the next due timer, or undefined. */
  nextDue(): number | undefined {
    return this.timers.length > 0 ? this.timers[0].at : undefined;
  }

  /** Fire everything due up to and including `targetMs`, then set the time to it. */
  runUntil(targetMs: number): void {
    while (this.timers.length > 0 && this.timers[0].at <= targetMs) this.fireNext();
    if (targetMs > this.t) this.t = targetMs;
  }

  runFor(ms: number): void {
    this.runUntil(this.t + ms);
  }

  /**
   * Fire timers until none is due. Stops (and throws) past `limitMs` of
   * virtual time or `maxTimers` callbacks, so a runaway periodic timer
   * cannot hang a test.
   */
  runUntilIdle(limitMs = 3_600_000, maxTimers = 1_000_000): void {
    const end = this.t + limitMs;
    let n = 0;
    while (this.timers.length > 0) {
      if (this.timers[0].at > end) throw new Error(`VirtualClock: still busy after ${limitMs} ms of virtual time`);
      if (++n > maxTimers) throw new Error(`VirtualClock: more than ${maxTimers} timers fired`);
      this.fireNext();
    }
  }

  private fireNext(): void {
    const timer = this.timers.shift()!;
    this.t = timer.at;
    try {
      timer.fn(timer.arg);
    } catch (e) {
      this.errors.push(e);
    }
  }
}
