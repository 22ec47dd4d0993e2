import { wiredKind, type DeviceBoard } from "../board";
import type { EspruinoE, EspruinoProcess } from "./espruino-types";
import { releasePin } from "./pins";

declare const E: EspruinoE;
declare const process: EspruinoProcess;
declare function require(module: string): any;

/** Seconds without a return to Espruino's idle loop before the watchdog resets the chip. */
const WATCHDOG_SECONDS = 5;

/** Drive every fob-button output of the board to its released level (no firmware needed; `active` missing is low: device-board.ts). */
export function releaseBoardOutputs(board: DeviceBoard): void {
  for (const p of board.pins) {
    if (wiredKind(p.role) === "output") releasePin(p.pin, p.drive, p.active !== "high");
  }
}

/**
 * Board-level safety, installed right after the boot release:
 * - `E.on("kill")`: release before `reset()`, `load()` or `save()` tears the
 *   program down. `reset()` drops every timer (the press's own release and
 *   the backstop with it) and an ESP32's `jshReset` puts only some pins back
 *   to input (targets/esp32/jshardware.c, jshPinDefaultPullup: 0, 12-15,
 *   18-19, 21-22, 25-27, 34-39), so a press on GPIO16, 17 or 23 would
 *   otherwise stay held until a power cycle;
 * - `E.on("init")`: release again whenever Espruino (re)initialises, e.g.
 *   if someone used `save()`, whose restored pin states could hold a press;
 * - the hardware watchdog, kicked automatically by Espruino's idle loop, so
 *   a script stuck in a loop resets the chip (pins float: relays released);
 * - uncaught errors (timers, watches) go to `onFault`.
 * A build without watchdog support (enableWatchdog throws) still runs.
 */
export function installSafety(boardOf: () => DeviceBoard, onFault: (e: unknown) => void): void {
  E.on("kill", () => releaseBoardOutputs(boardOf()));
  E.on("init", () => releaseBoardOutputs(boardOf()));
  process.on("uncaughtException", onFault);
  try {
    E.enableWatchdog(WATCHDOG_SECONDS, true);
  } catch (e) {
    /* a build without watchdog support still runs the firmware */
  }
}

/**
 * Close the radio consoles a stranger could use to reach the REPL (and so
 * the relays): the telnet server and the Wi-Fi access point / station, on
 * builds that have them (others throw "module not found", ignored).
 * Bluetooth on ESP32 is switched off once at flashing time
 * (`ESP32.enableBLE(false)` erases saved code and reboots, so never at boot).
 */
export function lockDownConsoles(): void {
  try {
    require("TelnetServer").setOptions({ mode: "off" });
  } catch (e) {
    /* no telnet on this build */
  }
  try {
    const wifi = require("Wifi");
    wifi.stopAP();
    wifi.disconnect();
  } catch (e) {
    /* no Wi-Fi on this build */
  }
}
