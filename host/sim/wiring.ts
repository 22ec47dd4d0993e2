import { findPin, type BoardDescription } from "../../hal/board";
import type { VirtualPins } from "../../hal/sim/virtual-pins";

/**
 * The electrical side of the bench wiring, seen from the simulated world:
 * the world speaks in logical terms (a fob button pressed, KL R on) and the
 * board description says which level that is on which pin.
 */

/** Drive the input pin of `role` to its active/inactive level. Returns false (and does nothing) when the role is not wired. */
export function driveRole(pins: VirtualPins, board: BoardDescription, role: string, active: boolean): boolean {
  const p = findPin(board, role);
  if (!p) return false;
  const activeHigh = p.active === "high";
  pins.drive(p.pin, active === activeHigh);
  return true;
}

/**
 * The input pin of `role` as a function that drives it to its active/inactive
 * level, the pin looked up once (for the world's inputs that change all the
 * time); null when the role is not wired.
 */
export function roleDriver(pins: VirtualPins, board: BoardDescription, role: string): ((active: boolean) => void) | null {
  const p = findPin(board, role);
  if (!p) return null;
  const pin = p.pin;
  const activeHigh = p.active === "high";
  return (active) => pins.drive(pin, active === activeHigh);
}

/**
 * Call `fn(active, t)` whenever the firmware changes the output pin of `role`.
 * Returns false when the role is not wired.
 */
export function watchRole(pins: VirtualPins, board: BoardDescription, role: string, fn: (active: boolean, t: number) => void): boolean {
  const p = findPin(board, role);
  if (!p) return false;
  const activeHigh = p.active === "high";
  pins.onOutput(p.pin, (high, t) => fn(high === activeHigh, t));
  return true;
}

/** Whether the output pin of `role` is currently at its active level (false when not wired or never configured). */
export function roleOutputActive(pins: VirtualPins, board: BoardDescription, role: string): boolean {
  const p = findPin(board, role);
  if (!p) return false;
  const level = pins.outputLevel(p.pin);
  return level !== undefined && level === (p.active === "high");
}

/** Put a fob cell voltage on the board's `fob<N>.battery` analog pin through its divider. Returns false when not wired. */
export function setBatteryPin(pins: VirtualPins, board: BoardDescription, slot: number, batteryMv: number): boolean {
  const p = findPin(board, "fob" + slot + ".battery");
  if (!p || !p.scale) return false;
  pins.setMillivolts(p.pin, Math.round((batteryMv * 1000) / p.scale));
  return true;
}
