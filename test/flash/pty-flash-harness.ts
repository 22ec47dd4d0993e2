/**
 * What the Espruino flash tests over a real pseudo-terminal share: the shipped
 * bundle (built once per file), virtual boards on ptys that are stopped after
 * every test, and one flash of the bundle through the real serialport bindings,
 * exactly as `fobsync flash --port` runs against hardware.
 */
import { afterEach, beforeAll } from "vitest";
import { espruinoBundle, type FlashBundle } from "../../host/flash/bundle-source";
import type { ChunkEncoding } from "../../host/flash/espruino-chunks";
import { flashEspruino } from "../../host/flash/espruino-flasher";
import { ReplConsole } from "../../host/serial/repl-console";
import { openSerialLink } from "../../host/serial/serialport-link";
import { startModelBoard, type ModelBoard, type ModelBoardOptions } from "../../host/sim/boards/model-board";

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
  let bundle: FlashBundle | null = null;
  const running: ModelBoard[] = [];
  beforeAll(() => {
    bundle = espruinoBundle();
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.stop();
  });
  const shipped = (): FlashBundle => {
    if (!bundle) throw new Error("ptyFlashHarness: the bundle is built in beforeAll");
    return bundle;
  };
  return {
    bundle: shipped,
    async start(opts = {}) {
      const b = await startModelBoard({ baud: 0, speed: 20, ...opts });
      running.push(b);
      return b;
    },
    async stop(b) {
      const i = running.indexOf(b);
      if (i < 0) return;
      running.splice(i, 1);
      await b.stop();
    },
    async flashOnce(b, encodings) {
      const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
      try {
        return await flashEspruino({ console: new ReplConsole(link), bundle: shipped().bytes, build: shipped().build, encodings });
      } finally {
        await link.close();
      }
    },
  };
}
