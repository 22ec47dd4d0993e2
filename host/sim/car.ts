import type { BoardDescription } from "../../hal/board";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import type { Door } from "./door";
import type { IgnitionState, IgnitionSwitch } from "./ignition";
import type { HazardLamps } from "./lamps";
import type { Locks } from "./locks";
import type { Air, AirEvent } from "./radio";
import { roleDriver } from "./wiring";

/** One line of what a simulated car saw and decided, with its virtual time. */
export interface CarLogEntry {
  t: number;
  text: string;
}

/** What every simulated body module offers the bench and the tests. */
export interface SimCar {
  readonly kind: "zke" | "mini-early" | "ford" | "honda" | "nissan" | "mazda" | "vw" | "gm";
  readonly locks: Locks;
  /** The hazard lamps, for a car that answers with them. */
  readonly hazards?: HazardLamps;
  /** Fob ids whose remote works on this car, in the car's key order. */
  readonly knownKeys: string[];
  readonly log: CarLogEntry[];
  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void;
  doorChanged(open: boolean, t: number): void;
  hear(ev: AirEvent): void;
  /** Something a person did that the rig cannot (a door-lock switch, a key blade in the door); cars that do not care omit it. */
  personDid?(action: string, fob: string, t: number): void;
}

/** Connect a car to the air, the ignition lock and the door. */
export function attachCar(car: SimCar, air: Air, ignition: IgnitionSwitch, door: Door): void {
  air.listen((ev) => car.hear(ev));
  ignition.onChange((now, before, t) => car.ignitionChanged(now, before, t));
  door.onChange((open, t) => car.doorChanged(open, t));
}

/** The board's `lock.feedback` input follows the locks (active = locked). Returns false when not wired. */
export function wireLockFeedback(locks: Locks, pins: VirtualPins, board: BoardDescription): boolean {
  const feedback = roleDriver(pins, board, "lock.feedback");
  if (!feedback) return false;
  locks.onChange(feedback);
  feedback(locks.locked);
  return true;
}

/** Seconds with one decimal, for log sentences ("6.2 s"). */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1) + " s";
}

/**
 * A remote heard outside any learn mode: a known key's lock or unlock moves
 * the locks; an unknown key, or two buttons at once, does nothing. Returns what
 * the car saw, for its log.
 */
export function lockCommand(keys: string[], locks: Locks, ev: AirEvent): string {
  if (!keys.includes(ev.fob)) return `${ev.fob}: unknown key ignored`;
  const b = ev.buttons;
  if (b.length !== 1 || b[0] === "boot") return `${ev.fob}: ${b.join("+")}: no lock command`;
  locks.set(b[0] === "lock");
  return `${ev.fob}: ${b[0]}`;
}
