/**
 * What the Espruino flash tests over a real pseudo-terminal share: the shipped
 * bundle (built once per file), virtual boards on ptys that are stopped after
 * every test, and one flash of the bundle through the real serialport bindings,
 * exactly as `fobsync flash --port` runs against hardware.
 */
import type { FlashBundle } from "../../host/flash/bundle-source";
import type { ChunkEncoding } from "../../host/flash/espruino-chunks";
import { flashEspruino } from "../../host/flash/espruino-flasher";
import { ReplConsole } from "../../host/serial/repl-console";
import { openSerialLink } from "../../host/serial/serialport-link";
import { startModelBoard, type ModelBoard, type ModelBoardOptions } from "../../host/sim/boards/model-board";
import { flashBoards } from "./flash-boards";

export interface PtyFlashHarness {
  /** The shipped Espruino bundle (available from the first test on). */
  bundle(): FlashBundle;
  /** A virtual board on a pty (unlimited line rate, virtual time x20 unless `opts` say otherwise). */
  start(opts?: ModelBoardOptions): Promise<ModelBoard>;
  /** Stop a board before the test ends. */
  stop(board: ModelBoard): Promise<void>;
  /** Open the board's port, flash the bundle (optionally restricted to `encodings`), close the port. */
  flashOnce(board: ModelBoard, encodings?: ChunkEncoding[]): ReturnType<typeof flashEspruino>;
}

/** Call once at the top of a test file: registers the hooks and returns the helpers. */
export function ptyFlashHarness(): PtyFlashHarness {
  const boards = flashBoards((opts: ModelBoardOptions = {}) => startModelBoard({ baud: 0, speed: 20, ...opts }));
  return {
    ...boards,
    async flashOnce(b, encodings) {
      const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
      try {
        return await flashEspruino({ console: new ReplConsole(link), bundle: boards.bundle().bytes, build: boards.bundle().build, encodings });
      } finally {
        await link.close();
      }
    },
  };
}
