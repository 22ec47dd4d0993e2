/**
 * A simulated board on the real Espruino interpreter, on a pseudo-terminal
 * (`fobsync sim` and the demo when an interpreter is found): the simulated
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
import { createBench, type CarSpec } from "../bench";
import type { EspruinoInterpreter } from "../../espruino/interpreter";
import { realEspruinoFactory, type RealEspruinoBoard } from "../real-espruino/real-espruino-board";
import { servePtyConsole, type PtyBoardOptions, type PtyServer } from "./pty-console";
import { servedBoard, type SimBoard } from "./sim-board";

export interface InterpreterBoardOptions extends Omit<PtyBoardOptions, "speed"> {
  /** The interpreter, as check-interpreter.ts found it. */
  interpreter: EspruinoInterpreter;
  /** Firmware already in Storage at power-on (default: none, like a new board). */
  bundle?: string;
}

export interface InterpreterBoard extends SimBoard {
  readonly kind: "interpreter";
  readonly board: RealEspruinoBoard;
}

/** "the real Espruino 2v29.277 interpreter (/path)". */
export function interpreterRunsOn(i: EspruinoInterpreter): string {
  return `the real Espruino ${i.version} interpreter (${i.path})`;
}

export async function startInterpreterBoard(opts: InterpreterBoardOptions): Promise<InterpreterBoard> {
  let served: PtyServer | null = null;
  let made: RealEspruinoBoard | null = null;
  const factory = realEspruinoFactory({ bundle: opts.bundle, interpreter: opts.interpreter.path, sync: () => served?.syncClock() }, (b) => (made = b));
  // the host is whatever opens the port: the bench sends no heartbeat of its own (unless told)
  const bench = createBench({ car: { kind: opts.car ?? "zke" } as CarSpec, backend: factory, host: opts.benchHeartbeat ? {} : false });
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
  return servedBoard({ kind: "interpreter", runsOn: interpreterRunsOn(opts.interpreter), speed: 1, bench }, s, { board }, async () => {
    await s.stop();
    await board.stop();
  });
}
