/**
 * Run the BUILT CLI (`node bin/fobsync.js ...`) as a user would, without a
 * terminal on stdin. `buildCli()` bundles it first (npm run build:cli).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON (only for --json runs). */
  records(): Array<Record<string, any>>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** test/global-setup.ts bundled the CLI for this run, before any worker started. */
    cliBuilt: boolean;
  }
}

/**
 * Bundle the CLI as `npm run build:cli` does, unless the run's global set-up
 * did already: never while another worker may be loading it.
 */
export function buildCli(): void {
  if (inject("cliBuilt")) return;
  execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "pipe" });
}

/** Run `fobsync <args>`; env adds to a colour-free environment. */
export function runCli(args: string[], env: Record<string, string> = {}, input = ""): CliRun {
  const res = spawnSync(process.execPath, [join(ROOT, "bin", "fobsync.js"), ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env },
    timeout: 60_000,
  });
  return {
    code: res.status ?? -1,
    stdout: res.stdout,
    stderr: res.stderr,
    records: () => res.stdout.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l)),
  };
}

/**
 * `runCli` without blocking the test worker: for commands that take real
 * seconds (the demo on the real interpreter), so the worker keeps answering
 * vitest while it waits.
 */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    // "close", not "exit": the exit can be seen before the pipes' last bytes are read (a busy worker then saw an empty stdout)
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, records: () => stdout.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l)) });
    });
  });
}
