import type { AnalogPin, Clock, Drive, InputPin, OutputPin, Pull } from "../contracts";
import type { PinMode, WatchEvent, WatchOptions } from "./espruino-types";
import type { EspruinoClock } from "./clock";

declare function pinMode(pin: number, mode: PinMode): void;
declare function digitalWrite(pin: number, high: boolean): void;
declare function digitalRead(pin: number): number;
declare function analogRead(pin: number): number;
declare function setWatch(fn: (e: WatchEvent) => void, pin: number, options: WatchOptions): number;
declare function clearWatch(id: number): void;

/** Full-scale voltage of `analogRead` (0..1) on ESP32/ESP8266 Espruino builds, mV. */
const ANALOG_FULL_SCALE_MV = 3300;

/**
 * Put an output pin in its released state without a glitch: the pin is an
 * input (high impedance) while the released level is latched, and only then
 * becomes an output (push-pull or open-drain). `pinMode` marks the pin as
 * manually configured, so `digitalWrite` does not switch the mode on its own.
 * `drive` undefined is push-pull (the board's default).
 */
export function releasePin(pin: number, drive: Drive | undefined, releasedHigh: boolean): void {
  pinMode(pin, "input");
  digitalWrite(pin, releasedHigh);
  pinMode(pin, drive === "open-drain" ? "opendrain" : "output");
}

/**
 * The pins' shared state: one clock and press ceiling for the board, and one
 * `setWatch` callback for every input (`e.pin` says which). Each pin object
 * holds only its number and levels; its methods are these module functions
 * (no closure and no class per pin: each costs JsVars, docs/espruino.md).
 */
let clock: EspruinoClock | undefined = undefined;
let maxPressMs = 0;
const watchers: { [pin: number]: (high: boolean, atMs: number, pin: number) => void } = {};

interface EspruinoOutput extends OutputPin {
  pin: number;
  released: boolean;
  /** Clock handle of the backstop while the pin is not released, else 0. */
  backstop: number;
}

/**
 * Write a level; any level other than the released one is undone by the
 * backstop after `maxPressMs`, whatever the firmware above does (the core
 * has its own cap; this one holds even if the core is wedged).
 */
function outputWrite(this: EspruinoOutput, high: boolean): void {
  const c = clock as EspruinoClock;
  digitalWrite(this.pin, high);
  c.cancel(this.backstop); // handle 0 is a no-op (Clock contract)
  this.backstop = high === this.released ? 0 : c.at(c.now() + maxPressMs, releaseStuck, this);
}

/** The backstop's timer: back to the released level. */
function releaseStuck(out: EspruinoOutput): void {
  out.write(out.released);
}

/** `Platform.output`: the pin released first (with its drive), then guarded by its backstop. */
export function espruinoOutput(pin: number, drive: Drive, releasedHigh: boolean): OutputPin {
  releasePin(pin, drive, releasedHigh);
  const out: EspruinoOutput = { pin, released: releasedHigh, backstop: 0, write: outputWrite };
  return out;
}

interface EspruinoInput extends InputPin {
  pin: number;
  /** The setWatch id while listening, else 0. */
  id: number;
  /** The debounce (ms) times 4 plus the pull (0 none, 1 up, 2 down): one field, since every field of every input costs a JsVar. */
  d: number;
}

function inputRead(this: EspruinoInput): boolean {
  return digitalRead(this.pin) === 1;
}

/** The firmware's edge callback for this input (one `setWatch` callback serves them all). */
function inputWatch(this: EspruinoInput, fn: (high: boolean, atMs: number, pin: number) => void): void {
  watchers[this.pin] = fn;
}

/** setWatch's callback for every input: `e.pin` is a Pin; `+` makes it the number; an edge before the firmware watches is dropped. */
function onWatch(e: WatchEvent): void {
  const pin = +e.pin;
  const fn = watchers[pin];
  if (fn) fn(e.state, (clock as EspruinoClock).toMs(e.time), pin);
}

/**
 * `Platform.input`: watched with `setWatch` from the start (Espruino
 * debounces; `e.time` is the hardware time of the edge). On an ESP32
 * `setWatch` makes the pin an input with a PULL-UP whatever was set before
 * (targets/esp32/jshardware.c, jshPinWatch), so the pin's own mode is set
 * AFTER it (jshPinSetState changes the direction and the pull, not the edge
 * interrupt). The other way round, the RF receiver's pull-down became a
 * pull-up, and a receiver unplugged or unpowered read as transmitting: a dead
 * fob passed the bench test.
 */
export function espruinoInput(pin: number, pull: Pull, debounceMs: number): InputPin {
  const input = Object.create(INPUT_METHODS) as EspruinoInput;
  input.pin = pin;
  input.id = 0;
  input.d = debounceMs * 4 + (pull === "up" ? 1 : pull === "down" ? 2 : 0);
  input.listen(true);
  return input;
}

/** Watch the pin (its own mode set after: see above) or stop watching it; the pin keeps its mode. */
function inputListen(this: EspruinoInput, on: boolean): void {
  if (on && this.id === 0) {
    this.id = setWatch(onWatch, this.pin, { edge: "both", repeat: true, debounce: this.d >> 2 });
    const pull = this.d & 3;
    pinMode(this.pin, pull === 0 ? "input" : pull === 1 ? "input_pullup" : "input_pulldown");
  } else if (!on && this.id !== 0) {
    clearWatch(this.id);
    this.id = 0;
  }
}

/** The methods every input shares through its prototype: one set of fields for them all. */
const INPUT_METHODS = { read: inputRead, watch: inputWatch, listen: inputListen };

function analogMillivolts(this: { pin: number }): number {
  return Math.round(analogRead(this.pin) * ANALOG_FULL_SCALE_MV);
}

/** `Platform.analog`: `analogRead` is a fraction of the 3.3 V full scale. */
export function espruinoAnalog(pin: number): AnalogPin {
  return { pin, readMillivolts: analogMillivolts } as AnalogPin;
}

/** The clock and the press ceiling every pin uses (platform.ts calls it first). */
export function useForPins(boardClock: EspruinoClock, boardMaxPressMs: number): void {
  clock = boardClock;
  maxPressMs = boardMaxPressMs;
}
