/**
 * The tests' one door to the real Espruino interpreter. Which one (or none)
 * was decided once for the whole run by test/global-setup.ts, through
 * host/espruino/check-interpreter.ts like every other user of it.
 *
 * - `describeOnInterpreter` / `itOnInterpreter`: tests that only the real
 *   interpreter can answer (its parser, its JsVars, its Storage, the model
 *   against it). They run whenever one is found; without one they are
 *   reported as not run (the first and last lines of `npm test` count them),
 *   never hidden.
 * - `espruinoBoardChoice`: for a test that means the same on either, the
 *   board kind to run it on: the interpreter when there, else the model.
 */
import { describe, inject, it, type TestOptions } from "vitest";
import { getCurrentSuite } from "vitest/suite";
import type { EspruinoInterpreter } from "../host/espruino/interpreter";
import type { EspruinoBoardChoice } from "../host/sim/boards/choose-board";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real interpreter this run uses, or null (none found: its tests are reported as not run). */
    espruinoInterpreter: EspruinoInterpreter | null;
  }
  export interface TaskMeta {
    /** Set on a suite or test that needs the real interpreter (counted by test/summary-reporter.ts). */
    realInterpreter?: boolean;
  }
}

/** The interpreter found for this run, or null. */
export const interpreter: EspruinoInterpreter | null = inject("espruinoInterpreter");

/** The interpreter, for a test inside `describeOnInterpreter` (which runs only when there is one). */
export function theInterpreter(): EspruinoInterpreter {
  if (!interpreter) throw new Error("no real Espruino interpreter: this test belongs inside describeOnInterpreter");
  return interpreter;
}

/** The board a test that means the same on both runs on: the real interpreter when found, else the model. */
export function espruinoBoardChoice(): EspruinoBoardChoice {
  return interpreter ? { kind: "interpreter", interpreter } : { kind: "model" };
}

type SuiteBody = () => void;

function marked(body: SuiteBody): SuiteBody {
  return () => {
    const suite = getCurrentSuite().suite;
    if (suite) suite.meta.realInterpreter = true;
    body();
  };
}

/** A suite that needs the real interpreter: runs when one was found, else every test in it is reported as not run. */
export function describeOnInterpreter(name: string, body: SuiteBody): void {
  describe.skipIf(!interpreter)(name, marked(body));
}

/** The same, its tests run concurrently (each has an interpreter of its own). */
describeOnInterpreter.concurrent = (name: string, body: SuiteBody): void => {
  describe.skipIf(!interpreter).concurrent(name, marked(body));
};

/** One test that needs the real interpreter, among tests that do not. */
export function itOnInterpreter(name: string, options: TestOptions, fn: () => Promise<void> | void): void {
  it.skipIf(!interpreter)(name, { ...options, meta: { realInterpreter: true } } as TestOptions, fn);
}

/** Environment for a CLI run on a machine with no interpreter anywhere (ESPRUINO_BIN unset, an empty cache folder). */
export function noInterpreterEnv(emptyFolder: string): Record<string, string> {
  return { ESPRUINO_BIN: "", XDG_CACHE_HOME: emptyFolder, FOBSYNC_REQUIRE_INTERPRETER: "" };
}

/** What `runsOn` says for the board this run's CLI commands get (sim, demo). */
export function expectedRunsOn(): RegExp {
  return interpreter ? /the real Espruino 2v\d+(\.\d+)? interpreter \(\/\S+\)/ : MODEL_RUNS_ON_PATTERN;
}

/** How the model names itself wherever a board on it is named. */
export const MODEL_RUNS_ON_PATTERN = /fobsync's model of Espruino \(JavaScript, not the real interpreter\)/;
