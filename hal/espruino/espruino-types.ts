/**
 * Types of the Espruino globals the adapters use (type-only: nothing here
 * exists at run time). Each adapter file declares the globals it names with
 * these types, so no Espruino name leaks into the rest of the project.
 */

/** The event `setWatch` passes to its callback. */
export interface WatchEvent {
  /** Pin level after the change (debounced). */
  state: boolean;
  /** Hardware time of the edge, seconds (same base as `getTime()`). */
  time: number;
  /** The watched pin (a Pin on a board; `+e.pin` is its number). */
  pin: number;
}

export interface WatchOptions {
  edge: "rising" | "falling" | "both";
  repeat: boolean;
  debounce: number;
}

export type PinMode = "input" | "input_pullup" | "input_pulldown" | "output" | "opendrain";

/** The parts of Espruino's `E` object fobsync uses. */
export interface EspruinoE {
  on(event: "init" | "kill", fn: () => void): void;
  enableWatchdog(timeoutSeconds: number, isAuto: boolean): void;
}

/** Espruino's `process` (only the uncaught-error event). */
export interface EspruinoProcess {
  on(event: "uncaughtException", fn: (e: unknown) => void): void;
}

/** Espruino's `global`: where the REPL entry function `fs` lives. */
export interface EspruinoGlobal {
  fs?: (line: string) => void;
}
