/**
 * HAL contracts: the only door between the firmware core and hardware.
 *
 * No platform names here. Each target (Espruino, NodeMCU, the simulated bench)
 * implements `Platform` in its composition root; the core speaks in roles and
 * logical on/off (firmware/switch-bank.ts, firmware/inputs.ts).
 *
 * Time is integer milliseconds since boot. Written in the subset that both
 * Espruino and typescript-to-lua accept (see shared/espruino-dialect.md).
 */

/** Time source and scheduler. Schedules at ABSOLUTE times so errors do not add up. */
export interface Clock {
  /** Milliseconds since boot, integer. */
  now(): number;
  /**
   * Run `fn(arg)` at absolute time `atMs` (never earlier). Returns a handle > 0.
   * `arg` lets one function serve many timers (no closure per timer).
   */
  at<A>(atMs: number, fn: (arg: A) => void, arg?: A): number;
  /** Cancel a scheduled call; unknown or already-fired handles are ignored. */
  cancel(handle: number): void;
}

/** A digital output, electrical level. */
export interface OutputPin {
  write(high: boolean): void;
}

/** A digital input, electrical level, debounced by the platform. */
export interface InputPin {
  read(): boolean;
  /**
   * Called on every debounced change; `atMs` is the hardware time of the edge,
   * `pin` the pin's number, so one function can watch every input.
   */
  watch(fn: (high: boolean, atMs: number, pin: number) => void): void;
  /**
   * Edges are heard (the chip's edge interrupt on) only while listening; an
   * input listens from the start. Off, a noisy line costs the CPU nothing:
   * on an ESP32 a line that keeps a debounce timer due within the 10 ms
   * FreeRTOS tick keeps Espruino from ever sleeping, and the task watchdog
   * then restarts the chip (docs/espruino.md section 8, point 4).
   */
  listen(on: boolean): void;
}

/** An analog input. */
export interface AnalogPin {
  /** Millivolts at the pin. */
  readMillivolts(): number;
}

/** The console: one line per call, without the line terminator. */
export interface LineLink {
  write(line: string): void;
  onLine(fn: (line: string) => void): void;
}

/**
 * Files in the board's own flash (Espruino Storage, the NodeMCU file system).
 * Recipes are installed there, one file each, and read when a command needs
 * them, so they cost no RAM until then.
 */
export interface FileStore {
  /** The names of the files that start with `prefix`, without the prefix. */
  list(prefix: string): string[];
  /** A file's text, or undefined when there is none. */
  read(name: string): string | undefined;
}

export type Drive = "push-pull" | "open-drain";
export type Pull = "up" | "down" | "none";

/**
 * What a target provides. `output` must drive `releasedHigh` BEFORE the pin
 * becomes an output, so a relay never clicks at power-up.
 */
export interface Platform {
  clock: Clock;
  link: LineLink;
  files: FileStore;
  /**
   * The radios the chip keeps on, each a console anyone in range can reach:
   * "wifi", "ble", "wifi+ble" or "off"; "-" when the platform cannot tell.
   * Read once at boot (an ESP32 keeps them in NVS, on until switched off).
   */
  radios: string;
  output(pin: number, drive: Drive, releasedHigh: boolean): OutputPin;
  input(pin: number, pull: Pull, debounceMs: number): InputPin;
  analog(pin: number): AnalogPin;
}
