import { buildSync } from "esbuild";
import { join } from "node:path";
import type * as FirmwareModule from "../../firmware/firmware";
import { REPO_ROOT } from "../bundler/build-info";

/** Compiled once per entry; each call runs the module bodies again, so each copy has its own state. */
const factories = new Map<string, () => unknown>();

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
      format: "esm",
      platform: "neutral",
      target: "es2022",
      logLevel: "silent",
    }).outputFiles[0].text;
    // the module's exports become the factory's result: no getter per export, no wrapper per module
    const exported = /\nexport \{([^}]*)\};\s*$/.exec(code);
    if (!exported) throw new Error(`${entry}: esbuild wrote no export list`);
    const names = exported[1].split(",").map((n) => n.trim()).filter((n) => n !== "");
    const body = code.slice(0, exported.index) + "\nreturn {" + names.map((n) => (n.includes(" as ") ? `${n.split(" as ")[1]}: ${n.split(" as ")[0]}` : n)).join(", ") + "};";
    factory = new Function(body + "\n//# sourceURL=" + entry) as () => unknown;
    factories.set(entry, factory);
  }
  return factory() as M;
}
