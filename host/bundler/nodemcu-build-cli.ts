import { BOARD_PROFILES } from "../../hal/board-profiles";
import { buildNodeMcu, NODEMCU_DIST, NODEMCU_SIZE_LIMIT, writeNodeMcuBuild } from "./nodemcu-build";

/**
 * `npm run build:lua [-- --board <id>]`: build the NodeMCU Lua files into
 * dist/nodemcu/ and print their sizes. Exit code 1 (and nothing written) on a
 * build error. Over the sanity limit the files are still written, with a
 * warning: `npm run size` and test/nodemcu/budgets.test.ts enforce it, and the
 * demo, the simulator and the tests need the files. The budget is the heap
 * (test/nodemcu/budgets.test.ts).
 */
function main(argv: string[]): number {
  let boardId = "esp32-relay8";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--board" && i + 1 < argv.length) boardId = argv[++i];
    else {
      console.error(`build:lua: unknown argument '${argv[i]}' (usage: build:lua [--board <id>])`);
      return 2;
    }
  }
  const board = BOARD_PROFILES.find((b) => b.id === boardId);
  if (board === undefined) {
    console.error(`build:lua: no board '${boardId}' (known: ${BOARD_PROFILES.map((b) => b.id).join(", ")})`);
    return 2;
  }
  const build = buildNodeMcu({ board });
  writeNodeMcuBuild(build, NODEMCU_DIST);
  if (build.totalBytes > NODEMCU_SIZE_LIMIT) console.error(`build:lua: over the sanity limit: ${build.totalBytes} bytes of Lua > ${NODEMCU_SIZE_LIMIT} (see docs/nodemcu.md)`);
  for (const [name, bytes] of Object.entries(build.bytes)) console.log(`  ${("dist/nodemcu/" + name).padEnd(26)} ${String(bytes).padStart(6)} bytes`);
  console.log(`nodemcu ${build.version} build ${build.build} board ${build.boardId}: ${build.totalBytes} bytes`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error("build:lua: " + (e instanceof Error ? e.message : String(e)));
  process.exitCode = 1;
}
