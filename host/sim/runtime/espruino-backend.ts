import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BoardDescription } from "../../../hal/board";
import { buildEspruinoBundle } from "../../bundler/espruino-build";
import type { BoardBackend, BoardBackendContext, BoardBackendFactory } from "../backend";
import { EspruinoRuntime } from "./espruino-runtime";

/** Where `npm run build:espruino` writes the bundle. */
export const ESPRUINO_BUNDLE_PATH = join("dist", "espruino", "fobsync.js");

/** A virtual board running an Espruino bundle; `runtime` gives tests the REPL and the fault injector. */
export interface EspruinoBackend extends BoardBackend {
  readonly runtime: EspruinoRuntime;
}

/**
 * Backend factory (name "espruino"): a virtual Espruino whose Storage holds
 * `bundle` as `.bootcde` and the bench's files (the recipes), powered on against the bench's clock and pins.
 * Commands go in as the host sends them: `\x10fs("<line>")` on the REPL.
 * The bundle must be built for `ctx.board` (its board is baked in).
 */
export function espruinoBackendFactory(bundle: string): BoardBackendFactory {
  return (ctx: BoardBackendContext): EspruinoBackend => {
    const runtime = new EspruinoRuntime({ clock: ctx.clock, pins: ctx.pins, onLine: ctx.onLine });
    for (const [name, text] of Object.entries(ctx.files)) runtime.storage.write(name, text);
    runtime.storage.write(".bootcde", bundle);
    runtime.powerOn();
    return {
      name: "espruino",
      runtime,
      send(line) {
        runtime.feedBytes(commandBytes(line));
      },
      close() {
        runtime.io.clearWatches();
        runtime.timers.clearAll();
      },
    };
  };
}

/** The bytes a host sends for one command: silent line (DLE), the entry call, Enter. */
export function commandBytes(line: string): string {
  return "\x10fs(" + JSON.stringify(line) + ")\n";
}

/** The factory on the built file `dist/espruino/fobsync.js` (run `npm run build:espruino` first). */
export function builtEspruinoBackend(root = process.cwd()): BoardBackendFactory {
  const file = join(root, ESPRUINO_BUNDLE_PATH);
  if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build:espruino\` first`);
  return espruinoBackendFactory(readFileSync(file, "latin1"));
}

/**
 * The factory that builds the bundle for each bench's board (cached per
 * board), so scenarios on other boards run their own built bundle.
 */
export function espruinoBuildingBackend(): BoardBackendFactory {
  const bundles: { [boardJson: string]: string } = {};
  const bundleFor = (board: BoardDescription): string => {
    const key = JSON.stringify(board);
    return (bundles[key] ??= buildEspruinoBundle({ board }).shipped);
  };
  return (ctx) => espruinoBackendFactory(bundleFor(ctx.board))(ctx);
}
