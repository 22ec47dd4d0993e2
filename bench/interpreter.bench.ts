/**
 * Figures from the REAL Espruino interpreter (the Linux build of the boards'
 * C interpreter, found by host/espruino/check-interpreter.ts: ESPRUINO_BIN,
 * else the per-user cache), running the exact shipped bytes
 * (dist/espruino/fobsync.js) behind the pin bridge. Without one, it names
 * the figures it could not measure and exits 0 (1 when
 * FOBSYNC_REQUIRE_INTERPRETER asks for one):
 *
 *   1. JsVars after boot (process.memory().usage), the bridge's own share
 *      measured on an empty `.bootcde` and taken out;
 *   2. peak JsVars during a 4-key bmw-zke session (keys 3 and 4 by hand on
 *      the default board), sampled every 100 ms;
 *   3. press-edge timing over a 20-edge press sequence (one key, taps=9):
 *      each edge's getTime() stamp from the bridge against the firmware's
 *      own plan (firmware/plan.ts), relative to the first edge;
 *   4. is in upload.bench.ts (fobsync flash against the EspruinoTools CLI).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../host/bundler/build-info";
import { buildPlan } from "../firmware/plan";
import { BMW_ZKE } from "../firmware/recipes/bmw-zke";
import { defaultParams } from "../firmware/recipes/params";
import type { KeyStep } from "../firmware/recipes/types";
import { ESP32_RELAY8, ESP8266_RELAY4 } from "../hal/board-profiles";
import { findPin } from "../hal/board";
import { checkInterpreter, describeInterpreter } from "../host/espruino/check-interpreter";
import { howToGetInterpreter, interpreterRequired } from "../host/espruino/interpreter";
import { bootOnInterpreter, bridgeJsVars, fourKeySessionPeak, jsVarDumpWith, jsVarsWith, until } from "../test/scenarios/run-on-interpreter";
import { breakdownOf } from "../host/espruino/jsvar-breakdown";
import { buildEspruinoBundle } from "../host/bundler/espruino-build";
import { PIN_BRIDGE_SOURCE } from "../host/sim/real-espruino/pin-bridge";

const shipped = readFileSync(join(REPO_ROOT, "dist", "espruino", "fobsync.js"), "latin1");

async function memoryFigures(): Promise<number> {
  const empty = await jsVarsWith({ ".bootcde": "" });
  const bridge = await bridgeJsVars();
  const b = await bootOnInterpreter({ car: { kind: "zke" }, user: false }, shipped);
  await b.stop();
  console.log(`JsVars after boot, default board (esp32-relay8), shipped bytes: ${b.afterBoot - bridge} (${b.afterBoot} measured with the pin bridge, whose own share is ${bridge}; an empty program: ${empty})`);
  // by kind (E.dumpVariables()), the bridge and the empty interpreter's own taken off
  const firmware = breakdownOf(await jsVarDumpWith({ ".boot0": PIN_BRIDGE_SOURCE, ".bootcde": shipped }));
  const base = breakdownOf(await jsVarDumpWith({ ".boot0": PIN_BRIDGE_SOURCE, ".bootcde": "" }));
  const kinds = (Object.keys(firmware) as (keyof typeof firmware)[]).filter((k) => k !== "total");
  console.log(`  by kind: ${kinds.map((k) => `${k} ${firmware[k] - base[k]}`).join(", ")}; total ${firmware.total - base.total} (E.dumpVariables(), bridge and interpreter taken off)`);
  // every stage of the pipeline that runs (esbuild's output does not: declarations are not hoisted yet)
  for (const stage of buildEspruinoBundle().stages.slice(1)) {
    const used = (await jsVarsWith({ ".boot0": PIN_BRIDGE_SOURCE, ".bootcde": stage.code })) - bridge;
    console.log(`  after ${stage.name.padEnd(12)} ${String(Buffer.byteLength(stage.code, "latin1")).padStart(6)} bytes, ${used} JsVars after boot`);
  }
  return bridge;
}

async function peakDuringSession(bridge: number): Promise<void> {
  const { peak, samples, end } = await fourKeySessionPeak(shipped);
  console.log(`peak JsVars during a 4-key bmw-zke session: ${peak - bridge} (${peak} with the bridge; ${samples} samples every 100 ms; session ${end.ok === 1 ? "confirmed all 4 keys" : `ended ${end.reason}`})`);
}

/** The ESP8266 profile (an ESP8266 has 1,600 JsVars): after boot and at a 4-key session's peak. */
async function esp8266Profile(bridge: number): Promise<void> {
  const bundle = buildEspruinoBundle({ board: ESP8266_RELAY4 }).shipped;
  const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["key1"] }, board: ESP8266_RELAY4, user: false }, bundle);
  const afterBoot = b.afterBoot - bridge;
  await b.stop();
  const { peak, end } = await fourKeySessionPeak(bundle, ESP8266_RELAY4);
  console.log(`ESP8266 profile (esp8266-relay4): ${afterBoot} JsVars after boot, ${peak - bridge} at a 4-key session's peak (session ${end.ok === 1 ? "confirmed all 4 keys" : `ended ${end.reason}`}); an ESP8266 has 1600, so ${1600 - (peak - bridge)} stay free at the peak, less Espruino's own`);
}

async function pressTiming(): Promise<void> {
  const b = await bootOnInterpreter({ car: { kind: "zke", knownKeys: ["old"] }, fobs: [{ id: "key1", slot: 1 }] }, shipped);
  try {
    b.bench.send("pair bmw-zke keys=1 confirm=1 taps=9");
    const unlock = findPin(ESP32_RELAY8, "fob1.unlock")!.pin;
    const lock = findPin(ESP32_RELAY8, "fob1.lock")!.pin;
    const active = (pin: number) => findPin(ESP32_RELAY8, pin === unlock ? "fob1.unlock" : "fob1.lock")!.active === "high";
    const bootWrites = b.board.writes.length;
    const edges = () => b.board.writes.slice(bootWrites).filter((w) => w.pin === unlock || w.pin === lock);
    if (!(await until(() => edges().length >= 20, 60_000))) throw new Error(`only ${edges().length} press edges`);
    const params = defaultParams(BMW_ZKE.params);
    params.taps = 9;
    const plan = buildPlan((BMW_ZKE.steps[3] as KeyStep).plan, params, 1, 0);
    const got = edges().slice(0, 20);
    const errors = got.map((w, i) => {
      const planned = plan.at[i] - plan.at[0];
      const measured = (w.t - got[0].t) * 1000;
      if ((w.high === active(w.pin)) !== plan.down[i]) throw new Error(`edge ${i} is not the plan's (${plan.role[i]} ${plan.down[i] ? "on" : "off"})`);
      return measured - planned;
    });
    const abs = errors.map(Math.abs);
    const mean = abs.reduce((a, x) => a + x, 0) / abs.length;
    console.log(
      `press-edge timing over ${plan.at.length} planned edges (taps=9, ${plan.at[plan.at.length - 1] - plan.at[0]} ms), bridge getTime() stamps against the plan: ` +
        `max |error| ${Math.max(...abs).toFixed(2)} ms, mean ${mean.toFixed(2)} ms, drift (last - first) ${(errors[errors.length - 1] - errors[0]).toFixed(2)} ms (goal: <= 1 ms per edge, no drift)`,
    );
  } finally {
    await b.stop();
  }
}

const found = await checkInterpreter();
if (found.kind !== "ok") {
  const why = found.kind === "none" ? `none found (ESPRUINO_BIN unset, none at ${found.cachePath})` : found.problem;
  console.log(`interpreter: ${why}`);
  console.log("  skipped: JsVars after boot and by kind, JsVars per build stage, the 4-key session's peak JsVars, the ESP8266 profile's JsVars, press-edge timing");
  console.log(`  to measure them: ${howToGetInterpreter()}`);
  process.exit(interpreterRequired() ? 1 : 0);
}
console.log(`interpreter: ${describeInterpreter(found)}${found.note ? ` (${found.note})` : ""}`);
const bridge = await memoryFigures();
await peakDuringSession(bridge);
await esp8266Profile(bridge);
await pressTiming();
process.exit(0);
