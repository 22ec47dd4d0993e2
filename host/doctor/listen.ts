/**
 * `fobsync doctor --listen`: reset the board, capture what it sends for a
 * while at 115200 baud (for the baud and radios checks), then ask it at its
 * REPL which Espruino it runs and what its Storage holds.
 */
import { openSerialLink } from "../serial/serialport-link";
import { ReplConsole } from "../serial/repl-console";
import { resetThroughRts } from "../serial/board-reset";
import { nextProbeNumber } from "../flash/espruino-flasher";
import { parseStorageAnswer, storageQuery, type BoardStorage } from "../flash/espruino-storage-space";

export interface Heard {
  /** Bytes received during the capture. */
  sample: Uint8Array;
  /** The board's answer at an Espruino REPL; null when it gave none. */
  board: BoardStorage | null;
}

/** How long the board may take to answer the question after the capture. */
const ANSWER_MS = 2000;

/**
 * Reset the board on `path` (resetThroughRts), capture `ms`
 * milliseconds of what it sends, then ask it. A print: whatever runs keeps
 * running. Throws a typed CliError when the port cannot be opened.
 */
export async function listen(path: string, ms: number, baudRate = 115200): Promise<Heard> {
  const link = await openSerialLink({ path, baudRate });
  try {
    const chunks: Buffer[] = [];
    const stop = link.onData((chunk) => chunks.push(chunk));
    await resetThroughRts(link);
    await sleep(ms);
    stop();
    const sample = new Uint8Array(Buffer.concat(chunks));
    return { sample, board: await ask(new ReplConsole(link)) };
  } finally {
    await link.close();
  }
}

async function ask(c: ReplConsole): Promise<BoardStorage | null> {
  const q = storageQuery(nextProbeNumber());
  c.mark();
  try {
    await c.write(q.line);
    return parseStorageAnswer((await c.waitFor(q.pattern, ANSWER_MS, "the board's answer at its REPL"))[1]);
  } catch (err) {
    if (!c.link.isOpen) throw err;
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
