/**
 * Write small files into a board's flash over its REPL (Espruino Storage, the
 * NodeMCU file system), each checked there (CRC / Adler-32): a recipe
 * (`recipes install`), a cell calibration (`test-fob --calibrate`). The
 * caller makes sure no session runs: writing flash can stall a board's timers.
 */
import { ReplConsole } from "../serial/repl-console";
import { openSerialLink } from "../serial/serialport-link";
import { installEspruinoFiles, nextProbeNumber } from "./espruino-flasher";
import { installNodeMcuFiles } from "./nodemcu-flasher";
import { parseStorageAnswer, storageQuery, type BoardStorage } from "./espruino-storage-space";

export async function writeBoardFiles(port: string, baud: number, target: string | undefined, files: { name: string; bytes: Uint8Array }[], signal?: AbortSignal): Promise<void> {
  const link = await openSerialLink({ path: port, baudRate: baud });
  try {
    const console = new ReplConsole(link);
    if (target === "nodemcu") await installNodeMcuFiles({ console, files, signal });
    else await installEspruinoFiles({ console, files, signal });
  } finally {
    await link.close();
  }
}

/** An Espruino board's Storage: its files with their sizes, and its free and trash bytes (a REPL print; whatever runs keeps running). */
export async function readBoardStorage(port: string, baud: number): Promise<BoardStorage> {
  const link = await openSerialLink({ path: port, baudRate: baud });
  try {
    const console = new ReplConsole(link);
    const q = storageQuery(nextProbeNumber());
    console.mark();
    await console.write(q.line);
    return parseStorageAnswer((await console.waitFor(q.pattern, 3000, "the board's Storage list"))[1]);
  } finally {
    await link.close();
  }
}
