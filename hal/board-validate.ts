import { fobCount, fobNumber, roleKind, type BoardDescription } from "./board";
import { esp32PinRefusals, esp32PinWarnings } from "./esp32-pins";

/**
 * Every problem with a description, as human sentences; empty when valid.
 * Rejects: unknown roles, a role or a pin used twice, digital roles without
 * polarity, bad debounce/scale, fobs not numbered 1..N, a fob without unlock
 * or lock, no fob at all, maxPressMs out of range; on an ESP32, what its
 * pins cannot do (esp32-pins.ts).
 */
export function validateBoard(board: BoardDescription): string[] {
  const errors: string[] = [];
  const pins: number[] = [];
  const roles: string[] = [];
  if (!board.id) errors.push("board has no id");
  if (!(board.maxPressMs >= 100 && board.maxPressMs <= 60000)) errors.push("maxPressMs must be 100..60000, got " + board.maxPressMs);
  for (const p of board.pins) {
    const kind = roleKind(p.role);
    if (kind === "") errors.push("unknown role '" + p.role + "' (pin " + p.pin + ")");
    if (!(p.pin >= 0 && p.pin <= 48 && Math.floor(p.pin) === p.pin)) errors.push("role " + p.role + ": pin must be a GPIO number 0..48, got " + p.pin);
    if (pins.indexOf(p.pin) >= 0) errors.push("pin " + p.pin + " is used twice (" + p.role + ")");
    if (roles.indexOf(p.role) >= 0) errors.push("role " + p.role + " is assigned twice");
    pins.push(p.pin);
    roles.push(p.role);
    if (kind === "output" || kind === "input") {
      if (p.active !== "high" && p.active !== "low") errors.push("role " + p.role + ": active must be \"high\" or \"low\"");
    }
    if (kind === "input") {
      const d = p.debounceMs;
      if (d === undefined || !(d >= 0 && d <= 1000)) errors.push("role " + p.role + ": debounceMs must be 0..1000");
    }
    if (kind === "analog") {
      const s = p.scale;
      if (s === undefined || !(s >= 1000 && s <= 20000)) errors.push("role " + p.role + ": scale must be 1000..20000 (battery mV per 1000 pin mV)");
    }
  }
  const n = fobCount(board);
  if (n === 0) errors.push("no fob wired: fob1.unlock and fob1.lock are required");
  for (const r of roles) {
    const f = fobNumber(r);
    if (f > n) errors.push("role " + r + ": fob" + f + " is not complete or fobs are not numbered 1.." + n + " (each fob needs unlock and lock)");
  }
  if (board.mcu === "esp32") errors.push(...esp32PinRefusals(board));
  return errors;
}

/** What works with care on this board's chip, one line each (shown by fobsync wiring and the builds); none when unknown. */
export function boardWarnings(board: BoardDescription): string[] {
  return board.mcu === "esp32" ? esp32PinWarnings(board) : [];
}
