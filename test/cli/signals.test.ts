/**
 * Every long-running command ends soon after SIGINT to its whole process
 * group (a terminal's Ctrl-C) and after SIGTERM (`kill`, `timeout`), with its
 * documented exit code and no child process left (socat, interpreters).
 * Each command runs as the BUILT CLI in a process group of its own, as a
 * shell starts a foreground job. Commands that need a board talk to one
 * `fobsync sim` (the real interpreter when this run has one, else fobsync's model), flashed first.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCliAsync } from "./run-cli";

const CLI = join(ROOT, "bin", "fobsync.js");
/** The CLI ends within 2 s of a signal (1.5 s deadline); this bound leaves room for a loaded machine. */
const ENDS_WITHIN_MS = 4000;

interface Ended {
  code: number | null;
  signal: string | null;
  /** From the signal to the exit. */
  ms: number;
  /** Processes still in the command's group after it exited. */
  left: string[];
  out: string;
}

/** Processes of group `pgid`, as "pid comm". */
function group(pgid: number): string[] {
  const ps = spawnSync("ps", ["-o", "pid=,comm=", "-g", String(pgid)], { encoding: "utf8" });
  return ps.stdout.split("\n").map((s) => s.trim()).filter((s) => s !== "");
}

/** Start the CLI in its own process group, wait `afterMs` (and for `when` in its output), send `signal` (to the group for SIGINT, as a terminal does). */
async function signalled(args: string[], signal: "SIGINT" | "SIGTERM", afterMs: number, when?: RegExp): Promise<Ended> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, detached: true, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
  const closed = new Promise((resolve) => child.on("close", resolve));
  try {
    await new Promise((r) => setTimeout(r, afterMs));
    for (let i = 0; when && !when.test(out) && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
    const sent = Date.now();
    process.kill(signal === "SIGINT" ? -child.pid! : child.pid!, signal);
    const guard = new Promise<null>((r) => setTimeout(() => r(null), 15_000));
    const end = await Promise.race([exited, guard]);
    const ms = Date.now() - sent;
    // children stopped at exit (and esbuild's service, which ends when its pipe closes) are gone a moment later
    for (let i = 0; i < 20 && group(child.pid!).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    // the exit can be seen before the pipes' last bytes are read: wait (briefly) for them to close
    if (end) await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
    return { code: end ? end.code : null, signal: end ? end.signal : "still running", ms, left: group(child.pid!), out };
  } finally {
    for (const p of group(child.pid!)) process.kill(Number(p.split(" ")[0]), "SIGKILL");
  }
}

let sim: ChildProcess;
let port = "";

beforeAll(async () => {
  buildCli();
  sim = spawn(process.execPath, [CLI, "sim"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "ignore"] });
  let simOut = "";
  sim.stdout!.on("data", (d) => (simOut += d));
  const start = Date.now();
  while (!/\n/.test(simOut) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 50));
  port = simOut.split("\n")[0].trim();
  const flash = await runCliAsync(["flash", "--port", port]);
  expect(flash.code, flash.stdout + flash.stderr).toBe(0);
}, 90_000);

afterAll(() => {
  if (sim?.pid) for (const p of group(sim.pid)) process.kill(Number(p.split(" ")[0]), "SIGKILL");
});

/** The command's documented exit code on Ctrl-C or SIGTERM, and how long after start to signal it. */
const CASES: { name: string; args: () => string[]; exit: number; afterMs: number; when?: RegExp; restMs?: number }[] = [
  { name: "demo", args: () => ["demo"], exit: 7, afterMs: 6000 },
  { name: "sim", args: () => ["sim"], exit: 0, afterMs: 5000 },
  { name: "monitor", args: () => ["monitor", "--port", port], exit: 0, afterMs: 2000 },
  { name: "web", args: () => ["web", "--port", port, "--no-open"], exit: 0, afterMs: 0, when: /token=/ },
  // restMs: after the previous case's aborted session the simulated user takes the key out (1.5 s to react);
  // until then the board rightly refuses a new session (not-ready: the ignition is on)
  { name: "pair", args: () => ["pair", "--recipe", "bmw-zke", "--keys", "2", "--yes", "--port", port], exit: 7, afterMs: 3000, when: /Sending:/, restMs: 2500 },
  // mid-upload
  { name: "flash", args: () => ["flash", "--port", port], exit: 7, afterMs: 0, when: /connecting to the Espruino REPL/ },
  { name: "test-fob", args: () => ["test-fob", "--port", port], exit: 7, afterMs: 3000 },
];

describe("signals end every long-running command", () => {
  for (const c of CASES) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      it(`${c.name}: ${signal === "SIGINT" ? "Ctrl-C at a terminal (SIGINT to the process group)" : "SIGTERM"} ends it with exit ${c.exit}, in time, leaving no child`, { timeout: 40_000 }, async () => {
        await new Promise((r) => setTimeout(r, c.restMs ?? 0));
        const r = await signalled(c.args(), signal, c.afterMs, c.when);
        expect({ code: r.code, signal: r.signal }, r.out).toEqual({ code: c.exit, signal: null });
        expect(r.ms, r.out).toBeLessThan(ENDS_WITHIN_MS);
        expect(r.left, r.out).toEqual([]);
        if (c.exit === 7) expect(r.out).toMatch(/abort|interrupted/i);
      });
    }
  }
});
