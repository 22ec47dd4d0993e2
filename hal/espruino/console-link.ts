import type { LineLink } from "../contracts";
import type { EspruinoGlobal } from "./espruino-types";

declare function print(text: string): void;
declare const global: EspruinoGlobal;

/**
 * The line link on Espruino's console (USB or Serial1, whichever the REPL is on).
 *
 * Commands arrive through the global entry function `fs("<command line>")`
 * typed at (or sent to) the REPL. The console stays the interpreter's REPL,
 * so uploading, `reset()` and debugging keep working; no `E.setConsole`
 * switching that could lock a user out of their board. Event lines are
 * printed on the same console; the host tells them apart by their `@`.
 *
 * The handler is the core's `handleLine`, which catches its own errors: an
 * error while handling a line releases every switch and is logged as a
 * `fault` line, never the REPL's "Uncaught" message. `fs(5)` is handled as
 * the line "5".
 */
let handler: ((line: string) => void) | undefined = undefined;

function write(line: string): void {
  print(line);
}

function onLine(fn: (line: string) => void): void {
  handler = fn;
  global.fs = entry;
}

/** The REPL entry `fs(...)`. */
function entry(line: string): void {
  (handler as (line: string) => void)("" + line);
}

export function consoleLink(): LineLink {
  return { write, onLine };
}
