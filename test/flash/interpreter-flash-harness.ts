/**
 * What the flash tests on the REAL Espruino interpreter share (the model's
 * counterpart is pty-flash-harness.ts): the shipped bundle, built once per
 * file, and interpreter boards on ptys that are stopped after every test.
 */
import { afterEach, beforeAll } from "vitest";
import { espruinoBundle, type FlashBundle } from "../../host/flash/bundle-source";
import { startInterpreterBoard, type InterpreterBoard, type InterpreterBoardOptions } from "../../host/sim/boards/interpreter-board";
import { theInterpreter } from "../interpreter-gate";

export interface InterpreterFlashHarness {
  /** The shipped Espruino bundle (available from the first test on). */
  bundle(): FlashBundle;
  /** An interpreter board on a pty (unlimited line rate unless `opts` say otherwise), stopped after the test. */
  start(opts?: Omit<InterpreterBoardOptions, "interpreter">): Promise<InterpreterBoard>;
}

/** Call once at the top of a test file: registers the hooks and returns the helpers. */
export function interpreterFlashHarness(): InterpreterFlashHarness {
  let bundle: FlashBundle | null = null;
  const running: InterpreterBoard[] = [];
  beforeAll(() => {
    bundle = espruinoBundle();
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.stop();
  });
  return {
    bundle() {
      if (!bundle) throw new Error("interpreterFlashHarness: the bundle is built in beforeAll");
      return bundle;
    },
    async start(opts = {}) {
      const b = await startInterpreterBoard({ baud: 0, ...opts, interpreter: theInterpreter() });
      running.push(b);
      return b;
    },
  };
}
