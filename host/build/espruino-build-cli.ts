import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BoardDescription } from "../../hal/board";
import { REPO_ROOT } from "./build-info";
import { buildEspruinoBundle, ESPRUINO_SIZE_BUDGET } from "./espruino-build";

/** Where the bundle goes. */
export const ESPRUINO_OUT = join(REPO_ROOT, "dist", "espruino", "fobsync.js");

/**
 * `npm run build:espruino [-- --board file.json] [--out file]`: build the
 * Espruino bundle (default board ESP32_RELAY8) and print its size and build
 * id. Exit code 1 and nothing written on an invalid board or a dialect
 * violation; 2 on bad arguments. A bundle over the size budget is written
 * (the simulated bench and the demo run it) with an OVER BUDGET warning;
 * `--strict` makes that an error too. test/espruino holds the budget.
 */
function main(argv: string[]): number {
  let boardFile = "";
  let out = ESPRUINO_OUT;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--board" && i + 1 < argv.length) boardFile = argv[++i];
    else if (argv[i] === "--out" && i + 1 < argv.length) out = argv[++i];
    else if (argv[i] === "--strict") strict = true;
    else {
      console.error(`build:espruino: unknown argument '${argv[i]}' (usage: build:espruino [--board file.json] [--out file] [--strict])`);
      return 2;
    }
  }
  const board = boardFile === "" ? undefined : readBoard(boardFile);
  const bundle = buildEspruinoBundle({ board });
  const over = bundle.bytes > ESPRUINO_SIZE_BUDGET;
  if (over && strict) {
    console.error(`build:espruino: ${bundle.bytes} bytes, over the ${ESPRUINO_SIZE_BUDGET} byte budget; nothing written`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundle.shipped, "latin1");
  console.log(`espruino ${bundle.version} build ${bundle.build} board ${bundle.boardId}: ${out} ${bundle.bytes} of ${ESPRUINO_SIZE_BUDGET} bytes`);
  if (over) console.error(`build:espruino: OVER BUDGET: ${bundle.bytes} bytes > ${ESPRUINO_SIZE_BUDGET} (the firmware core must shrink; see docs/espruino.md)`);
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
