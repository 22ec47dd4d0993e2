import { ESPRUINO_SIZE_BUDGET, buildEspruinoBundle } from "./espruino-build";
import { NODEMCU_SIZE_BUDGET, buildNodeMcu } from "./nodemcu-build";
import { estimateJsVars } from "../sim/runtime/espruino-memory";

/** JsVars after boot the issue allows for the Espruino bundle. */
const ESPRUINO_JSVAR_BUDGET = 1200;

/**
 * `npm run size`: build both firmware bundles for the default board in memory
 * and print their sizes against the budgets (and the Espruino JsVar
 * ESTIMATE). Exit code 1 when a budget is blown.
 */
function main(): number {
  const rows: { what: string; value: number; budget: number; unit: string }[] = [];
  const js = buildEspruinoBundle();
  const jsvars = estimateJsVars(js.shipped, { codeInFlash: true });
  const inRam = estimateJsVars(js.shipped, { codeInFlash: false });
  rows.push({ what: "espruino dist/espruino/fobsync.js", value: js.bytes, budget: ESPRUINO_SIZE_BUDGET, unit: "bytes" });
  rows.push({ what: "espruino JsVars after boot, run from .bootcde (estimate)", value: jsvars.total, budget: ESPRUINO_JSVAR_BUDGET, unit: "JsVars" });
  rows.push({ what: "espruino JsVars if sent into RAM instead (estimate)", value: inRam.total, budget: 0, unit: "JsVars" });
  let over = 0;
  try {
    const lua = buildNodeMcu();
    for (const [name, bytes] of Object.entries(lua.bytes)) rows.push({ what: `nodemcu dist/nodemcu/${name}`, value: bytes, budget: 0, unit: "bytes" });
    rows.push({ what: "nodemcu total", value: lua.totalBytes, budget: NODEMCU_SIZE_BUDGET, unit: "bytes" });
  } catch (e) {
    console.error(`nodemcu: build failed: ${e instanceof Error ? e.message : String(e)}`);
    over++;
  }
  for (const r of rows) {
    const verdict = r.budget === 0 ? "" : r.value <= r.budget ? `ok (budget ${r.budget})` : `OVER BUDGET (${r.budget})`;
    if (r.budget > 0 && r.value > r.budget) over++;
    console.log(`${r.what.padEnd(40)} ${String(r.value).padStart(7)} ${r.unit.padEnd(6)} ${verdict}`);
  }
  console.log(`espruino JsVar estimate: text ${jsvars.text} + functions ${jsvars.functions} + literals ${jsvars.properties} + fields ${jsvars.instances} (a model, not a measurement: measure process.memory().usage on a board)`);
  return over === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error("size: " + (e instanceof Error ? e.message : String(e)));
  process.exitCode = 1;
}
