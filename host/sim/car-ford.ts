import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { kl15, type IgnitionState } from "./ignition";
import { EdgeWindow, LearnCar, type LearnCarOptions } from "./learn-car";
import type { AirEvent } from "./radio";

/** Ford before about 2011 (shared/domain-more-cars.md): the windows sources quote. */
export interface FordParams {
  /** OFF->RUN this many times ... */
  cycles: number;
  /** ... within this, ending in RUN. */
  windowMs: number;
  /** Each remote within this of entering or of the last remote. */
  pressWindowMs: number;
  maxKeys: number;
}

export const FORD_DEFAULTS: FordParams = { cycles: 8, windowMs: 10000, pressWindowMs: 20000, maxKeys: 4 };

/**
 * A Ford body module: 8 turns OFF->RUN within 10 s enter programming (the
 * locks cycle); any button of each remote learns it (the locks cycle); the
 * ignition OFF ends it (the locks cycle) and the car then knows exactly the
 * remotes learned: the others are erased.
 */
export class FordCar extends LearnCar {
  readonly kind = "ford";
  readonly params: FordParams;
  private runs: EdgeWindow;
  private expiry = 0;

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<FordParams> } = {}) {
    const p = { ...FORD_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
    this.runs = new EdgeWindow(p.windowMs);
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (kl15(before) && !kl15(now) && this.learning) {
      this.clock.cancel(this.expiry);
      this.exitLearning("ignition OFF", t);
      this.locks.cycle(600);
      return;
    }
    if (!kl15(now) || kl15(before) || this.learning) return;
    const n = this.runs.add(t);
    if (n < this.params.cycles) return;
    this.runs.clear();
    this.enterLearning(`${this.params.cycles} turns to RUN within ${seconds(this.params.windowMs)}`, false, t);
    this.locks.cycle(600);
    this.restartWindow(t);
  }

  hear(ev: AirEvent): void {
    if (!this.learning) return super.hear(ev);
    if (ev.kind !== "start") return;
    if (this.learnKey(ev.fob, ev.t)) this.locks.cycle(600);
    this.restartWindow(ev.t);
  }

  private restartWindow(t: number): void {
    this.clock.cancel(this.expiry);
    this.expiry = this.clock.at(t + this.params.pressWindowMs, () => this.exitLearning("no remote within the window", t + this.params.pressWindowMs));
  }
}
