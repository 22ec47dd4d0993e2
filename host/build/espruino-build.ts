import { buildSync } from "esbuild";
import { join } from "node:path";
import { minify_sync } from "terser";
import type { BoardDescription, DeviceBoard } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";
import { BUILD_ID_PLACEHOLDER, packageVersion, REPO_ROOT, stampBuildId } from "./build-info";
import { deviceBoardOf, lowActiveLeftOut } from "./device-board";
import { assertDialect } from "./dialect-gate";
import { aliasRepeatedStrings } from "./espruino-alias";
import { keywordConstants } from "./espruino-keywords";
import { renameByFrequency } from "./espruino-rename";
import { MANGLED_PROPERTIES } from "./espruino-mangle";
import { assertRoundTrip, pretokenise } from "./espruino-tokens";

/**
 * The Espruino bundle: the firmware core plus the Espruino adapters, as ONE
 * self-contained, minified file that Espruino 2v29 accepts.
 *
 * Pipeline (synchronous, so a test or the simulated bench can build on the spot):
 *   1. esbuild bundles `firmware/targets/espruino.ts` and everything it imports
 *      into one script, type annotations stripped, board and build info injected
 *      with `define` (`__FOBSYNC_BOARD__`, `__FOBSYNC_INFO__`), wrapped in an
 *      arrow function so no name leaks into Espruino's globals;
 *   2. terser minifies for ECMAScript 2015 (mangle, safe transforms only);
 *   3. three passes shrink what terser wrote for the PRETOKENISED form, where
 *      keywords and operators are one byte, a string literal its length + 2
 *      and an identifier its text; all keep the program's meaning:
 *      - espruino-keywords.ts: `!0`, `!1`, `void 0` become `true`, `false`,
 *        `undefined` (one token byte each instead of two or three);
 *      - espruino-alias.ts: repeated string literals, built-in member names
 *        (`x.length` -> `x[M]`) and `Math` become one `const` each at the top
 *        of the wrapper, when that saves bytes; one-character alias names are
 *        freed by renaming rarely used locals (espruino-scopes.ts resolves
 *        every name first, so nothing is shadowed or captured);
 *      - espruino-rename.ts: every local renamed again, the one-character
 *        names going to the most used (terser names in the order it meets
 *        variables);
 *   4. the build id (build-info.ts scheme) replaces its placeholder;
 *   5. the dialect gate parses the result and refuses any construct Espruino rejects;
 *   6. EspruinoTools' pretokenisation (espruino-tokens.ts): keywords, operators,
 *      strings and integers as Espruino's lexer bytes, the form Espruino keeps in
 *      RAM; checked to read back as the same program. That is the file shipped
 *      (`shipped`, written latin1), run by the virtual runtime and measured by
 *      the budgets.
 *
 * No ES5 lowering: Espruino 2v29 runs classes, arrows, let/const and template
 * literals natively, and the ES5 forms (`X.prototype.m = function`) made the
 * bundle 10% larger (28.6 KB against 25.9 KB with the core of the first integration). The one
 * ES2015 trap Espruino has, `let` loop variables captured by closures, is
 * refused by the gate.
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
  /** The minified source (plain ASCII JavaScript, what `shipped` reads back as). */
  code: string;
  /** The file to upload: `code` pretokenised, one byte per character (write and send it as latin1). */
  shipped: string;
  /** Size of `shipped` in bytes. */
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
  const bundled = bundleSources(options.entry ?? ESPRUINO_ENTRY, lowActiveLeftOut(deviceBoardOf(board)), version);
  const minified = minify("(()=>{" + bundled + "})()");
  const compact = renameByFrequency(aliasRepeatedStrings(keywordConstants(minified).code).code);
  const stamped = stampBuildId(compact);
  assertDialect(stamped.text, "fobsync.js");
  const shipped = pretokenise(stamped.text);
  assertRoundTrip(stamped.text, shipped);
  return { code: stamped.text, shipped, bytes: Buffer.byteLength(shipped, "latin1"), version, build: stamped.build, boardId: board.id };
}

/**
 * The board without `part` texts, every other field kept. The NodeMCU build
 * still bakes this one into its Lua prelude; the Espruino bundle bakes the
 * smaller `deviceBoardOf` (device-board.ts: no title, no MCU name, defaults left out).
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
function bundleSources(entry: string, board: DeviceBoard, version: string): string {
  const info = { version, build: BUILD_ID_PLACEHOLDER, target: "espruino" };
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    // CommonJS output of an entry without exports is plain code, and keeps
    // `require("Wifi")` of Espruino's built-in modules as is (esbuild's iife
    // would wrap require in a Proxy-based shim); the caller wraps it in a function.
    format: "cjs",
    platform: "neutral",
    external: ESPRUINO_BUILTIN_MODULES,
    target: "esnext",
    charset: "ascii",
    legalComments: "none",
    logLevel: "silent",
    define: { __FOBSYNC_BOARD__: JSON.stringify(board), __FOBSYNC_INFO__: JSON.stringify(info) },
  });
  // esbuild's "use strict" prologue: Espruino ignores it, the bundle does not rely on it
  return result.outputFiles[0].text.replace(/^"use strict";\n/, "");
}

/**
 * Step 2: terser for ECMAScript 2015, safe transforms only, plus the
 * allow-listed internal property names shortened (espruino-mangle.ts).
 */
function minify(code: string): string {
  const out = minify_sync(code, {
    ecma: 2015,
    compress: { passes: 3, unsafe: false, unsafe_arrows: true, hoist_funs: true },
    mangle: { properties: { builtins: true, regex: new RegExp("^(" + MANGLED_PROPERTIES.join("|") + ")$") } },
    format: { ecma: 2015, comments: false, ascii_only: true },
  });
  if (out.code === undefined) throw new Error("terser produced no output");
  return out.code;
}
