import type { DeviceBoard, DevicePin } from "./board";

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
