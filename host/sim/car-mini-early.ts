import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { seconds, type CarLogEntry, type SimCar } from "./car";
import { kl15, type IgnitionState } from "./ignition";
import { Locks } from "./locks";
import type { AirEvent, FobButton } from "./radio";

/** A key coded into the car by diagnostics: its id and the last rolling counter the car accepted. */
export interface CodedKey {
  id: string;
  counter: number;
}

/** Re-synchronisation rules of a MINI R50/R52/R53 built before 07/2004 (shared/domain.md §3). */
export interface MiniEarlyParams {
  /** A press is accepted when its counter is in (stored, stored + aheadWindow]. */
  aheadWindow: number;
  /** Method A: the same button pressed this many times in succession ... */
  methodAPresses: number;
  /** ... all within this ("within a few seconds": an assumption, not a published figure). */
  methodAWindowMs: number;
  /** Method B: after KL 15 on then off, unlock then lock within this. */
  methodBWindowMs: number;
  /** Confirmation after a resync: lock, then unlock this much later. */
  cycleGapMs: number;
}

export const MINI_EARLY_DEFAULTS: MiniEarlyParams = {
  aheadWindow: 1000,
  methodAPresses: 4,
  methodAWindowMs: 5000,
  methodBWindowMs: 10000,
  cycleGapMs: 600,
};

interface Streak {
  fob: string;
  button: FobButton;
  firstAt: number;
  lastCounter: number;
  count: number;
}

/**
 * The early MINI body module: only keys coded by diagnostics ever work; a
 * known key works while its rolling counter is within the window ahead of the
 * stored one; an out-of-sync key is ignored until re-synchronised by Method A
 * (same button 4 times in succession) or Method B (KL 15 on/off, then within
 * 10 s unlock then lock, car unlocked). Only single-button presses are
 * commands: the ZKE procedure (unlock held, lock tapped) does nothing here.
 */
export class MiniEarlyCar implements SimCar {
  readonly kind = "mini-early";
  readonly locks: Locks;
  readonly params: MiniEarlyParams;
  readonly log: CarLogEntry[] = [];
  private keys: CodedKey[];
  private clock: VirtualClock;
  private streak: Streak | null = null;
  private methodBUntil = -1;
  private methodBUnlockFrom: string | null = null;
  private kl15OnAt: number | null = null;
  /** Fobs transmitting a combination in the current transmission (reported once). */
  private comboSeen: { [fob: string]: boolean } = {};

  constructor(clock: VirtualClock, options: { params?: Partial<MiniEarlyParams>; knownKeys?: CodedKey[]; locked?: boolean } = {}) {
    const p = { ...MINI_EARLY_DEFAULTS, ...options.params };
    for (const k of Object.keys(MINI_EARLY_DEFAULTS) as (keyof MiniEarlyParams)[]) {
      if (!(Number.isInteger(p[k]) && p[k] > 0)) throw new Error(`mini-early car: ${k} must be a positive integer, got ${p[k]}`);
    }
    for (const k of options.knownKeys ?? []) {
      if (!k.id || !(Number.isInteger(k.counter) && k.counter >= 0)) throw new Error(`mini-early car: coded key needs an id and a counter >= 0, got ${JSON.stringify(k)}`);
    }
    this.params = p;
    this.keys = (options.knownKeys ?? []).map((k) => ({ ...k }));
    this.clock = clock;
    this.locks = new Locks(clock, options.locked ?? false);
  }

  get knownKeys(): string[] {
    return this.keys.map((k) => k.id);
  }

  /** The counter the car has stored for a key (undefined for an unknown key). */
  storedCounter(id: string): number | undefined {
    return this.keys.find((k) => k.id === id)?.counter;
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (kl15(now) && !kl15(before)) this.kl15OnAt = t;
    if (!kl15(now) && kl15(before)) {
      const onFor = this.kl15OnAt === null ? 0 : t - this.kl15OnAt;
      this.kl15OnAt = null;
      if (this.locks.locked) return this.note(`method B not armed: car locked (KL 15 was on ${seconds(onFor)})`, t);
      this.methodBUntil = t + this.params.methodBWindowMs;
      this.methodBUnlockFrom = null;
      this.note(`KL 15 on for ${seconds(onFor)} then off: method B open until ${seconds(this.methodBUntil)}`, t);
    }
  }

  doorChanged(_open: boolean, _t: number): void {
    // The early module's resync does not depend on the doors.
  }

  hear(ev: AirEvent): void {
    if (ev.kind === "end") {
      delete this.comboSeen[ev.fob];
      return;
    }
    const key = this.keys.find((k) => k.id === ev.fob);
    if (!key) {
      if (ev.kind === "start") this.note(`${ev.fob}: unknown key ignored (a new key must be coded with a diagnostic tool)`, ev.t);
      return;
    }
    if (ev.buttons.length !== 1) {
      this.streak = null;
      if (!this.comboSeen[ev.fob]) this.note(`${ev.fob}: ${ev.buttons.join("+")} together is not a command on this car`, ev.t);
      this.comboSeen[ev.fob] = true;
      return;
    }
    if (ev.kind !== "start") return;
    this.press(key, ev.buttons[0], ev.counter, ev.t);
  }

  private press(key: CodedKey, button: FobButton, counter: number, t: number): void {
    const inSync = counter > key.counter && counter <= key.counter + this.params.aheadWindow;
    if (inSync) {
      key.counter = counter;
      this.streak = null;
      return this.act(key.id, button, t);
    }
    this.note(`${key.id}: ${button} ignored, out of sync (counter ${counter}, car expects ${key.counter + 1}..${key.counter + this.params.aheadWindow})`, t);
    if (this.methodA(key.id, button, counter, t)) return this.resync(key, counter, "method A", t);
    if (this.methodB(key.id, button, t)) return this.resync(key, counter, "method B", t);
  }

  /** Count consecutive presses of one button; true on the last one needed. */
  private methodA(fob: string, button: FobButton, counter: number, t: number): boolean {
    const s = this.streak;
    const p = this.params;
    if (s && s.fob === fob && s.button === button && counter === s.lastCounter + 1 && t - s.firstAt <= p.methodAWindowMs) {
      s.count++;
      s.lastCounter = counter;
    } else {
      this.streak = { fob, button, firstAt: t, lastCounter: counter, count: 1 };
    }
    return this.streak!.count >= p.methodAPresses;
  }

  /** Unlock then lock from the same key while the KL 15 window is open; true on the lock. */
  private methodB(fob: string, button: FobButton, t: number): boolean {
    if (t > this.methodBUntil) return false;
    if (button === "unlock") {
      this.methodBUnlockFrom = fob;
      return false;
    }
    return button === "lock" && this.methodBUnlockFrom === fob;
  }

  private resync(key: CodedKey, counter: number, how: string, t: number): void {
    key.counter = counter;
    this.streak = null;
    this.methodBUntil = -1;
    this.methodBUnlockFrom = null;
    this.note(`${key.id}: re-synchronised by ${how} (counter ${counter}): locks cycle`, t);
    this.locks.cycle(this.params.cycleGapMs);
  }

  private act(id: string, button: FobButton, t: number): void {
    if (button === "boot") return this.note(`${id}: boot: no boot release on this model`, t);
    this.note(`${id}: ${button}`, t);
    this.locks.set(button === "lock");
  }

  private note(text: string, t = this.clock.now()): void {
    this.log.push({ t, text });
  }
}
