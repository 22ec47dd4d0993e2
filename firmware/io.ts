import type { AnalogPin, Platform } from "../hal/contracts";
import { findPin, roleKind, type DeviceBoard } from "../hal/board";
import { Signal } from "../hal/signals";
import type { EventWriter } from "./event-writer";
import type { Guard } from "./guard";
import { createSwitchBank, type SwitchBank } from "./switch-bank";

/** Everything wired on the board, by role. */
export interface Io {
  board: DeviceBoard;
  bank: SwitchBank;
  has(role: string): boolean;
  sig(role: string): Signal | undefined;
  /** Debounce of an input role, 0 when unknown. */
  debounce(role: string): number;
  /** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
  battery(fob: number): number;
}

/** The switch bank first (every switch released), then the input signals and battery ADC pins. */
export function createIo(platform: Platform, board: DeviceBoard, w: EventWriter, g: Guard): Io {
  const bank = createSwitchBank(platform, board, w, g);
  const sigs: { [role: string]: Signal } = {};
  const adcs: { [role: string]: AnalogPin } = {};
  for (const p of board.pins) {
    const k = roleKind(p.role);
    if (k === "input") sigs[p.role] = new Signal(platform.input(p.pin, p.pull || "none", p.debounceMs || 0), p.active === "high");
    if (k === "analog") adcs[p.role] = platform.analog(p.pin);
  }
  return {
    board: board,
    bank: bank,
    has: (role: string) => findPin(board, role) !== undefined,
    sig: (role: string) => sigs[role],
    debounce(role: string): number {
      const p = findPin(board, role);
      return p !== undefined && p.debounceMs !== undefined ? p.debounceMs : 0;
    },
    battery(fob: number): number {
      const p = findPin(board, "fob" + fob + ".battery");
      const a = adcs["fob" + fob + ".battery"];
      return p === undefined || a === undefined ? -1 : Math.floor((a.readMillivolts() * (p.scale || 1000)) / 1000);
    },
  };
}
