import type { Platform } from "../contracts";
import { espruinoClock } from "./clock";
import { consoleLink } from "./console-link";
import { espruinoAnalog, espruinoInput, espruinoOutput } from "./pins";

/**
 * The `Platform` of an Espruino board: clock on `getTime()`/`setTimeout`,
 * the REPL console as line link (entry `fs("...")`), GPIO through
 * `pinMode`/`digitalWrite`/`setWatch`/`analogRead`.
 * `maxPressMs` is the board's ceiling, enforced again by every output pin;
 * `onFault` receives errors thrown while a command line is handled.
 */
export function espruinoPlatform(maxPressMs: number, onFault: (e: unknown) => void): Platform {
  const clock = espruinoClock();
  return {
    clock: clock,
    link: consoleLink(onFault),
    output: (pin, drive, releasedHigh) => espruinoOutput(pin, drive, releasedHigh, clock, maxPressMs),
    input: (pin, pull, debounceMs) => espruinoInput(pin, pull, debounceMs, clock),
    analog: espruinoAnalog,
  };
}
