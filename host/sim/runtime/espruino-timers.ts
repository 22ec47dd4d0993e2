import type { VirtualClock } from "../../../hal/sim/virtual-clock";

/** How the runtime runs a script callback (errors go to `uncaughtException` or the console). */
export type CallbackRunner = (fn: unknown, args: unknown[]) => void;

interface EspruinoTimer {
  handle: number;
  fn: unknown;
  args: unknown[];
  intervalMs: number;
  dueMs: number;
}

/**
 * Espruino's `setTimeout`/`setInterval`/`clearTimeout`/`clearInterval` on the
 * virtual clock, with Espruino's quirks kept on purpose so the bundle is
 * tested against them:
 * - a timer id is the next index after the highest LIVE id (1 when none), so
 *   ids are reused once timers have fired;
 * - clearing an unknown id throws "Unknown Timeout"/"Unknown Interval";
 * - clearing with no id (`undefined`) removes EVERY timer;
 * - extra arguments are passed to the callback; intervals do not drift.
 */
export class EspruinoTimers {
  private clock: VirtualClock;
  private run: CallbackRunner;
  private live: EspruinoTimer[] = [];

  constructor(clock: VirtualClock, run: CallbackRunner) {
    this.clock = clock;
    this.run = run;
  }

  setTimeout(fn: unknown, ms: unknown, args: unknown[]): number {
    return this.add(fn, ms, args, false);
  }

  setInterval(fn: unknown, ms: unknown, args: unknown[]): number {
    return this.add(fn, ms, args, true);
  }

  clear(id: unknown, what: "Timeout" | "Interval"): void {
    if (id === undefined) {
      this.clearAll();
      return;
    }
    const i = this.live.findIndex((t) => t.handle === id);
    if (i < 0) throw new Error(`Unknown ${what}`);
    this.live.splice(i, 1);
  }

  /** Forget every timer (reset/load/power cycle); their clock entries then do nothing. */
  clearAll(): void {
    this.live = [];
  }

  /** Number of live timers (for tests and the memory estimate). */
  count(): number {
    return this.live.length;
  }

  private add(fn: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof fn !== "function") throw new Error("Function or String not supplied!");
    const delay = Math.max(0, Number(ms) || 0);
    const handle = this.live.reduce((max, t) => Math.max(max, t.handle), 0) + 1;
    const timer: EspruinoTimer = { handle, fn, args, intervalMs: repeat ? Math.max(delay, 1) : 0, dueMs: this.clock.now() + delay };
    this.live.push(timer);
    this.schedule(timer);
    return handle;
  }

  private schedule(timer: EspruinoTimer): void {
    this.clock.at(timer.dueMs, () => this.fire(timer));
  }

  private fire(timer: EspruinoTimer): void {
    if (this.live.indexOf(timer) < 0) return; // cleared meanwhile
    if (timer.intervalMs > 0) {
      timer.dueMs += timer.intervalMs;
      this.schedule(timer);
    } else {
      this.live.splice(this.live.indexOf(timer), 1);
    }
    this.run(timer.fn, timer.args);
  }
}
