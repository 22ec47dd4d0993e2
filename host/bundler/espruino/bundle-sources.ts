import { buildSync } from "esbuild";
import type { DeviceBoard } from "../../../hal/board";
import type { BuildInfo } from "../../../firmware/firmware";

/** Modules built into Espruino firmware: `require` calls of these stay in the bundle. */
const ESPRUINO_BUILTIN_MODULES = ["Storage", "Wifi", "TelnetServer"];

/** What the build injects into the composition root (firmware/targets/espruino.ts). */
export interface Injected {
  board: DeviceBoard;
  info: BuildInfo;
}

/**
 * esbuild: the composition root and every module it imports as ONE scope
 * (modules scope-hoisted, so splitting the firmware into files costs nothing
 * at run time), types stripped, board (as JSON text, parsed when the root
 * asks for it), build info injected with `define`, wrapped in an arrow function: terser mangles its names as locals, and unwrap-scope.ts then takes the body to the top level, each name with a `$` in front.
 */
export function bundleSources(entry: string, injected: Injected): string {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    // CommonJS output of an entry without exports is plain code, and keeps
    // `require("Wifi")` of Espruino's built-in modules as is (esbuild's iife
    // would wrap require in a Proxy-based shim); the wrapper is ours.
    format: "cjs",
    platform: "neutral",
    external: ESPRUINO_BUILTIN_MODULES,
    target: "esnext",
    // class fields become constructor assignments: Espruino refuses a field
    // declared without a value (`pin;`), which TypeScript's parameter
    // properties would otherwise leave in the class body
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    charset: "ascii",
    legalComments: "none",
    logLevel: "silent",
    define: {
      __FOBSYNC_BOARD_JSON__: JSON.stringify(JSON.stringify(injected.board)),
      __FOBSYNC_INFO__: JSON.stringify(injected.info),
    },
  });
  // esbuild's "use strict" prologue: Espruino ignores it, the bundle does not rely on it
  return "(()=>{" + result.outputFiles[0].text.replace(/^"use strict";\n/, "") + "})()";
}
