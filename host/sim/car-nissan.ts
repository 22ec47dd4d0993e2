import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { klr, type IgnitionState } from "./ignition";
import { EdgeWindow, LearnCar, type LearnCarOptions, type PersonAction } from "./learn-car";
import type { AirEvent } from "./radio";

/** Nissan (1993-2015, some models; shared/domain-more-cars.md). */
export interface NissanParams {
  /** Insert and fully remove the key this many times ... */
  insertions: number;
  /** ... within this ... */
  windowMs: number;
  /** ... none sooner than this after the last (too fast fails; the figure is the bench's assumption). */
  minGapMs: number;
  /** A remote within this of ACC, or of the driver's switch unlock+lock. */
  pressWindowMs: number;
  maxKeys: number;
}

export const NISSAN_DEFAULTS: NissanParams = { insertions: 6, windowMs: 10000, minGapMs: 500, pressWindowMs: 5000, maxKeys: 4 };

/**
 * A Nissan keyless-entry unit: locked with the driver's switch, the key
 * inserted and removed 6 times within 10 s (not too fast), then ACC enters
 * the mode, which erases every remote; a remote within 5 s is learned (the
 * hazards flash twice); unlock+lock on the driver's switch opens 5 s for the
 * next; opening the driver's door ends it.
 */
export class NissanCar extends LearnCar {
  readonly kind = "nissan";
  readonly params: NissanParams;
  private lockedBySwitch = false;
  private inserts: EdgeWindow;
  private lastInsert = -Infinity;
  private unlockedBySwitch = false;
  private windowEnd = 0;

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<NissanParams> } = {}) {
    const p = { ...NISSAN_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
    this.inserts = new EdgeWindow(p.windowMs);
  }

  personDid(action: PersonAction, _fob: string, t: number): void {
    if (action === "lock-switch") {
      this.locks.set(true);
      if (this.learning && this.unlockedBySwitch) {
        this.windowEnd = t + this.params.pressWindowMs;
        this.note(`driver's switch unlock+lock: next remote within ${seconds(this.params.pressWindowMs)}`, t);
      } else if (!this.learning) {
        this.lockedBySwitch = true;
        this.inserts.clear();
        this.note("locked with the driver's switch", t);
      }
      this.unlockedBySwitch = false;
    } else if (action === "unlock-switch") {
      this.locks.set(false);
      this.unlockedBySwitch = true;
    } else super.personDid(action, _fob, t);
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (this.learning || !this.lockedBySwitch) return;
    if (now.keyIn && !before.keyIn) {
      const gap = t - this.lastInsert;
      this.lastInsert = t;
      if (gap < this.params.minGapMs) {
        this.note(`key inserted ${seconds(gap)} after the last: too fast, count starts over`, t);
        this.inserts.clear();
      }
      this.inserts.add(t);
    }
    if (klr(now) && !klr(before)) {
      const n = this.inserts.count;
      if (n < this.params.insertions) return this.note(`ACC after ${n} key insertions within ${seconds(this.params.windowMs)} (${this.params.insertions} needed): no learn mode`, t);
      this.enterLearning(`${n} key insertions, then ACC`, true, t);
      this.windowEnd = t + this.params.pressWindowMs;
    }
  }

  doorChanged(open: boolean, t: number): void {
    if (open && this.learning) this.exitLearning("driver's door opened", t);
  }

  hear(ev: AirEvent): void {
    if (!this.learning) return super.hear(ev);
    if (ev.kind !== "start") return;
    if (ev.t > this.windowEnd) return this.note(`${ev.fob}: too late (the 5 s window closed ${seconds(ev.t - this.windowEnd)} before)`, ev.t);
    if (this.learnKey(ev.fob, ev.t)) this.hazards.flash(2);
    this.windowEnd = 0;
  }
}
