import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { kl15, type IgnitionState } from "./ignition";
import { LearnCar, type LearnCarOptions } from "./learn-car";
import type { AirEvent } from "./radio";

/** Honda (2003 Accord, 2005-06 Odyssey; shared/domain-more-cars.md): every step 1 to 4 s after the last. */
export interface HondaParams {
  minGapMs: number;
  maxGapMs: number;
  /** Each remote within this of entering or of the last remote. */
  pressWindowMs: number;
  maxKeys: number;
}

export const HONDA_DEFAULTS: HondaParams = { minGapMs: 1000, maxGapMs: 4000, pressWindowMs: 10000, maxKeys: 3 };

/** The entry sequence: ON (II), a remote button, LOCK (0), three times, then ON and a button. */
const SEQUENCE = ["on", "press", "off", "on", "press", "off", "on", "press", "off", "on", "press"];

/**
 * A Honda keyless-entry unit: the sequence above with every step 1 to 4 s
 * after the last enters the mode, which erases every remote (the locks
 * cycle); each remote's button within 10 s learns it (the locks cycle), a
 * 4th overwrites the oldest; 10 s without a remote or the ignition off ends it.
 */
export class HondaCar extends LearnCar {
  readonly kind = "honda";
  readonly params: HondaParams;
  private step = 0;
  private last = 0;
  private expiry = 0;

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<HondaParams> } = {}) {
    const p = { ...HONDA_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (kl15(now) && !kl15(before)) this.sequence("on", t);
    if (!kl15(now) && kl15(before)) {
      if (this.learning) return this.end("ignition off", t);
      this.sequence("off", t);
    }
  }

  hear(ev: AirEvent): void {
    if (ev.kind !== "start") return;
    if (!this.learning) {
      if (this.step > 0) return this.sequence("press", ev.t);
      return super.hear(ev);
    }
    if (this.learnKey(ev.fob, ev.t)) this.locks.cycle(600);
    this.restartWindow(ev.t);
  }

  /** One step of the entry sequence: in time it advances, else the sequence starts over. */
  private sequence(what: string, t: number): void {
    if (this.learning) return;
    const gap = t - this.last;
    const { minGapMs, maxGapMs } = this.params;
    if (this.step > 0) {
      let broken = "";
      if (what !== SEQUENCE[this.step]) broken = `${what} where ${SEQUENCE[this.step]} was due`;
      else if (gap < minGapMs) broken = `too fast: ${what} ${seconds(gap)} after the last step (at least ${seconds(minGapMs)})`;
      else if (gap > maxGapMs) broken = `too slow: ${what} ${seconds(gap)} after the last step (at most ${seconds(maxGapMs)})`;
      if (broken) {
        this.note(`entry sequence broken at step ${this.step + 1}: ${broken}`, t);
        this.step = 0;
      }
    }
    if (this.step === 0 && what !== SEQUENCE[0]) return;
    this.step++;
    this.last = t;
    if (this.step < SEQUENCE.length) return;
    this.step = 0;
    this.enterLearning("ON, button, LOCK three times, then ON and button, each 1 to 4 s apart", true, t);
    this.locks.cycle(600);
    this.restartWindow(t);
  }

  private restartWindow(t: number): void {
    this.clock.cancel(this.expiry);
    this.expiry = this.clock.at(t + this.params.pressWindowMs, () => this.exitLearning("no remote within 10 s", t + this.params.pressWindowMs));
  }

  private end(reason: string, t: number): void {
    this.clock.cancel(this.expiry);
    this.exitLearning(reason, t);
  }
}
