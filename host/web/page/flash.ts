/**
 * Flash the firmware the page was built with: the exact shipped bytes
 * (firmware/fobsync.js, firmware/firmware.json), the built-in recipes with
 * them, through the same flasher `fobsync flash` uses: CRC of every file and
 * the boot banner's build id checked.
 */
import { Buffer } from "buffer";
import { recipeFiles } from "../../../firmware/recipes/table";
import { flashEspruino, type FlashProgress, type FlashResult } from "../../flash/espruino-flasher";
import { ReplConsole } from "../../serial/repl-console";
import type { Board } from "./board";

export interface FirmwareImage {
  build: string;
  version: string;
  bytes: Uint8Array;
}

/** The firmware shipped with the page. */
export async function firmwareImage(): Promise<FirmwareImage> {
  const info = (await (await fetch("firmware/firmware.json")).json()) as { build: string; version: string };
  const bytes = new Uint8Array(await (await fetch("firmware/fobsync.js")).arrayBuffer());
  return { build: info.build, version: info.version, bytes };
}

/** Upload and verify. The page's line pump pauses meanwhile: the flasher reads the board itself. */
export async function flashBoard(board: Board, image: FirmwareImage, onProgress: (p: FlashProgress) => void, lockRadios = false): Promise<FlashResult> {
  board.pause();
  const console = new ReplConsole(board.link);
  try {
    return await flashEspruino({
      console,
      bundle: image.bytes,
      build: image.build,
      extraFiles: Object.entries(recipeFiles()).map(([name, text]) => ({ name, bytes: Buffer.from(text, "latin1") })),
      onProgress,
      lockRadios,
    });
  } finally {
    console.detach();
    board.resume();
  }
}
