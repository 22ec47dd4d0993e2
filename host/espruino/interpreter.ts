/**
 * Where the real Espruino interpreter (the C interpreter of the boards, built
 * for Linux) is found (espruino-process.ts runs it and asks its version). It is the reference for what
 * the shipped bundle does: the simulated bench, `fobsync sim`, the demo, the
 * tests and the benchmarks run the exact shipped bytes on it.
 *
 * Looked for, in this order:
 *   1. ESPRUINO_BIN, when set (a set but unusable path is an error, not a fall-through);
 *   2. `../shared/espruino/espruino` beside the package folder (the project's shared kit).
 * There is no further fallback: `missingInterpreterText` says how to get one.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface EspruinoInterpreter {
  /** Absolute path of the executable. */
  path: string;
  /** How it was found. */
  source: "ESPRUINO_BIN" | "shared";
}

/** The espruino/Espruino commit the shared interpreter was built from (../shared/espruino/README.md). */
export const PINNED_ESPRUINO_COMMIT = "c5ff787b1";

/** One line naming the ways to provide the interpreter. */
export function missingInterpreterText(): string {
  return (
    "the real Espruino interpreter is missing: set ESPRUINO_BIN to an Espruino Linux build, " +
    "or put it at ../shared/espruino/espruino beside the fobsync folder, " +
    `or build it from an espruino/Espruino clone (commit ${PINNED_ESPRUINO_COMMIT}) with ../shared/espruino/build.sh GIT_DIR OUT and set ESPRUINO_BIN=OUT`
  );
}

/** The interpreter to use, or a sentence saying why there is none. */
export function findEspruino(env: NodeJS.ProcessEnv = process.env, root = packageFolder()): EspruinoInterpreter | { problem: string } {
  const fromEnv = env.ESPRUINO_BIN;
  if (fromEnv !== undefined && fromEnv !== "") {
    const path = resolve(fromEnv);
    const bad = unusable(path);
    return bad ? { problem: `ESPRUINO_BIN=${fromEnv}: ${bad}` } : { path, source: "ESPRUINO_BIN" };
  }
  const shared = resolve(root, "..", "shared", "espruino", "espruino");
  if (existsSync(shared) && !unusable(shared)) return { path: shared, source: "shared" };
  return { problem: missingInterpreterText() };
}

/** The interpreter, or throws an Error with the one-line explanation. */
export function requireEspruino(env: NodeJS.ProcessEnv = process.env): EspruinoInterpreter {
  const found = findEspruino(env);
  if ("problem" in found) throw new Error(found.problem);
  return found;
}

function unusable(path: string): string | null {
  if (!existsSync(path)) return "no such file";
  if (!statSync(path).isFile()) return "not a file";
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return "not executable";
  }
  return null;
}

/** The fobsync package folder, from this module's location (works from the sources and from dist/cli). */
function packageFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "firmware"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}
