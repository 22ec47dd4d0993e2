/**
 * `fobsync sim` and the demo on the real Espruino interpreter: the simulated
 * bench (car, fobs, user) wired through the pin bridge to the interpreter,
 * its console served on a pseudo-terminal that fobsync opens like hardware.
 *
 *   host ── pty (socat) ── serialport ── PtyUart ── ConsoleMux ── espruino (stdin/stdout)
 *                                                      └── pin bridge lines ── bench pins
 *
 * Like a new board its Storage holds no firmware (only the bridge fixture in
 * `.boot0`) unless given a bundle; `fobsync flash` stores `.bootcde`. Time is
 * real: the bench's virtual clock follows real time at speed 1.
 */
import { createBench, type Bench, type CarSpec } from "../bench";
import { servePtyConsole, type PtyBoardOptions, type PtyServer } from "../pty-board";
import { realEspruinoFactory, type RealEspruinoBoard } from "./real-espruino-board";

export interface RealPtyBoardOptions extends Omit<PtyBoardOptions, "speed" | "decoders"> {
  /** The interpreter; default the one findEspruino finds. */
  interpreter?: string;
}

export interface RealPtyBoard extends PtyServer {
  readonly bench: Bench;
  readonly board: RealEspruinoBoard;
}

export async function startRealPtyBoard(opts: RealPtyBoardOptions = {}): Promise<RealPtyBoard> {
  let served: PtyServer | null = null;
  let made: RealEspruinoBoard | null = null;
  const factory = realEspruinoFactory({ bundle: opts.bundle, interpreter: opts.interpreter, sync: () => served?.syncClock() }, (b) => (made = b));
  const bench = createBench({ car: { kind: opts.car ?? "zke" } as CarSpec, backend: factory });
  const board = made as unknown as RealEspruinoBoard;
  board.process.onExit((code) => opts.log?.(`the Espruino interpreter ended on its own (exit ${code}); its last words: ${JSON.stringify(board.process.output().slice(-200))}`));
  try {
    await board.ready;
    served = await servePtyConsole(bench, board, { ...opts, speed: 1 });
  } catch (err) {
    await board.stop();
    throw err;
  }
  const s = served;
  return {
    get hostPath() {
      return s.hostPath;
    },
    bench,
    board,
    unplug: () => s.unplug(),
    replug: () => s.replug(),
    syncClock: () => s.syncClock(),
    async stop() {
      await s.stop();
      await board.stop();
    },
  };
}
