import type { Platform } from "../contracts";
import { espruinoClock } from "./clock";
import { consoleLink } from "./console-link";
import { espruinoFiles } from "./files";
import { espruinoAnalog, espruinoInput, espruinoOutput, useForPins } from "./pins";

/**
 * The `Platform` of an Espruino board: clock on `getTime()`/`setTimeout`,
 * the REPL console as line link (entry `fs("...")`), Storage as the file
 * store (hal/espruino/files.ts), GPIO through
 * `pinMode`/`digitalWrite`/`setWatch`/`analogRead`.
 * `maxPressMs` is the board's ceiling, enforced again by every output pin.
 */
export function espruinoPlatform(maxPressMs: number): Platform {
  const clock = espruinoClock();
  useForPins(clock, maxPressMs);
  return { clock: clock, link: consoleLink(), files: espruinoFiles(), output: espruinoOutput, input: espruinoInput, analog: espruinoAnalog };
}
