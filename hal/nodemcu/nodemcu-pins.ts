import type { AnalogPin, Clock, Drive, InputPin, OutputPin, Pull } from "../contracts";
import { fault, registerOutput, runGuarded } from "./nodemcu-guard";

/**
 * NodeMCU pins for both GPIO flavours, detected at run time: ESP32
 * (`gpio.config`, `gpio.trig(pin, gpio.INTR_UP_DOWN, fn(pin, level))`) and
 * ESP8266 (`gpio.mode`, `gpio.trig(pin, "both", fn(level, when, count))`).
 * Pin limits (ESP8266: no pull-down, no interrupt on D0; ESP32: GPIO34-39
 * input only, ADC1 on GPIO32-39) are checked on the host when the board is
 * built (host/bundler/nodemcu-board-check.ts), not here.
 *
 * Heap matters on an ESP8266: each pin's state is ONE Lua array (16 bytes a
 * slot, no hash part) that is also the pin object, its methods shared
 * through a metatable; closures exist only while a press or a debounce runs.
 */

/** How long past the board's press ceiling the pin-level backstop waits before it releases. */
export const BACKSTOP_MARGIN_MS = 100;
const MARGIN = BACKSTOP_MARGIN_MS;

/** Slots of an output's state array. */
const enum Out {
  Pin,
  ReleasedHigh,
  Clock,
  MaxPressMs,
  /** Clock handle of the backstop while the output is not released, else 0. */
  Backstop,
}
type OutputState = [number, boolean, Clock, number, number];

/** Slots of an input's state array. */
const enum In {
  Pin,
  Clock,
  DebounceMs,
  /** Last raw level seen and the debounced level reported. */
  Raw,
  Reported,
  /** Clock handle of the running debounce (0 = none) and the time of the edge that started it. */
  Pending,
  EdgeAt,
  Watcher,
}
type Watcher = (high: boolean, atMs: number, pin: number) => void;
type InputState = [number, Clock, number, boolean, boolean, number, number, Watcher | undefined];

/** Write `high`; a level other than released arms the backstop, the released level disarms it. */
function outputWrite(this: OutputState, high: boolean): void {
  const s = this;
  gpio.write(s[Out.Pin], high ? 1 : 0);
  const clock = s[Out.Clock];
  if (high === s[Out.ReleasedHigh]) {
    if (s[Out.Backstop] !== 0) clock.cancel(s[Out.Backstop]);
    s[Out.Backstop] = 0;
  } else if (s[Out.Backstop] === 0) {
    s[Out.Backstop] = clock.at(clock.now() + s[Out.MaxPressMs] + MARGIN, () => {
      s[Out.Backstop] = 0;
      fault("backstop pin=" + s[Out.Pin] + " cap=" + s[Out.MaxPressMs]);
    });
  }
}

/** The debounced level. */
function inputRead(this: InputState): boolean {
  return this[In.Reported];
}

/** Add `fn` to the debounced-change watchers (a second one chains the first). */
function inputWatch(this: InputState, fn: Watcher): void {
  const before = this[In.Watcher];
  this[In.Watcher] = before === undefined ? fn : (high, atMs, pin) => {
    before(high, atMs, pin);
    fn(high, atMs, pin);
  };
}

/** A raw edge: (re)start the debounce unless the level went back to the reported one. */
function inputEdge(s: InputState, level: number): void {
  const high = level === 1;
  if (high === s[In.Raw]) return;
  s[In.Raw] = high;
  const clock = s[In.Clock];
  if (s[In.Pending] !== 0) clock.cancel(s[In.Pending]);
  s[In.Pending] = 0;
  if (high === s[In.Reported]) return;
  s[In.EdgeAt] = clock.now();
  s[In.Pending] = clock.at(s[In.EdgeAt] + s[In.DebounceMs], () => inputSettle(s));
}

/** The debounce time passed: report the level to the watcher. */
function inputSettle(s: InputState): void {
  s[In.Pending] = 0;
  if (s[In.Reported] === s[In.Raw]) return;
  s[In.Reported] = s[In.Raw];
  const w = s[In.Watcher];
  if (w !== undefined) w(s[In.Raw], s[In.EdgeAt], s[In.Pin]);
}

/** Deliver the pin's edges to the debounce (ESP32 and ESP8266 callbacks differ), or stop them at the interrupt. */
function inputListen(this: InputState, on: boolean): void {
  const s = this;
  const pin = s[In.Pin];
  if (gpio.config !== undefined) {
    if (on) gpio.trig(pin, gpio.INTR_UP_DOWN, (_pin: number, l: number) => runGuarded(inputEdge, s, l));
    else gpio.trig(pin, gpio.INTR_DISABLE);
  } else if (on) gpio.trig(pin, "both", (l: number) => runGuarded(inputEdge, s, l));
  else gpio.trig(pin, "none");
}

const OUTPUT_METHODS = { __index: { write: outputWrite } };
const INPUT_METHODS = { __index: { read: inputRead, watch: inputWatch, listen: inputListen } };

/**
 * An output. Writes the released level BEFORE the pin becomes an output (no
 * relay click at boot), and keeps an independent backstop: a level other
 * than released that lasts past `maxPressMs + BACKSTOP_MARGIN_MS` is a fault
 * (every output released, the core told), whatever the core believes.
 */
export function nodeMcuOutput(pin: number, drive: Drive, releasedHigh: boolean, clock: Clock, maxPressMs: number): OutputPin {
  const od = drive === "open-drain";
  const released = releasedHigh ? 1 : 0;
  gpio.write(pin, released);
  const config = gpio.config;
  if (config !== undefined) config({ gpio: pin, dir: gpio.OUT, opendrain: od ? 1 : 0 });
  else gpio.mode!(pin, od ? gpio.OPENDRAIN : gpio.OUTPUT);
  registerOutput(pin, released);
  const s: OutputState = [pin, releasedHigh, clock, maxPressMs, 0];
  return setmetatable(s, OUTPUT_METHODS) as unknown as OutputPin;
}

/**
 * An input, debounced like Espruino's setWatch (and the simulated bench): a
 * change is reported once the raw level has stayed for `debounceMs`, with the
 * time of the edge that started it; `read()` gives the debounced level.
 * NodeMCU queues GPIO callbacks, so an edge's time is when its Lua callback
 * ran (well under the debounce times used).
 */
export function nodeMcuInput(pin: number, pull: Pull, debounceMs: number, clock: Clock): InputPin {
  const config = gpio.config;
  if (config !== undefined) config({ gpio: pin, dir: gpio.IN, pull: pull === "up" ? gpio.PULL_UP : pull === "down" ? gpio.PULL_DOWN : gpio.FLOATING });
  else gpio.mode!(pin, gpio.INT, pull === "up" ? gpio.PULLUP : gpio.FLOAT);
  const level = gpio.read(pin) === 1;
  const s: InputState = [pin, clock, debounceMs, level, level, 0, 0, undefined];
  const input = setmetatable(s, INPUT_METHODS) as unknown as InputPin;
  input.listen(true);
  return input;
}

/**
 * An analog input in millivolts (`adc` module): ESP32 ADC1 at 11 dB, 12 bits
 * over 3300 mV (GPIO36..39 are channels 0..3, GPIO32..35 channels 4..7);
 * ESP8266 A0, 1024 over 1000 mV. Fails at boot when the NodeMCU build has no
 * `adc` module, so a board with battery roles never fails mid-test.
 */
export function nodeMcuAnalog(pin: number): AnalogPin {
  const a = adc;
  if (a === undefined) error("fobsync: no adc module");
  const unit = a.ADC1;
  const setup = a.setup;
  if (unit === undefined || setup === undefined) return { readMillivolts: (): number => Math.floor((a.read(0) * 1000) / 1024) };
  const channel = pin >= 36 ? pin - 36 : pin - 28;
  setup(unit, channel, a.ATTEN_11db as number);
  return { readMillivolts: (): number => Math.floor((a.read(unit, channel) * 3300) / 4095) };
}
