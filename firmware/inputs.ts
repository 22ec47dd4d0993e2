import type { AnalogPin, Clock, InputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { wiredKind } from "../hal/board-device";
import { emit } from "./event-log";
import type { OnError } from "./guard";
import { isSwitch } from "./switch-bank";

/**
 * The board's inputs (ignition, door, lock feedback, RF receiver) and the
 * fobs' battery ADCs, by role, with their polarity from the board.
 * Debounced edges are reported as `input` lines and passed to the sequencer.
 * The RF receiver is heard only while the host's bench test listens (a press
 * and the few seconds after it): a receiver's noise would flood the link,
 * and on an ESP32 a noisy line that keeps a debounce timer always due within
 * the 10 ms tick stops Espruino from sleeping, so the task watchdog restarts
 * the chip (docs/espruino.md section 8, point 4); off, its edge interrupt is
 * off too. No recipe waits on RF. One function watches every input.
 */
const roles: string[] = [];
const pins: InputPin[] = [];
/**
 * Each input's pin, polarity and debounce in one number: pin + 64 x (1 when
 * active high) + 128 x debounce ms. One array, not three: every element
 * costs a JsVar on Espruino.
 */
const wiring: number[] = [];
const analogRoles: string[] = [];
const analogs: AnalogPin[] = [];
const analogScales: number[] = [];

let clock: Clock | undefined = undefined;
/** The clock handle that stops listening to the RF receiver, 0 when it is not heard. */
let rfStop = 0;

/**
 * Who hears about edges: the sequencer.
 * @noSelf (Lua: plain functions, no hidden `self`)
 */
export interface InputListener {
  onInput(role: string, on: boolean, at: number): void;
  onError: OnError;
}
let listener: InputListener | undefined = undefined;

/** Set up every input and ADC of `board`; edges go to `to` from now on. */
export function startInputs(platform: Platform, board: DeviceBoard, to: InputListener): void {
  listener = to;
  clock = platform.clock;
  for (const p of board.pins) {
    const kind = wiredKind(p.role);
    if (kind === "input") {
      roles.push(p.role);
      pins.push(platform.input(p.pin, p.pull || "none", p.debounceMs || 0));
      wiring.push(p.pin + (p.active === "high" ? 64 : 0) + 128 * (p.debounceMs || 0));
    }
    if (kind === "analog") {
      analogRoles.push(p.role);
      analogs.push(platform.analog(p.pin));
      analogScales.push(p.scale || 1000);
    }
  }
  for (const pin of pins) pin.watch(onEdge);
  const rf = roles.indexOf("rf");
  if (rf >= 0) pins[rf].listen(false);
}

/** Is `role` wired (any kind: a switch, an input or an ADC)? */
export function isWired(role: string): boolean {
  return roles.indexOf(role) >= 0 || analogRoles.indexOf(role) >= 0 || isSwitch(role);
}

/** The first wired role of a list, or "". */
export function firstWired(list: string[]): string {
  for (const r of list) if (isWired(r)) return r;
  return "";
}

/** Is input `role` active now (polarity from the board)? False when not wired. */
export function isActive(role: string): boolean {
  const i = roles.indexOf(role);
  return i >= 0 && pins[i].read() === (Math.floor(wiring[i] / 64) % 2 === 1);
}

/** The debounce time of `role`, 0 when not wired. */
export function debounceOf(role: string): number {
  const i = roles.indexOf(role);
  return i >= 0 ? Math.floor(wiring[i] / 128) : 0;
}

/**
 * Report fob `fob`'s cell, read now (its button held): mV at the pin x the
 * divider's scale / 1000, then x the board's own calibration `gain`
 * (thousandths, 0: none), with the scale and gain the host needs to say how
 * far the reading can be trusted. Nothing when no cell input is wired.
 */
export function reportBattery(fob: number, gain: number): void {
  const i = analogRoles.indexOf("fob" + fob + ".battery");
  if (i < 0) return;
  const mv = Math.floor((analogs[i].readMillivolts() * analogScales[i]) / 1000);
  emit("I battery fob=" + fob + " mv=" + (gain > 0 ? Math.floor((mv * gain) / 1000) : mv) + " scale=" + analogScales[i] + " gain=" + gain);
}

/** Hear the RF receiver until `until` (device ms): the host's fob test listens during and after a bench press. */
export function listenRfUntil(until: number): void {
  const rf = roles.indexOf("rf");
  if (rf < 0) return;
  const c = clock as Clock;
  pins[rf].listen(true);
  c.cancel(rfStop);
  rfStop = c.at(until, stopRf);
}

function stopRf(): void {
  rfStop = 0;
  pins[roles.indexOf("rf")].listen(false);
}

function onEdge(high: boolean, at: number, pin: number): void {
  const to = listener as InputListener;
  try {
    let i = 0;
    while (i < wiring.length && wiring[i] % 64 !== pin) i++;
    if (i === wiring.length) return; // not an input of the board's
    const on = high === (Math.floor(wiring[i] / 64) % 2 === 1);
    emit("I input role=" + roles[i] + " on=" + (on ? 1 : 0) + " at=" + at);
    to.onInput(roles[i], on, at);
  } catch (e) {
    to.onError(e);
  }
}
