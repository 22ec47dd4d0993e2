import type { AnalogPin, InputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { wiredKind } from "../hal/board-device";
import { emit } from "./event-log";
import type { OnError } from "./guard";
import { isSwitch } from "./switch-bank";

/**
 * The board's inputs (ignition, door, lock feedback, RF receiver) and the
 * fobs' battery ADCs, by role, with their polarity from the board.
 * Debounced edges are reported as `input` lines and passed to the sequencer;
 * RF edges only while a procedure runs or just after a bench press, since a
 * receiver's noise would flood the link. One function watches every input.
 */
const roles: string[] = [];
const pins: InputPin[] = [];
const pinNumbers: number[] = [];
const activeHigh: boolean[] = [];
const debounces: number[] = [];
const analogRoles: string[] = [];
const analogs: AnalogPin[] = [];
const analogScales: number[] = [];

/** RF edges are reported until then (device ms): a bench press sets it. */
let rfReportedUntil = -1;

/**
 * Who hears about edges: the sequencer.
 * @noSelf (Lua: plain functions, no hidden `self`)
 */
export interface InputListener {
  /** Is a procedure running (RF edges are reported only then)? */
  running(): boolean;
  onInput(role: string, on: boolean, at: number): void;
  onError: OnError;
}
let listener: InputListener | undefined = undefined;

/** Set up every input and ADC of `board`; edges go to `to` from now on. */
export function startInputs(platform: Platform, board: DeviceBoard, to: InputListener): void {
  listener = to;
  for (const p of board.pins) {
    const kind = wiredKind(p.role);
    if (kind === "input") {
      roles.push(p.role);
      pins.push(platform.input(p.pin, p.pull || "none", p.debounceMs || 0));
      pinNumbers.push(p.pin);
      activeHigh.push(p.active === "high");
      debounces.push(p.debounceMs || 0);
    }
    if (kind === "analog") {
      analogRoles.push(p.role);
      analogs.push(platform.analog(p.pin));
      analogScales.push(p.scale || 1000);
    }
  }
  for (const pin of pins) pin.watch(onEdge);
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
  return i >= 0 && pins[i].read() === activeHigh[i];
}

/** The debounce time of `role`, 0 when not wired. */
export function debounceOf(role: string): number {
  const i = roles.indexOf(role);
  return i >= 0 ? debounces[i] : 0;
}

/** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
export function batteryMv(fob: number): number {
  const i = analogRoles.indexOf("fob" + fob + ".battery");
  return i >= 0 ? Math.floor((analogs[i].readMillivolts() * analogScales[i]) / 1000) : -1;
}

/** Report RF edges until `until` (device ms): the host's fob test listens after a bench press. */
export function reportRfUntil(until: number): void {
  rfReportedUntil = until;
}

function onEdge(high: boolean, at: number, pin: number): void {
  const to = listener as InputListener;
  try {
    const i = pinNumbers.indexOf(pin);
    const on = high === activeHigh[i];
    if (roles[i] !== "rf" || to.running() || at <= rfReportedUntil) emit("I input role=" + roles[i] + " on=" + (on ? 1 : 0) + " at=" + at);
    to.onInput(roles[i], on, at);
  } catch (e) {
    to.onError(e);
  }
}
