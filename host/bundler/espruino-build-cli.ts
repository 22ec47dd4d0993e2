import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BoardDescription } from "../../hal/board";
import { REPO_ROOT } from "./build-info";
import { buildEspruinoBundle } from "./espruino-build";
import { boardWarnings } from "../../hal/board-validate";
import { ESP32_RELAY8 } from "../../hal/board-profiles";

/** Where the bundle goes. */
export const ESPRUINO_OUT = join(REPO_ROOT, "dist", "espruino", "fobsync.js");

/**
 * `npm run build:espruino [-- --board file.json] [--out file]`: build the
 * Espruino bundle (default board ESP32_RELAY8) and print its size and build
 * id. Exit code 1 and nothing written on an invalid board, a dialect
 * violation or a bundle over the sanity limit; 2 on bad arguments. The
 * budget is RAM, measured on the interpreter by `npm run bench`.
 */
function main(argv: string[]): number {
  let boardFile = "";
  let out = ESPRUINO_OUT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--board" && i + 1 < argv.length) boardFile = argv[++i];
    else if (argv[i] === "--out" && i + 1 < argv.length) out = argv[++i];
    else {
      console.error(`build:espruino: unknown argument '${argv[i]}' (usage: build:espruino [--board file.json] [--out file])`);
      return 2;
    }
  }
  const board = boardFile === "" ? undefined : readBoard(boardFile);
  const bundle = buildEspruinoBundle({ board });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundle.shipped, "latin1");
  console.log(`espruino ${bundle.version} build ${bundle.build} board ${bundle.boardId}: ${out} ${bundle.bytes} bytes`);
  for (const w of boardWarnings(board ?? ESP32_RELAY8)) console.log(`  warning: ${w}`);
  return 0;
}

/** A board description from a JSON file (validated by the build). */
function readBoard(file: string): BoardDescription {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as BoardDescription;
  } catch (e) {
    throw new Error(`cannot read board file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error("build:espruino: " + (e instanceof Error ? e.message : String(e)));
  process.exitCode = 1;
}
