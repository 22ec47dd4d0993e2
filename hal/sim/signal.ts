import type { InputPin } from "../contracts";

/**
 * For the simulated bench and its tests (the firmware reads inputs in firmware/inputs.ts).
 * A logical input (ignition KL R, door, lock feedback, RF receiver):
 * `isActive()` hides the polarity declared in the board description.
 */
export class Signal {
  private pin: InputPin;
  private activeHigh: boolean;

  constructor(pin: InputPin, activeHigh: boolean) {
    this.pin = pin;
    this.activeHigh = activeHigh;
  }

  isActive(): boolean {
    return this.pin.read() === this.activeHigh;
  }

  /** `fn(active, atMs)` on every debounced change. */
  watch(fn: (active: boolean, atMs: number) => void): void {
    const activeHigh = this.activeHigh;
    this.pin.watch((high, atMs) => fn(high === activeHigh, atMs));
  }
}
