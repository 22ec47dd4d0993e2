import type { AnalogPin, Platform } from "../hal/contracts";
import { findPin, roleKind, type BoardDescription } from "../hal/board";
import { Signal } from "../hal/signals";
import type { EventWriter } from "./event-writer";
import type { Guard } from "./guard";
import { SwitchBank } from "./switch-bank";

/**
 * Everything wired on the board, by role: the switch bank (created first,
 * every switch released), the input signals and the battery ADC pins.
 */
export class Io {
  bank: SwitchBank;
  board: BoardDescription;
  private sigs: { [role: string]: Signal } = {};
  private adcs: { [role: string]: AnalogPin } = {};

  constructor(platform: Platform, board: BoardDescription, w: EventWriter, g: Guard) {
    this.bank = new SwitchBank(platform, board, w, g);
    this.board = board;
    for (const p of board.pins) {
      const k = roleKind(p.role);
      if (k === "input") this.sigs[p.role] = new Signal(platform.input(p.pin, p.pull ?? "none", p.debounceMs ?? 0), p.active === "high");
      if (k === "analog") this.adcs[p.role] = platform.analog(p.pin);
    }
  }

  has(role: string): boolean {
    return findPin(this.board, role) !== undefined;
  }

  sig(role: string): Signal | undefined {
    return this.sigs[role];
  }

  /** Debounce of an input role, 0 when unknown. */
  debounce(role: string): number {
    const p = findPin(this.board, role);
    return p !== undefined && p.debounceMs !== undefined ? p.debounceMs : 0;
  }

  /** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
  battery(fob: number): number {
    const role = "fob" + fob + ".battery";
    const a = this.adcs[role];
    const p = findPin(this.board, role);
    if (a === undefined || p === undefined) return -1;
    return Math.floor((a.readMillivolts() * (p.scale ?? 1000)) / 1000);
  }
}
