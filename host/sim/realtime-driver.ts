/**
 * Moves a virtual clock along with real time, `speed` times faster (speed 1:
 * one virtual second per real second; e2e tests use e.g. 20 so a 30 s car
 * window passes in 1.5 s). Every `tickMs` of real time the clock runs all
 * timers due up to the matching virtual time; `onTick` runs after each step
 * (the pty board pumps its serial buffers there).
 */
import type { VirtualClock } from "../../hal/sim/virtual-clock";

export interface RealtimeOptions {
  speed?: number;
  tickMs?: number;
  /** Real time source in ms (tests may inject one). */
  now?: () => number;
  onTick?: (realMs: number) => void;
}

export class RealtimeDriver {
  private timer: NodeJS.Timeout | null = null;
  private readonly speed: number;
  private readonly tickMs: number;
  private readonly now: () => number;
  private realStart = 0;
  private virtualStart = 0;

  constructor(private readonly clock: VirtualClock, private readonly opts: RealtimeOptions = {}) {
    this.speed = opts.speed ?? 1;
    if (!(this.speed > 0 && this.speed <= 1000)) throw new Error(`speed must be between 0 and 1000, got ${this.speed}`);
    this.tickMs = opts.tickMs ?? 5;
    this.now = opts.now ?? (() => performance.now());
  }

  start(): void {
    if (this.timer) return;
    this.realStart = this.now();
    this.virtualStart = this.clock.now();
    this.timer = setInterval(() => this.step(), this.tickMs);
  }

  /** Advance the clock to where real time says it should be. */
  step(): void {
    const real = this.now();
    const target = this.virtualStart + Math.floor((real - this.realStart) * this.speed);
    if (target > this.clock.now()) this.clock.runUntil(target);
    this.opts.onTick?.(real);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
