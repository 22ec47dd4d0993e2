import type { BoardDescription } from "../../hal/board";
import type { VirtualClock } from "../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import { roleDriver } from "./wiring";

/** 0 off, 1 position 1 (KL R), 2 position 2 (KL 15 + KL R). */
export type IgnitionPosition = 0 | 1 | 2;

export interface IgnitionState {
  keyIn: boolean;
  position: IgnitionPosition;
}

/** KL R is live in positions 1 and 2. */
export function klr(s: IgnitionState): boolean {
  return s.position >= 1;
}

/** KL 15 is live in position 2. */
export function kl15(s: IgnitionState): boolean {
  return s.position === 2;
}

/**
 * The ignition lock. A key must be in to turn it and the switch must be off
 * to remove the key; impossible moves throw and change nothing. Listeners
 * (the car) hear every change; the board's `ignition.klr` / `ignition.kl15`
 * inputs follow through their optocouplers (polarity per board, skipped
 * when not wired).
 */
export class IgnitionSwitch {
  private s: IgnitionState = { keyIn: false, position: 0 };
  private clock: VirtualClock;
  private listeners: ((now: IgnitionState, before: IgnitionState, t: number) => void)[] = [];
  readonly history: (IgnitionState & { t: number })[] = [];

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  get state(): IgnitionState {
    return { keyIn: this.s.keyIn, position: this.s.position };
  }

  onChange(fn: (now: IgnitionState, before: IgnitionState, t: number) => void): void {
    this.listeners.push(fn);
  }

  insertKey(): void {
    if (this.s.keyIn) throw new Error("ignition: a key is already in the lock");
    this.change({ keyIn: true, position: 0 });
  }

  removeKey(): void {
    if (!this.s.keyIn) throw new Error("ignition: no key in the lock");
    if (this.s.position !== 0) throw new Error("ignition: turn the key back to off before removing it");
    this.change({ keyIn: false, position: 0 });
  }

  turnTo(position: IgnitionPosition): void {
    if (position !== 0 && position !== 1 && position !== 2) throw new Error(`ignition: position must be 0, 1 or 2, got ${position}`);
    if (!this.s.keyIn) throw new Error("ignition: no key in the lock");
    this.change({ keyIn: true, position });
  }

  private change(next: IgnitionState): void {
    const before = this.s;
    if (before.keyIn === next.keyIn && before.position === next.position) return;
    this.s = next;
    const t = this.clock.now();
    this.history.push({ keyIn: next.keyIn, position: next.position, t });
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]({ keyIn: next.keyIn, position: next.position }, { keyIn: before.keyIn, position: before.position }, t);
  }
}

/** Make the board's ignition inputs follow the switch. Returns the roles wired. */
export function wireIgnition(ign: IgnitionSwitch, pins: VirtualPins, board: BoardDescription): string[] {
  const klrInput = roleDriver(pins, board, "ignition.klr");
  const kl15Input = roleDriver(pins, board, "ignition.kl15");
  const apply = (s: IgnitionState): void => {
    if (klrInput) klrInput(klr(s));
    if (kl15Input) kl15Input(kl15(s));
  };
  ign.onChange(apply);
  apply(ign.state);
  const roles: string[] = [];
  if (klrInput) roles.push("ignition.klr");
  if (kl15Input) roles.push("ignition.kl15");
  return roles;
}
