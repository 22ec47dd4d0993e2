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
 * An error thrown while handling a line goes to `onFault` (switches released,
 * error logged) instead of the REPL's "Uncaught" message.
 */
export function consoleLink(onFault: (e: unknown) => void): LineLink {
  return {
    write: (line: string) => print(line),
    onLine(fn: (line: string) => void): void {
      global.fs = (line) => {
        try {
          fn("" + line);
        } catch (e) {
          onFault(e);
        }
      };
    },
  };
}
