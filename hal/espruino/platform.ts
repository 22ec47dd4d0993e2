import type { Platform } from "../contracts";
import { espruinoClock } from "./clock";
import { consoleLink } from "./console-link";
import { espruinoFiles } from "./files";
/** Espruino's ESP32 class, on ESP32 builds only. */
declare const ESP32: { getState(): { Wifi: boolean; BLE: boolean } };

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
  // ESP32.getState() reads the radios' NVS flags: what the chip turns on after boot, whatever the code does
  let radios = "-";
  if (typeof ESP32 !== "undefined") {
    const state = ESP32.getState();
    radios = state.Wifi ? (state.BLE ? "wifi+ble" : "wifi") : state.BLE ? "ble" : "off";
  }
  return { clock: clock, link: consoleLink(), files: espruinoFiles(), radios, output: espruinoOutput, input: espruinoInput, analog: espruinoAnalog };
}
