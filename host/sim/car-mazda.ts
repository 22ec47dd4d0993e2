import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { klr, type IgnitionState } from "./ignition";
import { EdgeWindow, LearnCar, type LearnCarOptions } from "./learn-car";
import type { AirEvent } from "./radio";

/** Mazda (Mazda3 2004-09, Protegé; shared/domain-more-cars.md). */
export interface MazdaParams {
  /** Key LOCK<->ON this many times within windowMs (one more starts the diagnostic mode) ... */
  cycles: number;
  /** ... then the door this many times within windowMs. */
  doorCycles: number;
  windowMs: number;
  /** The two presses of one remote within this. */
  pairMs: number;
  maxKeys: number;
}

export const MAZDA_DEFAULTS: MazdaParams = { cycles: 3, doorCycles: 3, windowMs: 10000, pairMs: 3000, maxKeys: 3 };

/**
 * A Mazda keyless unit: with the driver's door open, the key LOCK<->ON 3
 * times within 10 s, left in LOCK, then the door closed 3 times within 10 s
 * enters the mode (every remote erased, the locks cycle); any button twice on
 * each remote learns it (the locks cycle); removing the key ends it. 4 key
 * cycles start the diagnostic mode instead (the horn sounds).
 */
export class MazdaCar extends LearnCar {
  readonly kind = "mazda";
  readonly params: MazdaParams;
  diagnosticMode = false;
  private ons: EdgeWindow;
  private doors: EdgeWindow;
  private doorOpen = false;
  private firstPress: { [fob: string]: number } = {};

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<MazdaParams> } = {}) {
    const p = { ...MAZDA_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
    this.ons = new EdgeWindow(p.windowMs);
    this.doors = new EdgeWindow(p.windowMs);
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (!now.keyIn && before.keyIn && this.learning) {
      this.exitLearning("key removed", t);
      for (let i = 0; i < 4; i++) this.clock.after(i * 1200, () => this.locks.cycle(600));
      return;
    }
    if (this.learning || this.diagnosticMode || !klr(now) || klr(before)) return;
    if (!this.doorOpen) return this.note("key to ON with the driver's door closed: not counted", t);
    const n = this.ons.add(t);
    this.doors.clear();
    if (n > this.params.cycles) {
      this.diagnosticMode = true;
      this.note(`${n} key cycles: diagnostic mode (the horn sounds); no remote learned`, t);
    }
  }

  doorChanged(open: boolean, t: number): void {
    this.doorOpen = open;
    if (open || this.learning || this.diagnosticMode) return;
    if (this.ons.count !== this.params.cycles) return;
    const n = this.doors.add(t);
    if (n < this.params.doorCycles) return;
    this.enterLearning(`${this.params.cycles} key cycles, then the door ${n} times within ${seconds(this.params.windowMs)}`, true, t);
    this.locks.cycle(600);
  }

  hear(ev: AirEvent): void {
    if (!this.learning) return super.hear(ev);
    if (ev.kind !== "start") return;
    const first = this.firstPress[ev.fob];
    if (first === undefined || ev.t - first > this.params.pairMs) {
      this.firstPress[ev.fob] = ev.t;
      return;
    }
    delete this.firstPress[ev.fob];
    if (this.learnKey(ev.fob, ev.t)) this.locks.cycle(600);
  }
}
