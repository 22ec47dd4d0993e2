/**
 * Once per `npm test`: which real Espruino interpreter the run uses, or
 * none, decided by host/espruino/check-interpreter.ts as for every other
 * user. The tests get it through `inject("espruinoInterpreter")`
 * (test/interpreter-gate.ts); the summary reporter prints it first and last.
 * With FOBSYNC_REQUIRE_INTERPRETER set, a missing or unusable interpreter
 * fails the run here, before any test.
 */
import type { TestProject } from "vitest/node";
import { interpreterRequired, REQUIRE_INTERPRETER_ENV } from "../host/espruino/interpreter";
import { interpreterForRun } from "./interpreter-for-run";
import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "../host/bundler/build-info";

export default async function setup(project: TestProject): Promise<void> {
  const found = await interpreterForRun();
  if (found.kind !== "ok" && interpreterRequired()) {
    throw new Error(`${REQUIRE_INTERPRETER_ENV} is set and the real Espruino interpreter is ${found.kind === "none" ? `missing (ESPRUINO_BIN unset, none at ${found.cachePath})` : `unusable: ${found.problem}`}`);
  }
  project.provide("espruinoInterpreter", found.kind === "ok" ? { path: found.path, source: found.source, version: found.version } : null);
  // the CLI is bundled once, before any worker runs it: a bundle rewritten while another worker's
  // CLI loads it was read cut short (a SyntaxError at its last line, seen in a loaded CI run)
  execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: REPO_ROOT, stdio: "pipe" });
  project.provide("cliBuilt", true);
}
