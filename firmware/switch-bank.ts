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
 *
 * RAM: an array entry costs a JsVar, so a switch gets its press state (start,
 * cap, bench release, timer) at its first press, not at boot: a board whose
 * switches wait for a session keeps none. `activeHigh` holds only the
 * active-high switches (active low is the default).
 */
const roles: string[] = [];
const pins: OutputPin[] = [];
const activeHigh: (true | undefined)[] = [];
/** Press start of a switch that is on, else -1 (no entry before its first press). */
const pressedAt: (number | undefined)[] = [];
const capMs: number[] = [];
/** A bench press's release time, else 0 (no entry before its first bench press). */
const releaseAtMs: (number | undefined)[] = [];
const timers: (number | undefined)[] = [];
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
      if (high) activeHigh[roles.length] = true;
      roles.push(p.role);
      pins.push(pin);
    }
  }
}

/** Press `role` now for at most `max` whole ms (clamped to the board's maxPressMs). False when not wired or already on. */
export function pressSwitch(role: string, max: number): boolean {
  const i = roles.indexOf(role);
  if (i < 0 || isOn(i)) return false;
  const m = Math.min(max, maxPressMs);
  pins[i].write(activeHigh[i] === true);
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
  if (i < 0 || !isOn(i)) return;
  releaseAtMs[i] = (pressedAt[i] as number) + ms;
  arm(i);
}

/** Release `role` if it is on. */
export function releaseSwitch(role: string): void {
  const i = roles.indexOf(role);
  if (i >= 0 && isOn(i)) off(i, false);
}

/** Every switch off now: all pins first, then the events. */
export function releaseAllSwitches(): void {
  for (let i = 0; i < roles.length; i++) pins[i].write(activeHigh[i] !== true);
  for (let i = 0; i < roles.length; i++) if (isOn(i)) off(i, false);
}

/** Is `role` one of the board's switches? */
export function isSwitch(role: string): boolean {
  return roles.indexOf(role) >= 0;
}

/** Roles switched on, comma separated, or "-". */
export function switchesOn(): string {
  const on: string[] = [];
  for (let i = 0; i < roles.length; i++) if (isOn(i)) on.push(roles[i]);
  return on.length > 0 ? on.join(",") : "-";
}

function isOn(i: number): boolean {
  return (pressedAt[i] ?? -1) >= 0;
}

/** Switch `i`'s timer: a bench release, or the cap. */
function timerDue(i: number): void {
  try {
    timers[i] = 0;
    const rel = releaseAtMs[i] ?? 0;
    if (isOn(i)) off(i, rel < 1 || rel > (pressedAt[i] as number) + capMs[i]);
  } catch (e) {
    (onError as OnError)(e);
  }
}

/** (Re)arm switch `i`'s timer at its next due time: bench release or cap, whichever is first (cancelling handle 0 is a no-op: Clock contract). */
function arm(i: number): void {
  const c = clock as Clock;
  c.cancel(timers[i] ?? 0);
  const cap = (pressedAt[i] as number) + capMs[i];
  const rel = releaseAtMs[i] ?? 0;
  timers[i] = c.at(rel > 0 && rel <= cap ? rel : cap, timerDue, i);
}

/** Release switch `i` (its pin, its timer) and say so: `cap` when the cap did it. */
function off(i: number, cap: boolean): void {
  const c = clock as Clock;
  pins[i].write(activeHigh[i] !== true);
  const held = c.now() - (pressedAt[i] as number);
  pressedAt[i] = -1;
  if (releaseAtMs[i]) releaseAtMs[i] = 0;
  c.cancel(timers[i] ?? 0);
  timers[i] = 0;
  emit(cap ? "E cap role=" + roles[i] + " held=" + held + " max=" + capMs[i] : "I switch role=" + roles[i] + " on=0 held=" + held);
}
