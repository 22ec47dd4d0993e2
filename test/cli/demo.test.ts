/**
 * `fobsync demo` as a user runs it (the BUILT CLI): a simulated board on a
 * pseudo-terminal (needs socat), flashed with dist/espruino/fobsync.js
 * through the flash path, then a 2-key bmw-zke session over the port, in real
 * time (about 18 s): on the real Espruino interpreter when this run has one,
 * and on a machine without one (fobsync's model of Espruino, said so). The
 * --json run asks for the model at x50 (--virtual), to check it says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { crc32 } from "../../host/flash/crc32";
import { parseSessionLog } from "../../host/pictures/session-log";
import { numberField, textField } from "../../host/protocol/event-line";
import { buildCli, ROOT, runCli, runCliAsync, type CliRun } from "./run-cli";
import { expectedRunsOn, itOnInterpreter, MODEL_RUNS_ON_PATTERN, noInterpreterEnv } from "../interpreter-gate";

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

/**
 * What a 2-key demo run prints and writes, whatever board it ran on (`runsOn`
 * names it): the flash verified, both keys confirmed, the car accepting them,
 * the session log and the timing diagram.
 */
function expectDemoSession(r: CliRun, dir: string, runsOn: RegExp): void {
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/on a simulated board behind a pseudo-terminal, real time\./);
  expect(r.stdout).toMatch(new RegExp(`The board runs on ${runsOn.source}, empty like a new ESP32`));
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
}

describe("fobsync demo on a simulated board behind a pseudo-terminal", () => {
  itOnInterpreter("on the real Espruino interpreter: flashes the empty board (CRC and build id verified), pairs both keys, the car accepts them, exit 0; log and timing diagram written", { timeout: 120_000 }, async () => {
    const dir = outDir();
    const r = await runCliAsync(["demo", "--out", dir]);
    expectDemoSession(r, dir, expectedRunsOn());
    expect(r.stdout).not.toMatch(/no real Espruino interpreter found/);
  });

  it("on a machine with no interpreter anywhere: the same demo on fobsync's model of Espruino, one line saying so and how the real one would be used", { timeout: 120_000 }, async () => {
    const dir = outDir();
    const r = await runCliAsync(["demo", "--out", dir], noInterpreterEnv(outDir()));
    expectDemoSession(r, dir, MODEL_RUNS_ON_PATTERN);
    const said = r.stdout.split("\n").filter((l) => /no real Espruino interpreter found/.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^fobsync demo: no real Espruino interpreter found \(ESPRUINO_BIN unset, none at \S+\/fobsync\/espruino\/espruino\), so the board runs on fobsync's model of Espruino; to run it on the real one, build Espruino's Linux target .* or set ESPRUINO_BIN to it\.$/);
  });

  it("--json --virtual: one record per phase (flash progress, flash, events, car, files), ends with the summary, and names the model", () => {
    const dir = outDir();
    const r = runCli(["demo", "--json", "--virtual", "--speed", "50", "--out", dir]);
    expect(r.code).toBe(0);
    const recs = r.records();
    const types = recs.map((x) => x.type);
    expect(recs[0]).toMatchObject({ type: "demo", mode: "pty", speed: 50, firmware: "dist/espruino/fobsync.js", board: "model", runsOn: expect.stringMatching(MODEL_RUNS_ON_PATTERN) });
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

  it("an interpreter named by ESPRUINO_BIN that is not there: exit 9 with the reason, never a quiet switch to the model", () => {
    const r = runCli(["demo", "--out", outDir()], { ESPRUINO_BIN: join(outDir(), "no-espruino") });
    expect(r.code).toBe(9);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^fobsync: ESPRUINO_BIN=\S+: no such file\nfix or unset it, or add --virtual/);
  });

  it("FOBSYNC_REQUIRE_INTERPRETER with no interpreter anywhere: exit 9 saying how to get one, nothing started", () => {
    const r = runCli(["demo", "--out", outDir()], { ...noInterpreterEnv(outDir()), FOBSYNC_REQUIRE_INTERPRETER: "1" });
    expect(r.code).toBe(9);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^fobsync: no real Espruino interpreter \(ESPRUINO_BIN unset, none at \S+\) and FOBSYNC_REQUIRE_INTERPRETER asks for one\nbuild Espruino's Linux target/);
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
