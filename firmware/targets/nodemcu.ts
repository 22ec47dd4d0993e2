import type { DeviceBoard } from "../../hal/board";
import { onFault, releaseAllOutputs, runGuarded } from "../../hal/nodemcu/nodemcu-guard";
import { createNodeMcuPlatform } from "../../hal/nodemcu/nodemcu-platform";
import { startFirmware, type BuildInfo } from "../firmware";

/**
 * Composition root of the NodeMCU (Lua) target, built by typescript-to-lua
 * into `dist/nodemcu/fobsync.lua`. The build puts the board description and
 * the build info in front of the bundle as the Lua locals `FOBSYNC_BOARD` and
 * `FOBSYNC_INFO`; the recipes are files of their own (`fr.<name>`), read
 * only when a command needs one. Boot order: every switch released (init.lua did it once
 * already, before loading this file), then the core starts; a Lua error
 * anywhere (boot included) releases every switch.
 */

declare const FOBSYNC_BOARD: DeviceBoard;
declare const FOBSYNC_INFO: BuildInfo;

/** Start the core on the NodeMCU platform and route faults to it. */
function boot(board: DeviceBoard): void {
  const firmware = startFirmware(createNodeMcuPlatform(board.maxPressMs), () => board, FOBSYNC_INFO);
  onFault((message) => {
    releaseAllOutputs();
    firmware.releaseAll("fault: " + message);
  });
}

runGuarded(boot, FOBSYNC_BOARD);
