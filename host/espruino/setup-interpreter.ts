/**
 * `npm run setup`'s interpreter step: find the real Espruino interpreter the
 * demo, `fobsync sim` and the tests run the shipped bytes on, and check that
 * it answers. Prints one line; exit 1 (set-up fails, CI fails) without one.
 */
import { espruinoVersion } from "./espruino-process";
import { findEspruino } from "./interpreter";

async function main(): Promise<number> {
  const found = findEspruino();
  if ("problem" in found) {
    console.error(`fobsync setup: ${found.problem}`);
    return 1;
  }
  const version = await espruinoVersion(found.path);
  if (version === null) {
    console.error(`fobsync setup: ${found.path} (from ${found.source}) did not answer as an Espruino interpreter`);
    return 1;
  }
  console.log(`fobsync setup: Espruino ${version} interpreter at ${found.path} (from ${found.source})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fobsync setup: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
