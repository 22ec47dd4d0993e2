import type { Clock, OutputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { wiredKind } from "../hal/board-device";
import { emit } from "./event-log";
import type { OnError } from "./guard";

/**
 * Every fob-button switch of the board.
 *
 * SAFETY: creates every switch released. `pressSwitch(role, max)` turns a
 * switch on AND arms an independent cap that releases it at press + max
 * whatever the sequencer does (a `cap` E event says so). `max` is clamped to
 * the board's `maxPressMs`. Polarity (`active`) is declared once in the board
 * and hidden here. Each switch has one timer, armed at its next due time (a
 * bench release or the cap, whichever comes first); one function serves every
 * switch's timer, with the switch's index as its argument.
 */
const roles: string[] = [];
const pins: OutputPin[] = [];
const activeHigh: boolean[] = [];
/** Press start of a switch that is on, else -1. */
const pressedAt: number[] = [];
const capMs: number[] = [];
/** A bench press's release time, else 0. */
const releaseAtMs: number[] = [];
const timers: number[] = [];
let clock: Clock | undefined = undefined;
let maxPressMs = 0;
let onError: OnError | undefined = undefined;

/** Create every switch of `board`, released. */
export function startSwitchBank(platform: Platform, board: DeviceBoard, errors: OnError): void {
  clock = platform.clock;
  maxPressMs = board.maxPressMs;
  onError = errors;
  for (const p of board.pins) {
    if (wiredKind(p.role) === "output") {
      const high = p.active === "high";
      const pin = platform.output(p.pin, p.drive || "push-pull", !high);
      pin.write(!high);
      roles.push(p.role);
      pins.push(pin);
      activeHigh.push(high);
      pressedAt.push(-1);
      capMs.push(0);
      releaseAtMs.push(0);
      timers.push(0);
    }
  }
}

/** Press `role` now for at most `max` whole ms (clamped to the board's maxPressMs). False when not wired or already on. */
export function pressSwitch(role: string, max: number): boolean {
  const i = roles.indexOf(role);
  if (i < 0 || pressedAt[i] >= 0) return false;
  const m = Math.min(max, maxPressMs);
  pins[i].write(activeHigh[i]);
  pressedAt[i] = (clock as Clock).now();
  capMs[i] = m;
  arm(i);
  emit("I switch role=" + role + " on=1 max=" + m);
  return true;
}

/**
 * Release `role` `ms` after it went on (a bench press), unless it is released
 * before: from the press itself, so a slow pin write does not shorten it.
 */
export function releaseSwitchAfter(role: string, ms: number): void {
  const i = roles.indexOf(role);
  if (i < 0 || pressedAt[i] < 0) return;
  releaseAtMs[i] = pressedAt[i] + ms;
  arm(i);
}

/** Release `role` if it is on. */
export function releaseSwitch(role: string): void {
  const i = roles.indexOf(role);
  if (i >= 0 && pressedAt[i] >= 0) off(i, false);
}

/** Every switch off now: all pins first, then the events. */
export function releaseAllSwitches(): void {
  for (let i = 0; i < roles.length; i++) pins[i].write(!activeHigh[i]);
  for (let i = 0; i < roles.length; i++) if (pressedAt[i] >= 0) off(i, false);
}

/** Is `role` one of the board's switches? */
export function isSwitch(role: string): boolean {
  return roles.indexOf(role) >= 0;
}

/** Roles switched on, comma separated, or "-". */
export function switchesOn(): string {
  const on: string[] = [];
  for (let i = 0; i < roles.length; i++) if (pressedAt[i] >= 0) on.push(roles[i]);
  return on.length > 0 ? on.join(",") : "-";
}

/** Switch `i`'s timer: a bench release, or the cap. */
function timerDue(i: number): void {
  try {
    timers[i] = 0;
    const rel = releaseAtMs[i];
    if (pressedAt[i] >= 0) off(i, rel < 1 || rel > pressedAt[i] + capMs[i]);
  } catch (e) {
    (onError as OnError)(e);
  }
}

/** (Re)arm switch `i`'s timer at its next due time: bench release or cap, whichever is first (cancelling handle 0 is a no-op: Clock contract). */
function arm(i: number): void {
  const c = clock as Clock;
  c.cancel(timers[i]);
  const cap = pressedAt[i] + capMs[i];
  const rel = releaseAtMs[i];
  timers[i] = c.at(rel > 0 && rel <= cap ? rel : cap, timerDue, i);
}

/** Release switch `i` (its pin, its timer) and say so: `cap` when the cap did it. */
function off(i: number, cap: boolean): void {
  const c = clock as Clock;
  pins[i].write(!activeHigh[i]);
  const held = c.now() - pressedAt[i];
  pressedAt[i] = -1;
  releaseAtMs[i] = 0;
  c.cancel(timers[i]);
  timers[i] = 0;
  emit(cap ? "E cap role=" + roles[i] + " held=" + held + " max=" + capMs[i] : "I switch role=" + roles[i] + " on=0 held=" + held);
}
