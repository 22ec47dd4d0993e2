/**
 * The NodeMCU files to flash, built now from the sources (as the Espruino
 * bundle is), so the build id the board must show after the upload is the
 * id of exactly the bytes uploaded. The TypeScript-to-Lua step takes a few seconds.
 */
import { CliError, EXIT } from "../common/errors";
import { buildNodeMcu, NODEMCU_BUNDLE_NAME, NODEMCU_INIT_NAME } from "../bundler/nodemcu-build";
import type { BoardDescription } from "../../hal/board";

export interface NodeMcuFiles {
  /** `init.lua`, as shipped. */
  init: Buffer;
  /** `fobsync.lua`, as shipped. */
  bundle: Buffer;
  build: string;
  version: string;
  boardId: string;
}

/** Build init.lua and fobsync.lua; a failing build is a clear one-line error (exit 1). */
export function nodeMcuFiles(board?: BoardDescription): NodeMcuFiles {
  try {
    const b = buildNodeMcu({ board });
    return {
      init: Buffer.from(b.files[NODEMCU_INIT_NAME], "utf8"),
      bundle: Buffer.from(b.files[NODEMCU_BUNDLE_NAME], "utf8"),
      build: b.build,
      version: b.version,
      boardId: b.boardId,
    };
  } catch (err) {
    throw new CliError("build-failed", `the NodeMCU build failed: ${(err as Error).message.split("\n")[0]}`, EXIT.failed);
  }
}
