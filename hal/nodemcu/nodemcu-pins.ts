import type { AnalogPin, Clock, Drive, InputPin, OutputPin, Pull } from "../contracts";
import { fault, registerOutput, runGuarded } from "./nodemcu-guard";

/**
 * NodeMCU pins for both GPIO flavours, detected at run time: ESP32
 * (`gpio.config`, `gpio.trig(pin, gpio.INTR_UP_DOWN, fn(pin, level))`) and
 * ESP8266 (`gpio.mode`, `gpio.trig(pin, "both", fn(level, when, count))`).
 * Pin limits (ESP8266: no pull-down, no interrupt on D0; ESP32: GPIO34-39
 * input only, ADC1 on GPIO32-39) are checked on the host when the board is
 * built (host/build/nodemcu-board-check.ts), not here.
 */

/** How long past the board's press ceiling the pin-level backstop waits before it releases. */
export const BACKSTOP_MARGIN_MS = 100;

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
  else gpioMode()(pin, od ? gpio.OPENDRAIN : gpio.OUTPUT);
  registerOutput(pin, released);
  let backstop = 0;
  const expire = (): void => {
    backstop = 0;
    fault("backstop pin=" + pin + " cap=" + maxPressMs);
  };
  return {
    write: (high: boolean): void => {
      gpio.write(pin, high ? 1 : 0);
      if (high === releasedHigh) {
        if (backstop !== 0) clock.cancel(backstop);
        backstop = 0;
      } else if (backstop === 0) backstop = clock.at(clock.now() + maxPressMs + BACKSTOP_MARGIN_MS, expire);
    },
  };
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
  const esp32 = config !== undefined;
  if (config !== undefined) config({ gpio: pin, dir: gpio.IN, pull: pull === "up" ? gpio.PULL_UP : pull === "down" ? gpio.PULL_DOWN : gpio.FLOATING });
  else gpioMode()(pin, gpio.INT, pull === "up" ? gpio.PULLUP : gpio.FLOAT);
  let raw = gpio.read(pin) === 1;
  let reported = raw;
  let pending = 0;
  let edgeAt = 0;
  const watchers: ((high: boolean, atMs: number) => void)[] = [];

  const settle = (): void => {
    pending = 0;
    if (reported === raw) return;
    reported = raw;
    for (const w of watchers) w(raw, edgeAt);
  };
  /** A raw edge: (re)start the debounce unless the level went back to the reported one. */
  const edge = (level: number): void => {
    const high = level === 1;
    if (high === raw) return;
    raw = high;
    if (pending !== 0) clock.cancel(pending);
    pending = 0;
    if (high === reported) return;
    edgeAt = clock.now();
    pending = clock.at(edgeAt + debounceMs, settle);
  };
  if (esp32) gpio.trig(pin, gpio.INTR_UP_DOWN, (_pin: number, level: number) => runGuarded(edge, level));
  else gpio.trig(pin, "both", (level: number) => runGuarded(edge, level));

  return {
    read: (): boolean => reported,
    watch: (fn: (high: boolean, atMs: number) => void): void => {
      watchers[watchers.length] = fn;
    },
  };
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

/** The ESP8266 flavour's `gpio.mode` (a NodeMCU build without it has no usable GPIO). */
function gpioMode(): NonNullable<typeof gpio.mode> {
  const mode = gpio.mode;
  if (mode === undefined) error("fobsync: no gpio.config or gpio.mode");
  return mode;
}
