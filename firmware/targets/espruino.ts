import type { DeviceBoard } from "../../hal/board";
import { espruinoPlatform } from "../../hal/espruino/platform";
import { installSafety, lockDownConsoles, releaseBoardOutputs } from "../../hal/espruino/safety";
import { startFirmware, type BuildInfo, type Firmware } from "../firmware";
import { errorText } from "../guard";

/**
 * Composition root of the Espruino target, bundled by host/bundler/espruino-build.ts
 * into `dist/espruino/fobsync.js` and stored as `.bootcde`, so it runs at
 * every boot. The build injects the board and the build info; the recipes
 * are Storage files of their own (`fr.<name>`), written by `fobsync flash`
 * and `fobsync recipes install`, read only when a command needs one.
 *
 * Boot order: every fob-button output released (before anything else), then
 * safety (E.on("init") release, uncaught-error handler, watchdog), the radio
 * consoles closed, then the core, whose `boot` line ends the boot. After
 * that, commands arrive through the REPL entry `fs("<command line>")`.
 * An error that escapes the core releases every switch and is logged as a
 * `fault` line by the core (or, before the core runs, released here).
 */

/** The board as JSON text: esbuild would hoist an object literal into a variable that holds it for good. */
declare const __FOBSYNC_BOARD_JSON__: string;
declare const __FOBSYNC_INFO__: BuildInfo;
declare function print(text: string): void;

let firmware: Firmware | undefined;

/**
 * The board, injected by the build inside this body: each call makes it from
 * the code in flash, and nothing keeps it after boot (the core keeps what it
 * needs), so it costs no JsVars while the firmware runs.
 */
function boardOf(): DeviceBoard {
  return JSON.parse(__FOBSYNC_BOARD_JSON__) as DeviceBoard;
}

/** Release everything and report an error that escaped the core. */
function fault(e: unknown): void {
  const msg = "uncaught " + errorText(e);
  if (firmware) firmware.releaseAll(msg);
  else {
    releaseBoardOutputs(boardOf());
    print("fobsync: " + msg);
  }
}

// each boardOf() is a fresh copy, dropped when its call returns: no variable holds the board
releaseBoardOutputs(boardOf());
installSafety(boardOf, fault);
lockDownConsoles();
firmware = startFirmware(espruinoPlatform(boardOf().maxPressMs), boardOf, __FOBSYNC_INFO__);
