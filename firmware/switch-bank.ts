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
  /** Press `role` now for at most `max` whole ms (clamped to the board's maxPressMs). False when not wired or already on. */
  press(role: string, max: number): boolean;
  /** Release `role` at absolute time `t` (a bench press), unless it is released before. */
  releaseAt(role: string, t: number): void;
  /** Release `role` if it is on. */
  release(role: string): void;
  /** Every switch off now: all pins first, then the events. */
  releaseAll(): void;
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
 * at start-up: no closure is created per press. `since[i]` is the press
 * start of a switch that is on, -1 when it is off.
 */
export function createSwitchBank(platform: Platform, board: DeviceBoard, emit: Emit, clock: Clock, onError: OnError): SwitchBank {
  const roles: string[] = [];
  const pins: OutputPin[] = [];
  const high: boolean[] = [];
  /** Press start of a switch that is on, else -1. */
  const since: number[] = [];
  const maxes: number[] = [];
  const relAt: number[] = [];
  const tm: number[] = [];
  const fire: (() => void)[] = [];
  for (const p of board.pins) {
    if (wiredKind(p.role) === "output") {
      const h = p.active === "high";
      const pin = platform.output(p.pin, p.drive || "push-pull", !h);
      pin.write(!h);
      fire.push(firer(roles.length));
      roles.push(p.role);
      pins.push(pin);
      high.push(h);
      since.push(-1);
      maxes.push(0);
      relAt.push(0);
      tm.push(0);
    }
  }

  /** The guarded timer callback of switch `i`, made once at start-up. */
  function firer(i: number): () => void {
    return guarded(onError, () => {
      tm[i] = 0;
      if (since[i] >= 0) off(i, relAt[i] < 1 || relAt[i] > since[i] + maxes[i]);
    });
  }

  /** (Re)arm switch `i`'s timer at its next due time: bench release or cap, whichever is first (cancelling handle 0 is a no-op: Clock contract). */
  function arm(i: number): void {
    clock.cancel(tm[i]);
    const cap = since[i] + maxes[i];
    tm[i] = clock.at(relAt[i] > 0 && relAt[i] <= cap ? relAt[i] : cap, fire[i]);
  }

  /** Release switch `i` (its pin, its timer) and say so: `cap` when the cap did it. */
  function off(i: number, cap: boolean): void {
    pins[i].write(!high[i]);
    const held = clock.now() - since[i];
    since[i] = -1;
    relAt[i] = 0;
    clock.cancel(tm[i]);
    tm[i] = 0;
    emit(cap ? "E cap role=" + roles[i] + " held=" + held + " max=" + maxes[i] : "I switch role=" + roles[i] + " on=0 held=" + held);
  }

  /** Index of `role`, -1 when not a switch. */
  const indexOf = (role: string) => roles.indexOf(role);
  const isOn = (role: string) => indexOf(role) >= 0 && since[indexOf(role)] >= 0;

  return {
    press(role: string, max: number): boolean {
      const i = indexOf(role);
      if (i < 0 || since[i] >= 0) return false;
      const m = Math.min(max, board.maxPressMs);
      pins[i].write(high[i]);
      since[i] = clock.now();
      maxes[i] = m;
      arm(i);
      emit("I switch role=" + role + " on=1 max=" + m);
      return true;
    },
    releaseAt(role: string, t: number): void {
      if (isOn(role)) {
        relAt[indexOf(role)] = t;
        arm(indexOf(role));
      }
    },
    release(role: string): void {
      if (isOn(role)) off(indexOf(role), false);
    },
    /** All pins first, then the events. */
    releaseAll(): void {
      for (let i = 0; i < roles.length; i++) pins[i].write(!high[i]);
      for (let i = 0; i < roles.length; i++) if (since[i] >= 0) off(i, false);
    },
    onList(): string {
      const l: string[] = [];
      for (let i = 0; i < roles.length; i++) if (since[i] >= 0) l.push(roles[i]);
      return l.length > 0 ? l.join(",") : "-";
    },
  };
}
