import type { AnalogPin, Clock, InputPin, Platform } from "../hal/contracts";
import { findPin, wiredKind, type DeviceBoard } from "../hal/board";
import type { Emit } from "./event-writer";
import type { Guard } from "./guard";
import { createSwitchBank, type SwitchBank } from "./switch-bank";

/** Everything wired on the board, by role. */
export interface Io {
  board: DeviceBoard;
  bank: SwitchBank;
  has(role: string): boolean;
  /** Is input `role` active now (polarity from the board)? False when not wired. */
  active(role: string): boolean;
  /** Call `fn(role, active, at)` on every debounced edge of every input; `at` is the edge's hardware time. */
  watch(fn: (role: string, active: boolean, at: number) => void): void;
  /** Debounce of an input role, 0 when unknown. */
  debounceOf(role: string): number;
  /** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
  battery(fob: number): number;
}

/** The switch bank first (every switch released), then the input pins and battery ADC pins. */
export function createIo(platform: Platform, board: DeviceBoard, emit: Emit, clock: Clock, g: Guard): Io {
  const bank = createSwitchBank(platform, board, emit, clock, g);
  const inRoles: string[] = [];
  const inPins: InputPin[] = [];
  const inHigh: boolean[] = [];
  const adcs: { [role: string]: AnalogPin } = {};
  for (const p of board.pins) {
    const k = wiredKind(p.role);
    if (k === "input") {
      inRoles.push(p.role);
      inPins.push(platform.input(p.pin, p.pull || "none", p.debounceMs || 0));
      inHigh.push(p.active === "high");
    }
    if (k === "analog") adcs[p.role] = platform.analog(p.pin);
  }
  return {
    board: board,
    bank: bank,
    has: (role: string) => findPin(board, role) !== undefined,
    active(role: string): boolean {
      const i = inRoles.indexOf(role);
      return i >= 0 && inPins[i].read() === inHigh[i];
    },
    watch(fn: (role: string, active: boolean, at: number) => void): void {
      for (let i = 0; i < inRoles.length; i++) watchPin(inPins[i], inRoles[i], inHigh[i], fn);
    },
    debounceOf(role: string): number {
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

/** Pass `pin`'s debounced edges to `fn` as logical edges of `role`. */
function watchPin(pin: InputPin, role: string, high: boolean, fn: (role: string, active: boolean, at: number) => void): void {
  pin.watch((h: boolean, at: number) => fn(role, h === high, at));
}
