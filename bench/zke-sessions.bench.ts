/**
 * Issue 2's figure: how many complete 4-key bmw-zke sessions the simulated bench
 * (firmware core + ZKE car + 4 fobs + simulated user, in virtual time) runs per
 * CPU-second. Target: at least 5,000.
 *
 * The figure is measured on JavaScript built the way the shipped CLI is built
 * (esbuild bundle, ESM, node20): run as TypeScript (`npm run bench`, through tsx),
 * this file bundles itself into a temporary folder and runs the bundle in a plain
 * `node` process, so the loader's hooks and tsx's transform (name-keeping
 * wrappers) are not part of what is measured. `--tsx` measures in place instead.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESP32_RELAY8_4FOBS } from "../hal/board-profiles";
import { createBench } from "../host/sim/bench";

const TARGET = 5000;

/** One complete pairing of 4 keys on a fresh bench; throws unless the firmware confirmed all 4. */
function oneSession(): void {
  const bench = createBench({
    board: ESP32_RELAY8_4FOBS,
    car: { kind: "zke", knownKeys: ["old"] },
    fobs: [1, 2, 3, 4].map((slot) => ({ id: `key${slot}`, slot, buttons: 2 as const })),
  });
  bench.send("pair bmw-zke keys=4 confirm=4");
  const end = bench.runUntilEvent("session.end", 600_000);
  if (!end || end.fields.ok !== 1 || end.fields.confirmed !== 4) throw new Error(`session did not confirm 4 keys: ${bench.lines.slice(-3).join(" | ")}`);
  bench.close();
}

/** Warm up the JIT, then run batches of 100 sessions until 3 CPU-seconds were used; prints the figure. */
function measure(): void {
  for (let i = 0; i < 200; i++) oneSession();
  const started = process.cpuUsage();
  const wallStart = performance.now();
  let sessions = 0;
  let cpuMs = 0;
  while (cpuMs < 3000) {
    for (let i = 0; i < 100; i++) oneSession();
    sessions += 100;
    const used = process.cpuUsage(started);
    cpuMs = (used.user + used.system) / 1000;
  }
  const wallMs = performance.now() - wallStart;
  const perCpuSecond = Math.round((sessions * 1000) / cpuMs);
  console.log(`zke 4-key sessions per CPU-second: ${perCpuSecond}`);
  console.log(`  (${sessions} sessions in ${Math.round(cpuMs)} ms CPU, ${Math.round(wallMs)} ms wall; target ${TARGET}: ${perCpuSecond >= TARGET ? "met" : "NOT met"})`);
}

/** Bundle this file as the CLI is bundled and run the bundle with plain node; returns its exit code. */
async function runBundled(): Promise<number> {
  const { build } = await import("esbuild");
  // two levels below the repository root, as the sources are: the bundle finds the firmware
  // sources and esbuild there (the in-process core bundles the firmware with it)
  const dir = mkdtempSync(join(dirname(fileURLToPath(import.meta.url)), ".run-"));
  try {
    const out = join(dir, "zke-sessions.bench.mjs");
    const result = await build({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["esbuild"],
      write: false,
      logLevel: "warning",
    });
    writeFileSync(out, result.outputFiles[0].contents);
    const run = spawnSync(process.execPath, [out], { stdio: "inherit" });
    return run.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url.endsWith(".ts") && !process.argv.includes("--tsx")) process.exitCode = await runBundled();
else measure();
