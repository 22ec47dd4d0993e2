import type { Platform } from "../hal/contracts";
import { roleKind, type DeviceBoard } from "../hal/board";
import { Switch } from "../hal/switches";
import type { EventWriter } from "./event-writer";
import type { Guard } from "./guard";

/** Every fob-button switch of the board. */
export interface SwitchBank {
  /** Press `role` now for at most `max` ms. False when not wired or already on. */
  press(role: string, max: number): boolean;
  /** Release `role` if it is on. */
  release(role: string): void;
  /** Every switch off now: all pins first, then the events. */
  releaseAll(): void;
  isOn(role: string): boolean;
  /** Roles switched on, comma separated, or "-". */
  onList(): string;
}

/**
 * SAFETY: creates every switch released. `press(role, max)` turns a switch on
 * AND schedules an independent cap timer that releases it at press + max
 * whatever the sequencer does (a `cap` E event says so). `max` is clamped to
 * the board's `maxPressMs`.
 */
export function createSwitchBank(platform: Platform, board: DeviceBoard, w: EventWriter, g: Guard): SwitchBank {
  const roles: string[] = [];
  const sw: Switch[] = [];
  const since: number[] = [];
  const maxes: number[] = [];
  const caps: number[] = [];
  const clock = g.clock;
  for (const p of board.pins) {
    if (roleKind(p.role) !== "output") continue;
    const high = p.active === "high";
    roles.push(p.role);
    sw.push(new Switch(platform.output(p.pin, p.drive || "push-pull", !high), high));
    since.push(0);
    maxes.push(0);
    caps.push(0);
  }

  function off(i: number, cap: boolean): void {
    sw[i].off();
    if (caps[i] > 0) clock.cancel(caps[i]);
    caps[i] = 0;
    const held = clock.now() - since[i];
    if (cap) w.emit("E", "cap", ["role", roles[i], "held", held, "max", maxes[i]]);
    else w.emit("I", "switch", ["role", roles[i], "on", 0, "held", held]);
  }

  function capFire(i: number): void {
    caps[i] = 0;
    if (sw[i].isOn()) off(i, true);
  }

  function isOn(role: string): boolean {
    const i = roles.indexOf(role);
    return i >= 0 && sw[i].isOn();
  }

  return {
    press(role: string, max: number): boolean {
      const i = roles.indexOf(role);
      if (i < 0 || sw[i].isOn()) return false;
      const m = Math.min(Math.floor(max), board.maxPressMs);
      sw[i].on();
      since[i] = clock.now();
      maxes[i] = m;
      caps[i] = g.at(since[i] + m, () => capFire(i));
      w.emit("I", "switch", ["role", role, "on", 1, "max", m]);
      return true;
    },
    release(role: string): void {
      if (isOn(role)) off(roles.indexOf(role), false);
    },
    releaseAll(): void {
      const was: boolean[] = [];
      for (let i = 0; i < sw.length; i++) {
        was.push(sw[i].isOn());
        sw[i].off();
      }
      for (let i = 0; i < sw.length; i++) if (was[i]) off(i, false);
    },
    isOn: isOn,
    onList(): string {
      const on: string[] = [];
      for (let i = 0; i < sw.length; i++) if (sw[i].isOn()) on.push(roles[i]);
      return on.length > 0 ? on.join(",") : "-";
    },
  };
}
