import type { DeviceBoard } from "../../hal/board";
import { espruinoPlatform } from "../../hal/espruino/platform";
import { installSafety, lockDownConsoles, releaseBoardOutputs } from "../../hal/espruino/safety";
import { startFirmware, type BuildInfo, type Firmware } from "../firmware";
import { errorText } from "../guard";

/**
 * Composition root of the Espruino target, bundled by host/bundler/espruino-build.ts
 * into `dist/espruino/fobsync.js` and stored as `.bootcde`, so it runs at
 * every boot. The build injects the board, the build info and the recipes.
 *
 * Boot order: every fob-button output released (before anything else), then
 * safety (E.on("init") release, uncaught-error handler, watchdog), the radio
 * consoles closed, then the core, whose `boot` line ends the boot. After
 * that, commands arrive through the REPL entry `fs("<command line>")`.
 * An error that escapes the core releases every switch and is logged as a
 * `fault` line by the core (or, before the core runs, released here).
 */

declare const __FOBSYNC_BOARD__: DeviceBoard;
declare const __FOBSYNC_INFO__: BuildInfo;
declare const __FOBSYNC_RECIPES__: string;
declare function print(text: string): void;

const board = __FOBSYNC_BOARD__;
let firmware: Firmware | undefined;

/** Release everything and report an error that escaped the core. */
function fault(e: unknown): void {
  const msg = "uncaught " + errorText(e);
  if (firmware) firmware.releaseAll(msg);
  else {
    releaseBoardOutputs(board);
    print("fobsync: " + msg);
  }
}

releaseBoardOutputs(board);
installSafety(board, fault);
lockDownConsoles();
/** The recipes' text, injected by the build inside this body: it stays in flash until a command reads it. */
function recipesText(): string {
  return __FOBSYNC_RECIPES__;
}

firmware = startFirmware(espruinoPlatform(board.maxPressMs), board, __FOBSYNC_INFO__, recipesText);
