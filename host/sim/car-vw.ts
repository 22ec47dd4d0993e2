import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds } from "./car";
import { klr, type IgnitionState } from "./ignition";
import { LearnCar, type LearnCarOptions, type PersonAction } from "./learn-car";
import type { AirEvent } from "./radio";

/** VW/Audi, late 1990s (shared/domain-more-cars.md). */
export interface VwParams {
  /** The first unlock press within this of locking the door with the key blade. */
  startMs: number;
  /** Then this long without a press before the last unlock press. */
  waitMs: number;
  maxKeys: number;
}

export const VW_DEFAULTS: VwParams = { startMs: 5000, waitMs: 5000, maxKeys: 4 };

interface Coding {
  fob: string;
  lockedAt: number;
  presses: number;
  lastAt: number;
}

/**
 * A VW/Audi comfort module: with the ignition ON, the driver's door locked
 * with the blade of the key being coded, then unlock N times within 5 s
 * (memory slot N), 5 s without a press, and unlock once more codes it; the
 * hazards flash at every press. Each key is coded on its own; a slot coded
 * again is overwritten, other slots are kept.
 */
export class VwCar extends LearnCar {
  readonly kind = "vw";
  readonly params: VwParams;
  private slots: (string | undefined)[] = [];
  private coding: Coding | null = null;
  private ignitionOn = false;

  constructor(clock: VirtualClock, options: LearnCarOptions & { params?: Partial<VwParams> } = {}) {
    const p = { ...VW_DEFAULTS, ...options.params };
    super(clock, p.maxKeys, options);
    this.params = p;
    this.slots = [...(options.knownKeys ?? [])];
  }

  get knownKeys(): string[] {
    return this.slots.filter((s): s is string => s !== undefined);
  }

  personDid(action: PersonAction, fob: string, t: number): void {
    if (action !== "key-blade-lock") return super.personDid(action, fob, t);
    this.locks.set(true);
    if (!this.ignitionOn) return this.note(`${fob}: door locked with the key blade, but the ignition is off: no coding`, t);
    this.coding = { fob, lockedAt: t, presses: 0, lastAt: t };
    this.note(`${fob}: door locked with the key blade: unlock N times within ${seconds(this.params.startMs)} for slot N`, t);
  }

  ignitionChanged(now: IgnitionState, _before: IgnitionState, t: number): void {
    this.ignitionOn = klr(now);
    if (!this.ignitionOn && this.coding) {
      this.note(`${this.coding.fob}: ignition off before the last press: not coded`, t);
      this.coding = null;
    }
  }

  hear(ev: AirEvent): void {
    const c = this.coding;
    if (!c || ev.fob !== c.fob) return super.hear(ev);
    if (ev.kind !== "start" || ev.buttons.join("+") !== "unlock") return;
    if (c.presses === 0 && ev.t - c.lockedAt > this.params.startMs) {
      this.coding = null;
      return this.note(`${c.fob}: first unlock ${seconds(ev.t - c.lockedAt)} after locking the door (within ${seconds(this.params.startMs)}): not coded`, ev.t);
    }
    this.hazards.flash(1);
    if (c.presses > 0 && ev.t - c.lastAt >= this.params.waitMs) {
      const slot = c.presses;
      if (slot > this.maxKeys) this.note(`${c.fob}: slot ${slot} does not exist (1..${this.maxKeys}): not coded`, ev.t);
      else {
        const was = this.slots[slot - 1];
        this.slots = this.slots.map((s) => (s === c.fob ? undefined : s));
        this.slots[slot - 1] = c.fob;
        this.note(`${c.fob} coded into slot ${slot}` + (was && was !== c.fob ? ` (overwrote ${was})` : ""), ev.t);
      }
      this.coding = null;
      return;
    }
    c.presses++;
    c.lastAt = ev.t;
  }
}
