/**
 * The Espruino board behind `fobsync sim` and `fobsync demo`: by default the
 * REAL Espruino interpreter (host/sim/real-espruino) in real time; with
 * `--virtual`, fobsync's own JavaScript model of Espruino (host/sim/runtime),
 * which runs in virtual time at any speed and is named as such wherever it
 * is used. Without the interpreter, and without `--virtual`, nothing starts:
 * one line says how to get it (exit 9).
 */
import type { Bench } from "../../sim/bench";
import { findEspruino } from "../../espruino/interpreter";
import { espruinoVersion } from "../../espruino/espruino-process";
import { startPtyBoard, type PtyBoardOptions } from "../../sim/pty-board";
import { startRealPtyBoard } from "../../sim/real-espruino/pty-real-board";
import { CliError, EXIT, usageError } from "../../common/errors";

export interface EspruinoSimBoard {
  readonly hostPath: string;
  readonly bench: Bench;
  /** What runs the firmware, for people: "the real Espruino 2v29 interpreter (path)" or the virtual model. */
  readonly runsOn: string;
  /** Virtual seconds per real second (1 on the real interpreter). */
  readonly speed: number;
  stop(): Promise<void>;
}

export interface EspruinoSimOptions extends Omit<PtyBoardOptions, "speed"> {
  /** Run fobsync's JavaScript model of Espruino instead of the real interpreter. */
  virtual: boolean;
  /** Virtual time factor; only with `virtual` (the real interpreter runs in real time). */
  speed?: number;
}

export async function startEspruinoSimBoard(opts: EspruinoSimOptions): Promise<EspruinoSimBoard> {
  if (opts.virtual) {
    const speed = opts.speed ?? 1;
    const b = await startPtyBoard({ ...opts, speed });
    return { hostPath: b.hostPath, bench: b.bench, speed, runsOn: "fobsync's virtual Espruino (a JavaScript model, not the real interpreter)", stop: () => b.stop() };
  }
  if (opts.speed !== undefined && opts.speed !== 1) throw usageError(`--speed ${opts.speed} needs --virtual: the real Espruino interpreter runs in real time`);
  const found = findEspruino();
  if ("problem" in found) {
    throw new CliError("not-set-up", found.problem, EXIT.notSetUp, "or add --virtual to run on fobsync's own JavaScript model of Espruino instead");
  }
  const version = (await espruinoVersion(found.path)) ?? "(version unknown)";
  const b = await startRealPtyBoard({ ...opts, interpreter: found.path });
  return { hostPath: b.hostPath, bench: b.bench, speed: 1, runsOn: `the real Espruino ${version} interpreter (${found.path})`, stop: () => b.stop() };
}
