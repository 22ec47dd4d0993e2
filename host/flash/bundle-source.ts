/**
 * The firmware to flash, built now from the sources, so the build id the
 * board must show after the upload always matches the code uploaded.
 * (esbuild + terser take well under a second.)
 */
import { CliError, EXIT } from "../common/errors";
import { buildEspruinoBundle } from "../bundler/espruino-build";
import { recipeFiles } from "../../firmware/recipes/table";
import type { BoardDescription } from "../../hal/board";

export interface FlashBundle {
  /** The bytes to store: the shipped (pretokenised) bundle, byte for byte. */
  bytes: Buffer;
  build: string;
  version: string;
}

/** Build the Espruino bundle; a failing build is a clear one-line error (exit 1). */
export function espruinoBundle(board?: BoardDescription): FlashBundle {
  try {
    const b = buildEspruinoBundle({ board });
    return { bytes: Buffer.from(b.shipped, "latin1"), build: b.build, version: b.version };
  } catch (err) {
    throw new CliError("build-failed", `the Espruino build failed: ${(err as Error).message.split("\n")[0]}`, EXIT.failed);
  }
}

/** The built-in recipes as the files `flash` installs with the firmware (`fr.<name>`). */
export function recipeUploads(): { name: string; bytes: Uint8Array }[] {
  return Object.entries(recipeFiles()).map(([name, text]) => ({ name, bytes: Buffer.from(text, "latin1") }));
}
