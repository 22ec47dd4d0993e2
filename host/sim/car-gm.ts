import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { klr, type IgnitionState } from "./ignition";
import { LearnCar, type LearnCarOptions, type PersonAction } from "./learn-car";
import type { AirEvent } from "./radio";

/** GM trucks about 1999-2006 (forum only; shared/domain-more-cars.md). */
export interface GmParams {
  /** Lock and unlock held together at least this long (forum: about 15 s, some trucks 30). */
  holdMs: number;
  maxKeys: number;
}

export const GM_DEFAULTS: GmParams = { holdMs: 15000, maxKeys: 4 };

/**
 * A GM truck body module as forum posts describe it: holding the driver's
 * unlock switch, ignition ON-OFF-ON-OFF, then releasing the switch enters
 * programming (the locks cycle); a remote's lock and unlock held together
 * for about 15 s learns it (the locks cycle); ignition ON ends it, and the
 * remotes not learned are erased.
 */
export class GmCar extends LearnCar {
  readonly kind = "gm";
  readonly params: GmParams;
  private switchHeld = false;
  private ons = 0;
  private bothSince: { [fob: string]: number } = {};

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<GmParams> } = {}) {
    const p = { ...GM_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
  }

  personDid(action: PersonAction, fob: string, t: number): void {
    if (action === "unlock-switch-hold") {
      this.switchHeld = true;
      this.ons = 0;
    } else if (action === "unlock-switch-release") {
      this.switchHeld = false;
      if (this.learning) return;
      if (this.ons !== 2) return this.note(`unlock switch released after ${this.ons} ignition ON (2 needed): no programming`, t);
      this.enterLearning("ignition ON-OFF-ON-OFF with the unlock switch held", false, t);
      this.locks.cycle(600);
    } else super.personDid(action, fob, t);
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (!klr(now) || klr(before)) return;
    if (this.learning) return this.exitLearning("ignition ON", t);
    if (this.switchHeld) this.ons++;
  }

  hear(ev: AirEvent): void {
    if (!this.learning) return super.hear(ev);
    const both = ev.kind !== "end" && ev.buttons.includes("lock") && ev.buttons.includes("unlock");
    if (!both) {
      const since = this.bothSince[ev.fob];
      if (since !== undefined && ev.t - since < this.params.holdMs) this.note(`${ev.fob}: lock+unlock held ${seconds(ev.t - since)} (${seconds(this.params.holdMs)} needed): not learned`, ev.t);
      delete this.bothSince[ev.fob];
      return;
    }
    if (this.bothSince[ev.fob] !== undefined) return;
    const since = ev.t;
    this.bothSince[ev.fob] = since;
    this.clock.at(since + this.params.holdMs, () => {
      if (this.bothSince[ev.fob] !== since || !this.learning) return;
      if (this.learnKey(ev.fob, since + this.params.holdMs)) this.locks.cycle(600);
    });
  }
}
