/**
 * `fobsync demo` as a user runs it (the BUILT CLI): the real Espruino
 * interpreter on a pseudo-terminal (needs socat), flashed with
 * dist/espruino/fobsync.js through the flash path, then a 2-key bmw-zke
 * session over the port, in real time (about 18 s). The --json run uses the
 * named fallback, fobsync's virtual Espruino at x50, to check it says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { crc32 } from "../../host/flash/crc32";
import { parseSessionLog } from "../../host/pictures/session-log";
import { numberField, textField } from "../../host/protocol/event-line";
import { buildCli, ROOT, runCli, runCliAsync } from "./run-cli";

const BUNDLE = join(ROOT, "dist", "espruino", "fobsync.js");

/** Does the built bundle carry `id` (a string literal in plain source, or a raw 8-byte string token when pretokenised)? */
function bundleCarries(id: string): boolean {
  const bytes = readFileSync(BUNDLE, "latin1");
  return bytes.includes(`"${id}"`) || bytes.includes(`\xd1\x08${id}`);
}

/** A fresh folder for the demo's files. */
function outDir(): string {
  return mkdtempSync(join(tmpdir(), "fobsync-demo-test-"));
}

beforeAll(() => {
  buildCli();
  if (!existsSync(BUNDLE)) execFileSync("npm", ["run", "--silent", "build:espruino"], { cwd: ROOT, stdio: "pipe" });
}, 60_000);

describe("fobsync demo on a simulated board behind a pseudo-terminal", () => {
  it("on the real Espruino interpreter: flashes the empty board (CRC and build id verified), pairs both keys, the car accepts them, exit 0; log and timing diagram written", { timeout: 120_000 }, async () => {
    const dir = outDir();
    const r = await runCliAsync(["demo", "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/on a simulated board behind a pseudo-terminal, real time\./);
    expect(r.stdout).toMatch(/The board runs on the real Espruino 2v29 interpreter \(\/\S+\), empty like a new ESP32/);
    expect(r.stdout).toMatch(/simulated board on \/dev\/pts\/\d+: Espruino REPL, empty Storage/);
    expect(r.stdout).toMatch(/== 1\/2  fobsync flash --port \/dev\/pts\/\d+/);
    expect(r.stdout).toMatch(/verifying the CRC of what the board stored/);
    const flashed = /flashed and verified: (\d+) bytes in [\d.]+ s \(\d+ B\/s\), CRC ([0-9a-f]{8}) matches, board booted build ([0-9a-f]{8})/.exec(r.stdout);
    expect(flashed).not.toBeNull();
    const file = readFileSync(BUNDLE);
    expect(Number(flashed![1])).toBe(file.length);
    expect(flashed![2]).toBe(crc32(file).toString(16).padStart(8, "0"));
    expect(bundleCarries(flashed![3])).toBe(true);
    expect(r.stdout).toMatch(/== 2\/2  fobsync pair --recipe bmw-zke --keys 2 --yes --port \/dev\/pts\/\d+/);
    expect(r.stdout).toMatch(/>>> Insert key 1, turn it to position 1 \(KL R\) <<<   \(you have 1(19\.\d|20) s\)/);
    expect(r.stdout).toMatch(/key 1: CONFIRMED/);
    expect(r.stdout).toMatch(/key 2: CONFIRMED/);
    expect(r.stdout).toMatch(/car: learn session ended \(a door was opened\)/);
    expect(r.stdout).toMatch(/Simulated car now accepts: key1, key2\n/);
    expect(r.stdout).toMatch(/KEY\s+FOB\s+RESULT\s+REASON\n1\s+1\s+confirmed\s+-\n2\s+2\s+confirmed/);
    expect(r.stdout).toMatch(/All 2 keys confirmed \(bmw-zke\)\./);

    const logPath = join(dir, "session.ndjson");
    const svgPath = join(dir, "timing.svg");
    expect(r.stdout).toContain(`Session log:    ${logPath}`);
    expect(r.stdout).toContain(`Timing diagram: ${svgPath}`);

    const log = parseSessionLog(readFileSync(logPath, "utf8"));
    expect(log.unreadableLines).toBe(0);
    expect(log.sessions).toHaveLength(1);
    const events = log.sessions[0].events;
    const results = events.filter((e) => e.event === "key.result").map((e) => [numberField(e, "key"), textField(e, "result")]);
    expect(results).toEqual([[1, "confirmed"], [2, "confirmed"]]);
    const windows = events.filter((e) => e.event === "window");
    expect(windows.map((e) => textField(e, "id"))).toEqual(["ign-off", "start", "taps", "start", "taps"]);

    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith("<svg") || svg.startsWith("<?xml")).toBe(true);
    expect(svg).toContain("bmw-zke, 2 keys");
    expect(svg).toContain("ended: done (ok, 2 confirmed)");
    for (const w of windows) {
      const seconds = (numberField(w, "to") - numberField(w, "from")) / 1000;
      expect(svg).toContain(`${textField(w, "id")} (key ${numberField(w, "key")}): ${seconds} s`);
    }
    expect(svg).toContain("key 1 confirmed");
    expect(svg).toContain("key 2 confirmed");
  });

  it("--json --virtual: one record per phase (flash progress, flash, events, car, files), ends with the summary, and names the virtual Espruino", () => {
    const dir = outDir();
    const r = runCli(["demo", "--json", "--virtual", "--speed", "50", "--out", dir]);
    expect(r.code).toBe(0);
    const recs = r.records();
    const types = recs.map((x) => x.type);
    expect(recs[0]).toMatchObject({ type: "demo", mode: "pty", speed: 50, firmware: "dist/espruino/fobsync.js", runsOn: expect.stringMatching(/virtual Espruino .*not the real interpreter/) });
    const build = recs[0].build;
    expect(bundleCarries(build)).toBe(true);
    expect(types).toContain("sim-port");
    expect(recs.filter((x) => x.type === "progress").map((x) => x.phase)).toEqual(expect.arrayContaining(["connect", "upload", "verify", "reboot"]));
    expect(recs.find((x) => x.type === "flash")).toMatchObject({ ok: true, build, crc: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(types.indexOf("flash")).toBeLessThan(types.indexOf("session"));
    expect(recs.filter((x) => x.type === "event" && x.event === "key.result").map((x) => x.fields.result)).toEqual(["confirmed", "confirmed"]);
    expect(recs.find((x) => x.type === "car")?.knownKeys).toEqual(["key1", "key2"]);
    expect(recs.find((x) => x.type === "files")).toEqual({ type: "files", log: join(dir, "session.ndjson"), svg: join(dir, "timing.svg"), events: expect.any(Number) });
    expect(recs.filter((x) => x.type === "summary")).toHaveLength(1);
    expect(recs[recs.length - 1]).toMatchObject({ type: "summary", ok: true, recipe: "bmw-zke", keysAsked: 2, keysConfirmed: 2, reason: "done" });
  });

  it("without socat: one line saying to run npm run setup, exit 9, nothing started", () => {
    const emptyBin = outDir();
    const r = runCli(["demo", "--out", outDir()], { PATH: emptyBin });
    expect(r.code).toBe(9);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^fobsync: the demo needs socat .* run `npm run setup`/);
  });

  it("without the built firmware, or with a truncated one: one line saying to run npm run build, exit 9", () => {
    const missing = runCli(["demo", "--bundle", join(outDir(), "fobsync.js")]);
    expect(missing.code).toBe(9);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/fobsync\.js, which is missing: run `npm run build`/);
    const damaged = join(outDir(), "fobsync.js");
    const whole = readFileSync(BUNDLE);
    writeFileSync(damaged, whole.subarray(0, whole.length >> 1));
    const bad = runCli(["demo", "--json", "--bundle", damaged]);
    expect(bad.code).toBe(9);
    expect(bad.records()).toEqual([expect.objectContaining({ type: "error", code: "not-built", exit: 9, message: expect.stringMatching(/carries no build id .*npm run build/) })]);
  });

  it("--no-pty runs the session in-process and says so; it still writes the log and the diagram", () => {
    const dir = outDir();
    const r = runCli(["demo", "--no-pty", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IN-PROCESS simulated bench/);
    expect(r.stdout).toMatch(/No pseudo-terminal, no serial port, no flashing/);
    expect(r.stdout).not.toMatch(/fobsync flash --port/);
    expect(r.stdout).toMatch(/Simulated car now accepts: key1, key2/);
    expect(existsSync(join(dir, "session.ndjson"))).toBe(true);
    expect(existsSync(join(dir, "timing.svg"))).toBe(true);
  });

  it("without the Espruino interpreter: says how to get it, exit 9, nothing started", () => {
    const r = runCli(["demo", "--out", outDir()], { ESPRUINO_BIN: join(outDir(), "no-espruino") });
    expect(r.code).toBe(9);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^fobsync: ESPRUINO_BIN=\S+: no such file\nor add --virtual/);
  });

  it("refuses a bad --speed, --speed without --virtual, and --sim-firmware without --no-pty (exit 2)", () => {
    expect(runCli(["demo", "--virtual", "--speed", "0"]).code).toBe(2);
    const real = runCli(["demo", "--speed", "5"]);
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/--speed needs --virtual: the real Espruino interpreter runs in real time/);
    const r = runCli(["demo", "--sim-firmware", "core"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sim-firmware only applies with --no-pty/);
  });
});
