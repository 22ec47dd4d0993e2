/**
 * Issue 2's figure: how many complete 4-key bmw-zke sessions the simulated bench
 * (firmware core + ZKE car + 4 fobs + simulated user, in virtual time) runs per
 * CPU-second. Target: at least 5,000.
 */
import { ESP32_RELAY8_4FOBS } from "../hal/board-profiles";
import { createBench } from "../host/sim/bench";

const TARGET = 5000;

function oneSession(): void {
  const bench = createBench({
    board: ESP32_RELAY8_4FOBS,
    car: { kind: "zke", knownKeys: ["old"] },
    fobs: [1, 2, 3, 4].map((slot) => ({ id: `key${slot}`, slot, buttons: 2 })),
  });
  bench.send("pair bmw-zke keys=4 confirm=4");
  const end = bench.runUntilEvent("session.end", 600_000);
  if (!end || end.fields.ok !== 1 || end.fields.confirmed !== 4) throw new Error(`session did not confirm 4 keys: ${bench.lines.slice(-3).join(" | ")}`);
  bench.close();
}

for (let i = 0; i < 200; i++) oneSession(); // warm-up (JIT)

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
