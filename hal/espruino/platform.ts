import type { Platform } from "../contracts";
import { EspruinoClock } from "./clock";
import { ConsoleLink } from "./console-link";
import { espruinoAnalog, espruinoInput, espruinoOutput } from "./pins";

/**
 * The `Platform` of an Espruino board: clock on `getTime()`/`setTimeout`,
 * the REPL console as line link (entry `fs("...")`), GPIO through
 * `pinMode`/`digitalWrite`/`setWatch`/`analogRead`.
 * `maxPressMs` is the board's ceiling, enforced again by every output pin;
 * `onFault` receives errors thrown while a command line is handled.
 */
export function espruinoPlatform(maxPressMs: number, onFault: (e: unknown) => void): Platform {
  const clock = new EspruinoClock();
  return {
    clock,
    link: new ConsoleLink(onFault),
    output: (pin, drive, releasedHigh) => espruinoOutput(pin, drive, releasedHigh, clock, maxPressMs),
    input: (pin, pull, debounceMs) => espruinoInput(pin, pull, debounceMs, clock),
    analog: (pin) => espruinoAnalog(pin),
  };
}
