/** @noSelfInFile */

/**
 * Declarations for the parts of the NodeMCU (Lua) firmware API that fobsync
 * uses, for typescript-to-lua. Only `hal/nodemcu/` and
 * `firmware/targets/nodemcu.ts` may use them.
 *
 * Two GPIO flavours exist and the adapters support both, chosen at run time:
 *   - ESP32 (dev-esp32 branch): `gpio.config({...})`, `gpio.trig(pin, gpio.INTR_UP_DOWN, fn(pin, level))`,
 *     `node.uptime()` (microseconds since boot), `adc.read(adc.ADC1, channel)`.
 *   - ESP8266 (release branch): `gpio.mode(pin, mode, pull)`, `gpio.trig(pin, "both", fn(level, when, count))`,
 *     `tmr.now()` (microseconds, wraps at 2^31), `adc.read(0)`.
 * Everything optional below is missing from one of the flavours.
 */

/** Lua's `print`: NodeMCU writes it to the console UART, followed by "\n". */
declare function print(...args: unknown[]): void;
/** Lua's `error`: raise `message` as a Lua error. */
declare function error(message: string): never;
/** Lua's `tostring`. */
declare function tostring(value: unknown): string;
/** Lua's `setmetatable`: returns `table`. */
declare function setmetatable<T extends object>(table: T, metatable: object): T;

/** The Lua globals table: the console entry `fs` is installed here. */
declare const _G: { [name: string]: unknown };

/** A single configuration table for ESP32 `gpio.config`. */
interface NodeMcuGpioConfig {
  gpio: number;
  dir: number;
  opendrain?: number;
  pull?: number;
}

declare namespace gpio {
  // both flavours
  const HIGH: number;
  const LOW: number;
  function write(pin: number, level: number): void;
  function read(pin: number): number;
  /** ESP8266: "both" + fn(level, when, count), "none" to stop; ESP32: gpio.INTR_UP_DOWN + fn(pin, level), gpio.INTR_DISABLE to stop. */
  function trig(pin: number, type: string | number, fn?: (a: number, b: number) => void): void;

  // ESP32
  const config: ((cfg: NodeMcuGpioConfig) => void) | undefined;
  const IN: number;
  const OUT: number;
  const FLOATING: number;
  const PULL_UP: number;
  const PULL_DOWN: number;
  const INTR_UP_DOWN: number;
  const INTR_DISABLE: number;

  // ESP8266
  const mode: ((pin: number, mode: number, pull?: number) => void) | undefined;
  const OUTPUT: number;
  const OPENDRAIN: number;
  const INT: number;
  const INPUT: number;
  const PULLUP: number;
  const FLOAT: number;
}

/** A dynamic timer object from `tmr.create()`. Methods are called with `:`. */
interface NodeMcuTimer {
  alarm(this: NodeMcuTimer, intervalMs: number, mode: number, fn: (this: void) => void): boolean;
  unregister(this: NodeMcuTimer): void;
}

declare namespace tmr {
  const ALARM_SINGLE: number;
  function create(): NodeMcuTimer;
  /** ESP8266: system counter in microseconds, wraps at 2^31. */
  const now: (() => number) | undefined;
}

declare namespace node {
  function restart(): void;
  function heap(): number;
  /** Microseconds since boot (the first return value; ESP8266 3.x also returns a high word). */
  const uptime: (() => number) | undefined;
  namespace task {
    /** Run `fn` from the task queue as soon as possible (a zero-delay timer: `tmr` alarms need >= 1 ms). */
    function post(fn: () => void): void;
  }
}

/** The `file` module (SPIFFS/LFS file system), the parts the file store uses. */
declare namespace file {
  /** Every file, name to size. */
  function list(): { [name: string]: number };
  /** A whole file's contents, or nil when there is no such file. */
  function getcontents(name: string): string | undefined;
}

/** The `adc` module: optional in a NodeMCU build (only fob battery roles need it). */
interface NodeMcuAdc {
  /** ESP32 only: the ADC unit constant, and the attenuation that gives about 0..3.3 V. */
  ADC1?: number;
  ATTEN_11db?: number;
  /** ESP32 only: configure a channel before reading it. */
  setup?: (this: void, unit: number, channel: number, atten: number) => void;
  /** ESP32: `read(adc.ADC1, channel)` 12-bit; ESP8266: `read(0)` 10-bit (0..1024 for 0..1 V). */
  read(this: void, unitOrChannel: number, channel?: number): number;
}
declare const adc: NodeMcuAdc | undefined;

/** The `wifi` module: optional in a NodeMCU build; `getmode()` is `NULLMODE` with the radio off (both chips). */
interface NodeMcuWifi {
  getmode(): number;
  NULLMODE: number;
}
declare const wifi: NodeMcuWifi | undefined;
