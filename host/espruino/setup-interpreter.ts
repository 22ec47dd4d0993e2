/**
 * `npm run setup`'s interpreter step: say which real Espruino interpreter
 * the demo, `fobsync sim` and the tests will use, or that none was found and
 * fobsync's model of Espruino stands in. One line. The interpreter is a local
 * tool, never needed: set-up fails here only when FOBSYNC_REQUIRE_INTERPRETER
 * asks for one and there is none that works.
 */
import { checkInterpreter, describeInterpreter } from "./check-interpreter";
import { howToGetInterpreter, interpreterRequired, REQUIRE_INTERPRETER_ENV } from "./interpreter";

async function main(): Promise<number> {
  const found = await checkInterpreter();
  if (found.kind === "ok") {
    console.log(`fobsync setup: real Espruino interpreter: ${describeInterpreter(found)}${found.note ? ` (${found.note})` : ""}`);
    return 0;
  }
  const what = found.kind === "none" ? `none found (ESPRUINO_BIN unset, none at ${found.cachePath})` : found.problem;
  if (interpreterRequired()) {
    console.error(`fobsync setup: real Espruino interpreter: ${what}, and ${REQUIRE_INTERPRETER_ENV} asks for one; ${howToGetInterpreter()}`);
    return 1;
  }
  console.log(`fobsync setup: real Espruino interpreter: ${what}; the demo, sim and the tests use fobsync's model of Espruino instead (optional: ${howToGetInterpreter()})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`fobsync setup: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
