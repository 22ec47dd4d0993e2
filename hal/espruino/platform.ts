import type { Platform } from "../contracts";
import { espruinoClock } from "./clock";
import { consoleLink } from "./console-link";
import { espruinoAnalog, espruinoInputs, espruinoOutputs } from "./pins";

/**
 * The `Platform` of an Espruino board: clock on `getTime()`/`setTimeout`,
 * the REPL console as line link (entry `fs("...")`), GPIO through
 * `pinMode`/`digitalWrite`/`setWatch`/`analogRead`.
 * `maxPressMs` is the board's ceiling, enforced again by every output pin.
 */
export function espruinoPlatform(maxPressMs: number): Platform {
  const clock = espruinoClock();
  return {
    clock: clock,
    link: consoleLink(),
    output: espruinoOutputs(clock, maxPressMs),
    input: espruinoInputs(clock),
    analog: espruinoAnalog,
  };
}
