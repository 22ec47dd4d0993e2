import type { Platform } from "../hal/contracts";
import { roleKind, type BoardDescription } from "../hal/board";
import { Switch } from "../hal/switches";
import type { EventWriter } from "./event-writer";
import type { Guard } from "./guard";

/**
 * SAFETY: every fob-button switch of the board, created released.
 * `press(role, max)` turns a switch on AND schedules an independent cap timer
 * that releases it at press + max whatever the sequencer does (a `cap` E
 * event says so). `max` is clamped to the board's `maxPressMs`.
 */
export class SwitchBank {
  private roles: string[] = [];
  private sw: Switch[] = [];
  private since: number[] = [];
  private max: number[] = [];
  private cap: number[] = [];
  private w: EventWriter;
  private g: Guard;
  private limit: number;

  constructor(platform: Platform, board: BoardDescription, w: EventWriter, g: Guard) {
    this.w = w;
    this.g = g;
    this.limit = board.maxPressMs;
    for (const p of board.pins) {
      if (roleKind(p.role) !== "output") continue;
      const high = p.active === "high";
      this.roles.push(p.role);
      this.sw.push(new Switch(platform.output(p.pin, p.drive ?? "push-pull", !high), high));
      this.since.push(0);
      this.max.push(0);
      this.cap.push(0);
    }
  }

  /** Press `role` now for at most `max` ms. False when not wired or already on. */
  press(role: string, max: number): boolean {
    const i = this.roles.indexOf(role);
    if (i < 0 || this.sw[i].isOn()) return false;
    const m = Math.min(Math.floor(max), this.limit);
    const now = this.g.clock.now();
    this.sw[i].on();
    this.since[i] = now;
    this.max[i] = m;
    this.cap[i] = this.g.at(now + m, () => this.capFire(i));
    this.w.emit("I", "switch", ["role", role, "on", 1, "max", m]);
    return true;
  }

  /** Release `role` if it is on. */
  release(role: string): void {
    const i = this.roles.indexOf(role);
    if (i >= 0 && this.sw[i].isOn()) this.off(i, "switch");
  }

  /** Every switch off now: all pins first, then the events. */
  releaseAll(): void {
    const was: boolean[] = [];
    for (let i = 0; i < this.sw.length; i++) {
      was.push(this.sw[i].isOn());
      this.sw[i].off();
    }
    for (let i = 0; i < this.sw.length; i++) if (was[i]) this.off(i, "switch");
  }

  isOn(role: string): boolean {
    const i = this.roles.indexOf(role);
    return i >= 0 && this.sw[i].isOn();
  }

  /** Roles switched on, comma separated, or "-". */
  onList(): string {
    const on: string[] = [];
    for (let i = 0; i < this.sw.length; i++) if (this.sw[i].isOn()) on.push(this.roles[i]);
    return on.length > 0 ? on.join(",") : "-";
  }

  private capFire(i: number): void {
    this.cap[i] = 0;
    if (this.sw[i].isOn()) this.off(i, "cap");
  }

  private off(i: number, ev: string): void {
    this.sw[i].off();
    if (this.cap[i] > 0) this.g.clock.cancel(this.cap[i]);
    this.cap[i] = 0;
    const held = this.g.clock.now() - this.since[i];
    if (ev === "cap") this.w.emit("E", "cap", ["role", this.roles[i], "held", held, "max", this.max[i]]);
    else this.w.emit("I", "switch", ["role", this.roles[i], "on", 0, "held", held]);
  }
}
