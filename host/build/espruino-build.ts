import { buildSync } from "esbuild";
import { join } from "node:path";
import { minify_sync } from "terser";
import ts from "typescript";
import { ESP32_RELAY8, validateBoard, type BoardDescription } from "../../hal/board";
import { BUILD_ID_PLACEHOLDER, packageVersion, REPO_ROOT, stampBuildId } from "./build-info";
import { assertDialect } from "./dialect-gate";

/**
 * The Espruino bundle: the firmware core plus the Espruino adapters, as ONE
 * self-contained, minified ES5 file that Espruino 2v29 accepts.
 *
 * Pipeline (synchronous, so a test or the simulated bench can build on the spot):
 *   1. esbuild bundles `firmware/targets/espruino.ts` and everything it imports
 *      into one script, type annotations stripped, board and build info injected
 *      with `define` (`__FOBSYNC_BOARD__`, `__FOBSYNC_INFO__`);
 *   2. TypeScript lowers the bundle to ES5 (classes become functions, `let` in
 *      loops gets per-iteration bindings, template literals become concat);
 *      its helpers land inside a wrapper function, not in Espruino's globals;
 *   3. terser minifies for ECMAScript 5 (mangle, no unsafe transforms);
 *   4. the build id (build-info.ts scheme) replaces its placeholder;
 *   5. the dialect gate parses the result and refuses any construct Espruino rejects.
 */

export const ESPRUINO_ENTRY = join(REPO_ROOT, "firmware", "targets", "espruino.ts");

/** Modules built into Espruino firmware: `require` calls of these stay in the bundle. */
const ESPRUINO_BUILTIN_MODULES = ["Storage", "Wifi", "TelnetServer"];

/** Largest accepted bundle, bytes (issue budget: 10 KB minified). */
export const ESPRUINO_SIZE_BUDGET = 10240;

export interface EspruinoBuildOptions {
  /** Board baked into the bundle; default the ESP32_RELAY8 profile. Must pass `validateBoard`. */
  board?: BoardDescription;
  /** Entry module (the composition root); default `firmware/targets/espruino.ts`. */
  entry?: string;
}

export interface EspruinoBundle {
  /** The file to upload. */
  code: string;
  /** UTF-8 size of `code`. */
  bytes: number;
  version: string;
  build: string;
  boardId: string;
}

/** Build the bundle. Throws (and produces nothing) on an invalid board or a dialect violation. */
export function buildEspruinoBundle(options: EspruinoBuildOptions = {}): EspruinoBundle {
  const board = options.board ?? ESP32_RELAY8;
  const problems = validateBoard(board);
  if (problems.length > 0) throw new Error(`board '${board.id}' is invalid:\n  ${problems.join("\n  ")}`);
  const version = packageVersion();
  const bundled = bundleSources(options.entry ?? ESPRUINO_ENTRY, deviceBoard(board), version);
  const es5 = lowerToEs5(bundled);
  const minified = minifyEs5(es5);
  const stamped = stampBuildId(minified);
  assertDialect(stamped.text, "fobsync.js");
  return { code: stamped.text, bytes: Buffer.byteLength(stamped.text, "utf8"), version, build: stamped.build, boardId: board.id };
}

/**
 * The board as the device needs it: `part` (what sits on a pin, for people
 * and the wiring diagram) is left out, every other field is kept.
 */
export function deviceBoard(board: BoardDescription): BoardDescription {
  return {
    id: board.id,
    title: board.title,
    mcu: board.mcu,
    maxPressMs: board.maxPressMs,
    pins: board.pins.map((p) => {
      const copy = { ...p };
      delete copy.part;
      return copy;
    }),
  };
}

/** Step 1: one script from the TypeScript sources, with board and build info injected. */
function bundleSources(entry: string, board: BoardDescription, version: string): string {
  const info = { version, build: BUILD_ID_PLACEHOLDER, target: "espruino" };
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    // CommonJS output of an entry without exports is plain code, and keeps
    // `require("Wifi")` of Espruino's built-in modules as is (esbuild's iife
    // would wrap require in a Proxy-based shim); step 2 wraps it in a function.
    format: "cjs",
    platform: "neutral",
    external: ESPRUINO_BUILTIN_MODULES,
    target: "esnext",
    charset: "ascii",
    legalComments: "none",
    logLevel: "silent",
    define: { __FOBSYNC_BOARD__: JSON.stringify(board), __FOBSYNC_INFO__: JSON.stringify(info) },
  });
  return result.outputFiles[0].text;
}

/** Step 2: ES5, helpers kept inside a wrapper function. */
function lowerToEs5(code: string): string {
  const out = ts.transpileModule(code, {
    fileName: "fobsync.js",
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.CommonJS,
      allowJs: true,
      // ES5 output is deprecated in TypeScript 6 (gone in 7); Espruino needs it.
      ignoreDeprecations: "6.0",
      useDefineForClassFields: false,
      removeComments: true,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error("ES5 lowering failed: " + errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; "));
  return "(function(){" + out.outputText.replace(/^"use strict";/, "") + "})();";
}

/** Step 3: terser for ECMAScript 5, safe transforms only. */
function minifyEs5(code: string): string {
  const out = minify_sync(code, {
    ecma: 5,
    compress: { passes: 3, unsafe: false, directives: true },
    mangle: true,
    format: { ecma: 5, comments: false, ascii_only: true },
  });
  if (out.code === undefined) throw new Error("terser produced no output");
  return out.code;
}
