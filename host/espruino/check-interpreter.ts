/**
 * The one answer to "which real Espruino interpreter, if any?": located
 * (interpreter.ts), run for a moment to read its version, and judged. Every
 * user of the interpreter asks here: `fobsync doctor`, the board choice of
 * `sim` and `demo` (host/sim/boards/choose-board.ts), `npm run setup`, the
 * tests' gate (test/interpreter-gate.ts) and the bench.
 */
import { statSync } from "node:fs";
import { espruinoVersion } from "./espruino-process";
import { judgeVersion, locateInterpreter, type BrokenInterpreter, type EspruinoInterpreter, type NoInterpreter } from "./interpreter";

export type InterpreterCheck = ({ kind: "ok" } & EspruinoInterpreter) | NoInterpreter | BrokenInterpreter;

/** Versions already read in this process, by path and modification time (asking costs a process start). */
const asked = new Map<string, Promise<string | null>>();

export async function checkInterpreter(env: NodeJS.ProcessEnv = process.env): Promise<InterpreterCheck> {
  const found = locateInterpreter(env);
  if (found.kind !== "found") return found;
  const key = `${found.path}@${statSync(found.path).mtimeMs}`;
  let version = asked.get(key);
  if (!version) {
    // once more, waiting longer, before saying it does not answer: a loaded machine can be slow to start it
    version = espruinoVersion(found.path).then((v) => v ?? espruinoVersion(found.path, 8000));
    asked.set(key, version);
  }
  const reported = await version;
  if (reported === null) asked.delete(key);
  const judged = judgeVersion(found, reported);
  return "kind" in judged ? judged : { kind: "ok", ...judged };
}

/** "Espruino 2v29.277 at /path (from ESPRUINO_BIN)". */
export function describeInterpreter(i: EspruinoInterpreter): string {
  return `Espruino ${i.version} at ${i.path} (from ${i.source})`;
}
