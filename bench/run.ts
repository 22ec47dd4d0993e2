/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after the
 * other (benchmarks measure real time: never in parallel), and prints their figures.
 * `npm run bench -- zke` runs only the files whose name contains "zke".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts matches '${filter}'`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`== ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], { stdio: "inherit" });
  if (run.status !== 0) {
    failed++;
    console.log(`bench: ${file} exited ${run.status ?? run.signal}`);
  }
}
process.exit(failed ? 1 : 0);
