import type { Clock } from "../hal/contracts";

/**
 * Runs every clock callback and every line handler inside try/catch. On a
 * throw it calls `onFault` (set by firmware.ts: release every switch, emit
 * `fault`, reset the sequencer to idle).
 */
export class Guard {
  clock: Clock;
  onFault: (msg: string) => void;

  constructor(clock: Clock) {
    this.clock = clock;
    this.onFault = (m: string) => {};
  }

  /** Run `fn` now, catching anything it throws. */
  call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Schedule `fn` at absolute time `t`, guarded. Returns the clock handle. */
  at(t: number, fn: () => void): number {
    return this.clock.at(t, () => this.call(fn));
  }

  /** Report a caught error value. */
  fail(e: unknown): void {
    this.onFault(typeof e === "string" ? e : e instanceof Error ? e.message : "error");
  }
}
