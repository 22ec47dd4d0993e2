import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { buildCli, ROOT, runCli, runCliAsync, type CliRun } from "./run-cli";

/** The test-summary record and every other record of a --json run. */
function records(r: CliRun) {
  const recs = r.records();
  const summary = recs[recs.length - 1];
  const events = recs.filter((x) => x.type === "event");
  const sent = (name: string) => events.filter((e) => e.event === name);
  return { recs, summary, events, sent };
}

const results = (summary: Record<string, any>, fob?: number) =>
  summary.buttons.filter((b: any) => fob === undefined || b.fob === fob).map((b: any) => [b.fob, b.button, b.result, b.reason]);

describe("fobsync test-fob (built CLI, simulated bench): the host runs the test, the board stamps the times", () => {
  beforeAll(() => buildCli(), 60_000);

  it("says when the test left the car locked (the fobs are the car's keys: a lock press reached it), and not when no lock went out", () => {
    const locked = runCli(["test-fob", "--sim"]);
    expect(locked.code).toBe(0);
    expect(locked.stdout).toMatch(/The car is LOCKED now: a lock press reached it \(its lock feedback shows it\)\. Unlock it before fobsync pair/);
    expect(records(runCli(["test-fob", "--sim", "--json"])).summary.carLocked).toBe(true);
    const deadLock = runCli(["test-fob", "--sim", "--fob", "1", "--sim-fault", "fob1.lock", "--json"]);
    expect(records(deadLock).summary.carLocked).toBe(false);
  });

  it("passes every button of healthy fobs (exit 0): latency and burst from the board's stamps, the cell of each fob", () => {
    const r = runCli(["test-fob", "--sim", "--json"]);
    expect(r.code).toBe(0);
    const { summary, events, recs } = records(r);
    expect(summary).toMatchObject({ type: "test-summary", ok: true });
    expect(results(summary)).toEqual([
      [1, "unlock", "PASS", "-"], [1, "lock", "PASS", "-"], [1, "boot", "PASS", "-"],
      [2, "unlock", "PASS", "-"], [2, "lock", "PASS", "-"], [2, "boot", "PASS", "-"],
    ]);
    expect(summary.batteries).toEqual([{ fob: 1, mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" }, { fob: 2, mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" }]);
    // each verdict is what the board's lines say: t0 = the switch line's ms, the first rf on-edge's `at`
    const switchesOn = events.filter((e) => e.event === "switch" && e.fields.on === 1);
    expect(switchesOn.map((e) => e.fields.role)).toEqual(["fob1.unlock", "fob1.lock", "fob1.boot", "fob2.unlock", "fob2.lock", "fob2.boot"]);
    summary.buttons.forEach((b: any, i: number) => {
      const t0 = switchesOn[i].ms;
      const rfOn = events.find((e) => e.event === "input" && e.fields.role === "rf" && e.fields.on === 1 && e.fields.at >= t0)!;
      const rfOff = events.find((e) => e.event === "input" && e.fields.role === "rf" && e.fields.on === 0 && e.fields.at >= rfOn.fields.at)!;
      expect([b.rf, b.latencyMs, b.burstMs]).toEqual(["1", rfOn.fields.at - t0, rfOff.fields.at - rfOn.fields.at]);
      expect(b.latencyMs).toBeLessThanOrEqual(300);
    });
    // one live record per judged button; the firmware's own test events are gone
    expect(recs.filter((x) => x.type === "test-button")).toHaveLength(6);
    expect(events.filter((e) => e.event.startsWith("test."))).toEqual([]);
    // the version the host checked
    expect(events.find((e) => e.event === "version")?.fields).toMatchObject({ proto: 2, rf: 1 });
  });

  it("fails the unlock button of fob 1 with a broken switch (exit 1), human table", () => {
    const r = runCli(["test-fob", "--sim", "--sim-fault", "fob1.unlock"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^1\s+unlock\s+FAIL\s+0\s+-\s+-\s+no-rf/m);
    expect(r.stdout).toMatch(/^1\s+lock\s+PASS\s+1\s+\d+\s+\d+\s+-/m);
    expect(r.stdout).toMatch(/fob 1 unlock: FAIL \(no RF\)/);
    expect(r.stdout).toMatch(/Fob 1 cell 3\.00 V ± 0\.39 V \(uncalibrated ADC\): ok/);
    // read at every press, shown to a person once per fob
    expect(r.stdout.match(/Fob 1 cell/g)).toHaveLength(1);
    expect(r.stdout.match(/Fob 2 cell/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/FOB\s+CELL mV\s+ADC\s+VERDICT\n1\s+3000 ± 393\s+uncalibrated\s+ok/);
    expect(r.stdout).toMatch(/1 of 6 buttons FAIL: fob 1 unlock/);
    // the test finds the board's last fob by pressing the next one: a person is not told about a fob3 the board has not got
    expect(r.stdout).not.toMatch(/fob3/);
  });

  it("the seed's key: lock works, unlock does not (--fob 1): unlock FAIL no-rf, lock PASS, only fob 1 pressed", () => {
    const r = runCli(["test-fob", "--sim", "--fob", "1", "--sim-fault", "fob1.unlock", "--json"]);
    expect(r.code).toBe(1);
    const { summary, sent } = records(r);
    expect(results(summary)).toEqual([[1, "unlock", "FAIL", "no-rf"], [1, "lock", "PASS", "-"], [1, "boot", "PASS", "-"]]);
    expect(summary.buttons[0]).toMatchObject({ rf: "0", latencyMs: null, burstMs: null });
    expect(new Set(sent("switch").map((e) => e.fields.role))).toEqual(new Set(["fob1.unlock", "fob1.lock", "fob1.boot"]));
  });

  it("a weak cell (2.4 V): only unlock transmits, uncalibrated, the cell reads unsure (flat or ok): the ADC error band spans three verdicts", () => {
    const r = runCli(["test-fob", "--sim", "--sim-fault", "fob2.battery=2400", "--json"]);
    expect(r.code).toBe(1);
    const { summary, sent } = records(r);
    expect(summary.batteries).toEqual([{ fob: 1, mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" }, { fob: 2, mv: 2400, errMv: 338, calibrated: false, verdict: "unsure", low: "flat", high: "ok" }]);
    expect(results(summary, 2)).toEqual([[2, "unlock", "PASS", "-"], [2, "lock", "FAIL", "no-rf"], [2, "boot", "FAIL", "no-rf"]]);
    expect(results(summary, 1).every((b: any[]) => b[2] === "PASS")).toBe(true);
    // the board read the cell with the button held, right after the switch closed
    const cell = sent("battery").find((e) => e.fields.fob === 2)!;
    const closed = sent("switch").find((e) => e.fields.role === "fob2.unlock" && e.fields.on === 1)!;
    expect(cell.fields.mv).toBe(2400);
    expect(cell.seq).toBe(closed.seq + 1);
  });

  it("a flat cell (2.0 V): nothing transmits, every button FAILs no-rf, uncalibrated, the cell reads unsure (flat or weak)", () => {
    const r = runCli(["test-fob", "--sim", "--fob", "1", "--sim-fault", "fob1.battery=2000", "--json"]);
    expect(r.code).toBe(1);
    const { summary, sent } = records(r);
    expect(results(summary)).toEqual([[1, "unlock", "FAIL", "no-rf"], [1, "lock", "FAIL", "no-rf"], [1, "boot", "FAIL", "no-rf"]]);
    expect(summary.batteries).toEqual([{ fob: 1, mv: 2000, errMv: 302, calibrated: false, verdict: "unsure", low: "flat", high: "weak" }]);
    expect(sent("input").filter((e) => e.fields.role === "rf")).toEqual([]);
  });

  it("--press sets the press length; presses are spaced by the listening window", () => {
    const r = runCli(["test-fob", "--sim", "--fob", "2", "--press", "250", "--json"]);
    expect(r.code).toBe(0);
    const { sent } = records(r);
    const released = sent("switch").filter((e) => e.fields.on === 0);
    expect(released.map((e) => [e.fields.role, e.fields.held])).toEqual([["fob2.unlock", 250], ["fob2.lock", 250], ["fob2.boot", 250]]);
    const closed = sent("switch").filter((e) => e.fields.on === 1).map((e) => e.ms);
    // the next press starts after max(250, 300) + 700 ms
    for (let i = 1; i < closed.length; i++) expect(closed[i] - closed[i - 1]).toBeGreaterThanOrEqual(1000);
  });

  it("a board with 2-button fobs (esp32-relay8-4fobs): all 4 fobs tested, boot skipped as not wired", () => {
    const r = runCli(["test-fob", "--sim", "--sim-board", "esp32-relay8-4fobs", "--json"]);
    expect(r.code).toBe(0);
    const { summary, sent } = records(r);
    expect(summary.buttons.map((b: any) => `${b.fob}.${b.button}`)).toEqual(["1.unlock", "1.lock", "2.unlock", "2.lock", "3.unlock", "3.lock", "4.unlock", "4.lock"]);
    expect(summary.batteries).toEqual([]);
    expect(sent("error").map((e) => e.fields.role)).toEqual(["fob1.boot", "fob2.boot", "fob3.boot", "fob4.boot"]);
    const human = runCli(["test-fob", "--sim", "--sim-board", "esp32-relay8-4fobs", "--fob", "3"]);
    expect(human.stdout).toMatch(/fob3\.boot is not wired on this board: skipped/);
    expect(human.stdout).not.toMatch(/E error/);
    expect(human.stdout).toMatch(/All 2 buttons PASS/);
  });

  it("a board without an RF receiver: a clear error, nothing pressed", () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-test-fob-"));
    const file = join(dir, "no-rf.json");
    writeFileSync(file, JSON.stringify({ ...ESP32_RELAY8, id: "no-rf", pins: ESP32_RELAY8.pins.filter((p) => p.role !== "rf") }));
    const r = runCli(["test-fob", "--sim", "--sim-board", file, "--json"]);
    expect(r.code).toBe(1);
    const { recs, events } = records(r);
    expect(events.find((e) => e.event === "version")?.fields).toMatchObject({ proto: 2, rf: 0 });
    expect(recs[recs.length - 1]).toMatchObject({ type: "error", code: "firmware-not-wired", message: "no RF receiver wired (role rf): the test cannot hear the fob", exit: 1 });
    expect(events.filter((e) => e.event === "switch" || (e.event === "ok" && e.fields.cmd === "press"))).toEqual([]);
    const human = runCli(["test-fob", "--sim", "--sim-board", file]);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/no RF receiver wired \(role rf\): the test cannot hear the fob/);
  });

  it("rejects a malformed fault and --sim-board without --sim (exit 2)", () => {
    const r = runCli(["test-fob", "--sim", "--sim-fault", "fob1.horn"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sim-fault expects/);
    const b = runCli(["test-fob", "--port", "/dev/fobsync-no-such-port", "--sim-board", "esp32-relay8-4fobs"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--sim-board only applies to the simulated bench/);
    const f = runCli(["test-fob", "--sim", "--fob", "5"]);
    expect(f.code).toBe(2);
  });

  it("its log plots: every press and the RF edges on the timing diagram", () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-test-fob-"));
    const run = runCli(["test-fob", "--sim", "--fob", "1", "--sim-fault", "fob1.unlock", "--json"]);
    writeFileSync(join(dir, "test.ndjson"), run.stdout);
    const svgPath = join(dir, "timing.svg");
    const plot = runCli(["plot", join(dir, "test.ndjson"), "--out", svgPath]);
    expect(plot.code).toBe(0);
    const svg = readFileSync(svgPath, "utf8");
    for (const role of ["fob1.unlock", "fob1.lock", "fob1.boot", "rf"]) expect(svg).toContain(role);
  });
});

describe("fobsync test-fob against a NodeMCU board whose clock runs ahead of the host's", () => {
  beforeAll(() => buildCli(), 60_000);

  it("at sim --speed 5 every button is judged: an answer already received is read before its deadline is judged", { timeout: 90_000 }, async () => {
    const sim = spawn(process.execPath, [join(ROOT, "bin", "fobsync.js"), "sim", "--target", "nodemcu", "--speed", "5"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "ignore"] });
    let simOut = "";
    sim.stdout!.on("data", (d) => (simOut += d));
    try {
      for (let i = 0; i < 400 && !/\n/.test(simOut); i++) await new Promise((r) => setTimeout(r, 50));
      const port = simOut.split("\n")[0].trim();
      const flash = await runCliAsync(["flash", "--port", port, "--target", "nodemcu"]);
      expect(flash.code, flash.stderr).toBe(0);
      const r = await runCliAsync(["test-fob", "--port", port, "--target", "nodemcu", "--json"]);
      expect(r.code, r.stdout.slice(-600) + r.stderr).toBe(0);
      expect(r.records().filter((x) => x.type === "test-button").map((x) => (x as { result?: string }).result)).toEqual(["PASS", "PASS", "PASS", "PASS", "PASS", "PASS"]);
    } finally {
      process.kill(-sim.pid!, "SIGTERM");
    }
  });
});
