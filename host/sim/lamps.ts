import type { BoardDescription } from "../../hal/board";
import type { VirtualClock } from "../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import { roleDriver } from "./wiring";

/** The hazard lamps: how a car that does not cycle its locks answers (`flash(n)`: n on-off pulses). */
export class HazardLamps {
  private lit = false;
  private listeners: ((lit: boolean, t: number) => void)[] = [];
  /** Pulses shown so far. */
  flashes = 0;

  constructor(private readonly clock: VirtualClock) {}

  onChange(fn: (lit: boolean, t: number) => void): void {
    this.listeners.push(fn);
  }

  /** `n` pulses, each `onMs` lit and `onMs` dark, starting now. */
  flash(n: number, onMs = 400): void {
    const t0 = this.clock.now();
    for (let i = 0; i < n; i++) {
      this.clock.at(t0 + 2 * i * onMs, () => this.set(true));
      this.clock.at(t0 + (2 * i + 1) * onMs, () => this.set(false));
    }
    this.flashes += n;
  }

  private set(lit: boolean): void {
    if (lit === this.lit) return;
    this.lit = lit;
    for (const fn of this.listeners) fn(lit, this.clock.now());
  }
}

/** Make the board's `hazard` input follow the lamps. Returns false when not wired. */
export function wireHazards(lamps: HazardLamps, pins: VirtualPins, board: BoardDescription): boolean {
  const lamp = roleDriver(pins, board, "hazard");
  if (!lamp) return false;
  lamps.onChange(lamp);
  lamp(false);
  return true;
}
