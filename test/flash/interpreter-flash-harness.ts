/**
 * What the flash tests on the REAL Espruino interpreter share (the model's
 * counterpart is pty-flash-harness.ts): the shipped bundle, built once per
 * file, and interpreter boards on ptys that are stopped after every test.
 */
import type { FlashBundle } from "../../host/flash/bundle-source";
import { startInterpreterBoard, type InterpreterBoard, type InterpreterBoardOptions } from "../../host/sim/boards/interpreter-board";
import { theInterpreter } from "../interpreter-gate";
import { flashBoards } from "./flash-boards";

export interface InterpreterFlashHarness {
  /** The shipped Espruino bundle (available from the first test on). */
  bundle(): FlashBundle;
  /** An interpreter board on a pty (unlimited line rate unless `opts` say otherwise), stopped after the test. */
  start(opts?: Omit<InterpreterBoardOptions, "interpreter">): Promise<InterpreterBoard>;
}

/** Call once at the top of a test file: registers the hooks and returns the helpers. */
export function interpreterFlashHarness(): InterpreterFlashHarness {
  return flashBoards((opts: Omit<InterpreterBoardOptions, "interpreter"> = {}) => startInterpreterBoard({ baud: 0, ...opts, interpreter: theInterpreter() }));
}
