import type { Drive, Pull } from "./contracts";

/**
 * The board helpers the firmware bundles carry (hal/board.ts re-exports them
 * for the host). typescript-to-lua bundles whole modules, so the host-only
 * role tables (`roleKind`, `SIGNAL_ROLES`, `fobNumber`) stay in board.ts and
 * out of the NodeMCU build; device code imports from here.
 */

export const FOB_BUTTONS = ["unlock", "lock", "boot"];
export const MAX_FOBS = 4;

/** What a role drives or reads. */
export type RoleKind = "output" | "input" | "analog";

/**
 * The kind of a role of a board that passed `validateBoard` (the device's
 * cheap test, no tables): `fob<N>.battery` analog, other `fob<N>.*` output,
 * everything else input.
 */
export function wiredKind(role: string): RoleKind {
  return role.substring(0, 3) !== "fob" ? "input" : role.substring(5) === "battery" ? "analog" : "output";
}

export function findPin<P extends DevicePin>(board: { pins: P[] }, role: string): P | undefined {
  for (const p of board.pins) if (p.role === role) return p;
  return undefined;
}

export function isWired(board: DeviceBoard, role: string): boolean {
  return findPin(board, role) !== undefined;
}

/** Number of fobs wired (fob1..fobN all with unlock and lock). */
export function fobCount(board: DeviceBoard): number {
  let n = 0;
  while (n < MAX_FOBS && isWired(board, "fob" + (n + 1) + ".unlock") && isWired(board, "fob" + (n + 1) + ".lock")) n++;
  return n;
}

/** A pin's role and electrical fields (hal/board.ts describes the roles). */
export interface PinAssignment {
  role: string;
  pin: number;
  /** Digital roles: which electrical level means on/active. */
  active?: "high" | "low";
  /** Outputs. */
  drive?: Drive;
  /** Inputs. */
  pull?: Pull;
  debounceMs?: number;
  /** Analog: battery mV = pin mV * scale / 1000 (a 1:1 divider is 2000). */
  scale?: number;
  /** What sits on the pin, for people and the wiring diagram ("relay IN1", "PC817, 6.8 kOhm 1 W from KL R"). */
  part?: string;
}

/** A pin as the firmware needs it: the electrical fields, no `part`. */
export type DevicePin = Omit<PinAssignment, "part">;

/**
 * The board as the firmware needs it (what a build bakes into a bundle):
 * id, press ceiling and the electrical pin fields. Titles, the MCU name and
 * `part` texts stay on the host (host/bundler/device-board.ts strips them).
 */
export interface DeviceBoard {
  id: string;
  /** Absolute ceiling on any press, whatever a recipe or command asks. */
  maxPressMs: number;
  pins: DevicePin[];
}
