import type { VirtualClock } from "../../hal/sim/virtual-clock";

/** One change of the central locking, for assertions. */
export interface LockChange {
  t: number;
  locked: boolean;
}

/**
 * The car's central locking: the only acknowledgement a body module gives.
 * `cycle()` is the initialization/resync confirmation: the locks move to the
 * opposite state and back `gapMs` later.
 */
export class Locks {
  private state: boolean;
  private clock: VirtualClock;
  private listeners: ((locked: boolean, t: number) => void)[] = [];
  readonly history: LockChange[] = [];
  /** Number of confirmation cycles performed. */
  cycles = 0;

  constructor(clock: VirtualClock, locked = false) {
    this.clock = clock;
    this.state = locked;
  }

  get locked(): boolean {
    return this.state;
  }

  /** `fn(locked, t)` on every change. */
  onChange(fn: (locked: boolean, t: number) => void): void {
    this.listeners.push(fn);
  }

  set(locked: boolean): void {
    if (locked === this.state) return;
    this.state = locked;
    const t = this.clock.now();
    this.history.push({ t, locked });
    for (const fn of this.listeners) fn(locked, t);
  }

  /** Move to the opposite state now and back after `gapMs`. */
  cycle(gapMs: number): void {
    const back = this.state;
    this.cycles++;
    this.set(!back);
    this.clock.after(gapMs, () => this.set(back));
  }
}
