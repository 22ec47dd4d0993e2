import type { Clock, OutputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { wiredKind } from "../hal/board-device";
import type { Emit } from "./event-writer";
import { guarded, type OnError } from "./guard";

/**
 * Every fob-button switch of the board.
 * @noSelf (Lua: plain functions, no hidden `self`)
 */
export interface SwitchBank {
  /** Press `role` now for at most `max` ms. False when not wired or already on. */
  press(role: string, max: number): boolean;
  /** Release `role` at absolute time `t` (a bench press), unless it is released before. */
  releaseAt(role: string, t: number): void;
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
 * AND arms an independent cap that releases it at press + max whatever the
 * sequencer does (a `cap` E event says so). `max` is clamped to the board's
 * `maxPressMs`. Polarity (`active`) is declared once in the board and hidden
 * here. Each switch has one timer, armed at its next due time (a bench
 * release or the cap, whichever comes first), and one guarded callback made
 * at start-up: no closure is created per press.
 */
export function createSwitchBank(platform: Platform, board: DeviceBoard, emit: Emit, clock: Clock, onError: OnError): SwitchBank {
  const roles: string[] = [];
  const pins: OutputPin[] = [];
  const high: boolean[] = [];
  const on: boolean[] = [];
  const since: number[] = [];
  const maxes: number[] = [];
  const relAt: number[] = [];
  const tm: number[] = [];
  for (const p of board.pins) {
    if (wiredKind(p.role) === "output") {
      const h = p.active === "high";
      const pin = platform.output(p.pin, p.drive || "push-pull", !h);
      pin.write(!h);
      roles.push(p.role);
      pins.push(pin);
      high.push(h);
      on.push(false);
      since.push(0);
      maxes.push(0);
      relAt.push(0);
      tm.push(0);
    }
  }
  const fire: (() => void)[] = [];
  for (let i = 0; i < roles.length; i++) fire.push(firer(i));

  /** The guarded timer callback of switch `i`, made once at start-up. */
  function firer(i: number): () => void {
    return guarded(onError, () => {
      tm[i] = 0;
      if (on[i]) off(i, !(relAt[i] > 0 && relAt[i] <= since[i] + maxes[i]));
    });
  }

  /** (Re)arm switch `i`'s timer at its next due time: bench release or cap, whichever is first. */
  function arm(i: number): void {
    if (tm[i] > 0) clock.cancel(tm[i]);
    const cap = since[i] + maxes[i];
    tm[i] = clock.at(relAt[i] > 0 && relAt[i] <= cap ? relAt[i] : cap, fire[i]);
  }

  /** Release switch `i` (its pin, its timer) and say so: `cap` when the cap did it. */
  function off(i: number, cap: boolean): void {
    pins[i].write(!high[i]);
    on[i] = false;
    relAt[i] = 0;
    if (tm[i] > 0) clock.cancel(tm[i]);
    tm[i] = 0;
    const held = clock.now() - since[i];
    if (cap) emit("E cap role=" + roles[i] + " held=" + held + " max=" + maxes[i]);
    else emit("I switch role=" + roles[i] + " on=0 held=" + held);
  }

  function isOn(role: string): boolean {
    const i = roles.indexOf(role);
    return i >= 0 && on[i];
  }

  return {
    press(role: string, max: number): boolean {
      const i = roles.indexOf(role);
      if (i < 0 || on[i]) return false;
      const m = Math.min(Math.floor(max), board.maxPressMs);
      pins[i].write(high[i]);
      on[i] = true;
      since[i] = clock.now();
      maxes[i] = m;
      arm(i);
      emit("I switch role=" + role + " on=1 max=" + m);
      return true;
    },
    releaseAt(role: string, t: number): void {
      const i = roles.indexOf(role);
      if (i < 0 || !on[i]) return;
      relAt[i] = t;
      arm(i);
    },
    release(role: string): void {
      if (isOn(role)) off(roles.indexOf(role), false);
    },
    releaseAll(): void {
      const was: boolean[] = [];
      for (let i = 0; i < roles.length; i++) {
        was.push(on[i]);
        pins[i].write(!high[i]);
        on[i] = false;
      }
      for (let i = 0; i < roles.length; i++) if (was[i]) off(i, false);
    },
    isOn: isOn,
    onList(): string {
      const l: string[] = [];
      for (let i = 0; i < roles.length; i++) if (on[i]) l.push(roles[i]);
      return l.length > 0 ? l.join(",") : "-";
    },
  };
}
