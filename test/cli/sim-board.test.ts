/**
 * `fobsync sim`, then `fobsync flash` and `fobsync pair` against its port,
 * each as a separate process of the BUILT CLI, as a user types them: on the
 * real Espruino interpreter (the pin bridge) when this run has one, else on
 * fobsync's model of Espruino, which sim then names. Ctrl-C ends sim and
 * leaves no interpreter or socat behind.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCliAsync } from "./run-cli";
import { expectedRunsOn, interpreter } from "../interpreter-gate";

const CLI = join(ROOT, "bin", "fobsync.js");

/** Run the CLI without blocking the worker; stdout and stderr together. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const r = await runCliAsync(args);
  return { code: r.code, out: r.stdout + r.stderr };
}

/** Process ids of the children of `pid` (Linux /proc via ps). */
function childrenOf(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout.split("\n").map((s) => Number(s.trim())).filter((n) => n > 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => buildCli(), 60_000);

describe(`fobsync sim on ${interpreter ? "the real Espruino interpreter" : "fobsync's model of Espruino (no interpreter in this run)"}`, () => {
  it("flash then pair --recipe bmw-zke --keys 2 against its port succeed; Ctrl-C ends sim without leaving children", { timeout: 120_000 }, async () => {
    const sim: ChildProcess = spawn(process.execPath, [CLI, "sim"], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let simOut = "";
    sim.stdout!.on("data", (d) => (simOut += d));
    sim.stderr!.on("data", (d) => (simOut += d));
    const exited = new Promise<number>((resolve) => sim.on("exit", (code) => resolve(code ?? -1)));
    try {
      const start = Date.now();
      while (!/\n/.test(simOut) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 50));
      const port = simOut.split("\n")[0].trim();
      expect(port).toMatch(/^\/dev\/pts\/\d+$/);
      await new Promise((r) => setTimeout(r, 300));
      expect(simOut).toMatch(new RegExp(`espruino board on ${expectedRunsOn().source}`));
      if (!interpreter) expect(simOut).toMatch(/no real Espruino interpreter found .* so the board runs on fobsync's model of Espruino/);
      const children = childrenOf(sim.pid!);
      expect(children.length).toBeGreaterThanOrEqual(interpreter ? 2 : 1); // socat, and the interpreter when there is one

      const flash = await run(["flash", "--port", port]);
      expect(flash.out).toMatch(/flashed and verified: \d+ bytes .* CRC [0-9a-f]{8} matches, board booted build [0-9a-f]{8}/);
      expect(flash.code).toBe(0);

      const pair = await run(["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", port]);
      expect(pair.out).toMatch(/key 1: CONFIRMED/);
      expect(pair.out).toMatch(/key 2: CONFIRMED/);
      expect(pair.out).toMatch(/All 2 keys confirmed \(bmw-zke\)\./);
      expect(pair.code).toBe(0);
      // the REPL's echo of what pair sent (its heartbeat every second) and its =undefined are not the board's words
      expect(pair.out).not.toMatch(/fs\("|=undefined/);

      sim.kill("SIGINT");
      expect(await exited).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(children.filter(alive)).toEqual([]);
    } finally {
      if (sim.exitCode === null) sim.kill("SIGKILL");
    }
  });
});
