/**
 * The interpreter check of one `npm test` run, asked once and shared by the
 * global set-up and the summary reporter (both live in vitest's main
 * process): the reporter prints it as the first line, before the set-up runs.
 */
import { checkInterpreter, type InterpreterCheck } from "../host/espruino/check-interpreter";

let asked: Promise<InterpreterCheck> | null = null;

export function interpreterForRun(): Promise<InterpreterCheck> {
  asked ??= checkInterpreter();
  return asked;
}

/** "real Espruino interpreter: 2v29.277 at /path" or "real Espruino interpreter: none" (what the reporter's lines start with). */
export function interpreterHeadline(found: InterpreterCheck): string {
  if (found.kind === "ok") return `real Espruino interpreter: ${found.version} at ${found.path}`;
  if (found.kind === "none") return "real Espruino interpreter: none";
  return `real Espruino interpreter: unusable (${found.problem})`;
}
