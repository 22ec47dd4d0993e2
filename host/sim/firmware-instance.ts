import { buildSync } from "esbuild";
import { join } from "node:path";
import type * as FirmwareModule from "../../firmware/firmware";
import { REPO_ROOT } from "../bundler/build-info";

/** Compiled once per entry; each call runs the module bodies again, so each copy has its own state. */
const factories = new Map<string, (module: { exports: unknown }, exports: unknown) => void>();

/**
 * A fresh copy of the firmware core (firmware/firmware.ts and every module it
 * imports), with its own module-level state. The firmware keeps its state at
 * module level because, scope-hoisted into one bundle, that costs the fewest
 * JsVars on Espruino (docs/espruino.md); one board runs one firmware. The
 * host runs many simulated boards in one process, so each gets its own copy:
 * the TypeScript sources bundled and compiled once, their module bodies run
 * once per board.
 */
export function freshFirmware(): typeof FirmwareModule {
  return freshCopy<typeof FirmwareModule>("firmware/firmware.ts");
}

/** A fresh copy of the module at `entry` (relative to the repository) and everything it imports. */
export function freshCopy<M>(entry: string): M {
  let factory = factories.get(entry);
  if (factory === undefined) {
    const code = buildSync({
      entryPoints: [join(REPO_ROOT, entry)],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      target: "es2022",
      sourcemap: "inline",
      logLevel: "silent",
    }).outputFiles[0].text;
    factory = new Function("module", "exports", code + "\n//# sourceURL=" + entry) as (module: { exports: unknown }, exports: unknown) => void;
    factories.set(entry, factory);
  }
  const module = { exports: {} as M };
  factory(module, module.exports);
  return module.exports;
}
