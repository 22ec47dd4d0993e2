/**
 * Where the real Espruino interpreter (the boards' C interpreter, built for
 * Linux) is found. It is a local tool, like a compiler: fobsync neither
 * builds nor downloads it. Whoever has one gets the stronger proof (its
 * parser, its JsVar memory and its Storage are the ones a board runs);
 * whoever has none gets fobsync's own model of Espruino, said so.
 *
 * Looked for, in this order:
 *   1. ESPRUINO_BIN, when set (a set but unusable path is an error, not a fall-through);
 *   2. the per-user cache, `${XDG_CACHE_HOME:-~/.cache}/fobsync/espruino/espruino`;
 *   3. none.
 * `checkInterpreter` then reads its version (espruino-process.ts) and checks it.
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { compareVersions, formatVersion, MIN_ESPRUINO_VERSION, parseVersion, REFERENCE_ESPRUINO_VERSION } from "./versions";

/** How an interpreter was found. */
export type InterpreterSource = "ESPRUINO_BIN" | "cache";

/** An interpreter executable, not yet asked its version. */
export interface FoundInterpreter {
  kind: "found";
  /** Absolute path of the executable. */
  path: string;
  source: InterpreterSource;
}

/** An interpreter that answered with a version fobsync supports. */
export interface EspruinoInterpreter {
  path: string;
  source: InterpreterSource;
  /** As it reports it (`process.env.VERSION`), e.g. "2v29.277". */
  version: string;
  /** Set when the version is supported but is not the one fobsync's figures were measured on. */
  note?: string;
}

/** No interpreter anywhere: fobsync's model of Espruino stands in. */
export interface NoInterpreter {
  kind: "none";
  /** The cache path that was looked at (where to put one). */
  cachePath: string;
}

/** One was named (ESPRUINO_BIN) or found, and cannot be used: a sentence saying why. */
export interface BrokenInterpreter {
  kind: "broken";
  problem: string;
}

export type InterpreterLookup = FoundInterpreter | NoInterpreter | BrokenInterpreter;

/** The environment switch that makes a missing interpreter an error (tests, sim, demo, bench). */
export const REQUIRE_INTERPRETER_ENV = "FOBSYNC_REQUIRE_INTERPRETER";

/** True when `FOBSYNC_REQUIRE_INTERPRETER` asks for the real interpreter (any value but "", "0", "false", "no"). */
export function interpreterRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env[REQUIRE_INTERPRETER_ENV] ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false" && v !== "no";
}

/** `${XDG_CACHE_HOME:-~/.cache}/fobsync/espruino/espruino` (a relative XDG_CACHE_HOME is ignored, as the XDG spec says). */
export function interpreterCachePath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const cache = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), ".cache");
  return join(cache, "fobsync", "espruino", "espruino");
}

/** Where the interpreter is, without running it. */
export function locateInterpreter(env: NodeJS.ProcessEnv = process.env): InterpreterLookup {
  const fromEnv = env.ESPRUINO_BIN;
  if (fromEnv !== undefined && fromEnv !== "") {
    const path = resolve(fromEnv);
    const bad = unusable(path);
    return bad ? { kind: "broken", problem: `ESPRUINO_BIN=${fromEnv}: ${bad}` } : { kind: "found", path, source: "ESPRUINO_BIN" };
  }
  const cachePath = interpreterCachePath(env);
  if (!existsSync(cachePath)) return { kind: "none", cachePath };
  const bad = unusable(cachePath);
  return bad ? { kind: "broken", problem: `${cachePath}: ${bad}` } : { kind: "found", path: cachePath, source: "cache" };
}

/**
 * Judge the version a found interpreter reported (null: it did not answer).
 * Older than MIN_ESPRUINO_VERSION is refused (it cannot read the shipped
 * bytes); another supported version is used with a note.
 */
export function judgeVersion(found: FoundInterpreter, reported: string | null): EspruinoInterpreter | BrokenInterpreter {
  const where = `${found.path} (from ${found.source})`;
  if (reported === null) return { kind: "broken", problem: `${where} did not answer as an Espruino interpreter` };
  const v = parseVersion(reported);
  if (!v) return { kind: "broken", problem: `${where} reports version '${reported}', which is not an Espruino version` };
  if (compareVersions(v, MIN_ESPRUINO_VERSION) < 0) {
    return { kind: "broken", problem: `${where} is Espruino ${reported}, older than ${formatVersion(MIN_ESPRUINO_VERSION)}, the oldest that runs fobsync's bundle` };
  }
  const ref = REFERENCE_ESPRUINO_VERSION;
  const note = v.major === ref.major && v.minor === ref.minor ? undefined : `fobsync's figures were measured on ${formatVersion(ref)}; this is ${reported}`;
  return { path: found.path, source: found.source, version: reported, ...(note ? { note } : {}) };
}

/** How to get an interpreter, in one sentence (no script of ours builds it: Espruino's own README does). */
export function howToGetInterpreter(env: NodeJS.ProcessEnv = process.env): string {
  return `build Espruino's Linux target as its README says (github.com/espruino/Espruino, \`BOARD=LINUX make\`) and put the \`espruino\` executable at ${interpreterCachePath(env)}, or set ESPRUINO_BIN to it`;
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
