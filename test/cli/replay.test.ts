/**
 * `fobsync replay` keeps what a recording has: every complete line of a
 * recording cut off by a crash is replayed, with one warning naming the bad
 * line; an empty file, a directory or a missing file is one clear line and
 * exit 2. The monitor writes each entry with one write, so a monitor killed
 * with SIGKILL loses at most the entry it was writing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, ROOT, runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "fobsync-replay-"));
const entry = (t: number, text: string) => JSON.stringify({ t, dir: "rx", hex: Buffer.from(text, "latin1").toString("hex") });

beforeAll(() => buildCli(), 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fobsync replay", () => {
  it("replays every complete line of a recording whose last line was cut off, warns once with the line number, and says how many", () => {
    const file = join(dir, "cut.ndjson");
    const whole = [entry(1000, "@1 10 I boot fw=0.1.0 build=x target=espruino board=b proto=2 rf=1 fobs=2\r\n"), entry(1100, "@2 20 I ok cmd=status\r\n")].join("\n") + "\n";
    writeFileSync(file, whole + '{"t":1200,"dir":"rx","hex":"4033');
    const r = runCli(["replay", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/boot/);
    expect(r.stdout).toMatch(/ok/);
    expect(r.stdout).toMatch(/replayed 2 recorded entries .* \(1 line skipped\)/);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/line 3 \(cut off \(not JSON\)\); replaying the 2 entries that read back/)]);
    const json = runCli(["replay", file, "--json"]);
    expect(json.records().find((x) => x.type === "replayed")).toMatchObject({ entries: 2, skipped: 1 });
  });

  it("an empty recording, a directory and a missing file: one clear line each, exit 2", () => {
    const empty = join(dir, "empty.ndjson");
    writeFileSync(empty, "");
    for (const [file, said] of [
      [empty, /is empty: nothing was recorded/],
      [dir, /it is a directory/],
      [join(dir, "none.ndjson"), /no such file/],
    ] as const) {
      const r = runCli(["replay", file]);
      expect(r.code, file).toBe(2);
      expect(r.stderr.split("\n")[0]).toMatch(said);
      expect(r.stderr).not.toMatch(/EISDIR|ENOENT|at .*\.js/);
    }
  });

  it("a recording of a monitor killed with SIGKILL replays every entry it finished writing", { timeout: 60_000 }, async () => {
    const sim = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), "sim"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "ignore"] });
    let simOut = "";
    sim.stdout!.on("data", (d) => (simOut += d));
    try {
      for (let i = 0; i < 400 && !/\n/.test(simOut); i++) await new Promise((r) => setTimeout(r, 50));
      const port = simOut.split("\n")[0].trim();
      const file = join(dir, "killed.ndjson");
      const monitor = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), "monitor", "--port", port, "--record", file], { cwd: ROOT, stdio: ["pipe", "ignore", "ignore"] });
      await new Promise((r) => setTimeout(r, 1500));
      monitor.stdin!.write("status\n");
      monitor.stdin!.write("version\n");
      await new Promise((r) => setTimeout(r, 1500));
      monitor.kill("SIGKILL");
      await new Promise((r) => monitor.on("exit", r));
      const text = readFileSync(file, "utf8");
      const complete = text.split("\n").filter((l, i, all) => l !== "" && (i < all.length - 1 || text.endsWith("\n"))).length;
      expect(complete).toBeGreaterThan(0);
      const r = runCli(["replay", file, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.records().find((x) => x.type === "replayed")).toMatchObject({ entries: complete });
      expect(r.records().filter((x) => x.type !== "replayed").length).toBeGreaterThan(0); // what the board said (an unflashed interpreter: its REPL)
    } finally {
      process.kill(-sim.pid!, "SIGTERM");
    }
  });
});
