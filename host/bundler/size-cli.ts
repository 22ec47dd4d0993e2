import { ESPRUINO_SIZE_LIMIT, buildEspruinoBundle } from "./espruino-build";
import { NODEMCU_SIZE_LIMIT, buildNodeMcu } from "./nodemcu-build";

/**
 * `npm run size`: build both firmware bundles for the default board in memory
 * and print their sizes against their limits. Exit code 1 when one is
 * over. Memory is not estimated here: `npm run bench -- interpreter`
 * measures JsVars on the real Espruino interpreter.
 */
function main(): number {
  const rows: { what: string; value: number; budget: number; unit: string }[] = [];
  const js = buildEspruinoBundle();
  rows.push({ what: "espruino dist/espruino/fobsync.js", value: js.bytes, budget: ESPRUINO_SIZE_LIMIT, unit: "bytes" });
  let over = 0;
  try {
    const lua = buildNodeMcu();
    for (const [name, bytes] of Object.entries(lua.bytes)) rows.push({ what: `nodemcu dist/nodemcu/${name}`, value: bytes, budget: 0, unit: "bytes" });
    rows.push({ what: "nodemcu total", value: lua.totalBytes, budget: NODEMCU_SIZE_LIMIT, unit: "bytes" });
  } catch (e) {
    console.error(`nodemcu: build failed: ${e instanceof Error ? e.message : String(e)}`);
    over++;
  }
  for (const r of rows) {
    const verdict = r.budget === 0 ? "" : r.value <= r.budget ? `ok (limit ${r.budget})` : `OVER THE LIMIT (${r.budget})`;
    if (r.budget > 0 && r.value > r.budget) over++;
    console.log(`${r.what.padEnd(40)} ${String(r.value).padStart(7)} ${r.unit.padEnd(6)} ${verdict}`);
  }
  console.log("espruino JsVars: measured on the real interpreter by `npm run bench -- interpreter`");
  return over === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error("size: " + (e instanceof Error ? e.message : String(e)));
  process.exitCode = 1;
}
