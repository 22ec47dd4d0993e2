import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../host/cli/program";
import { plotCommand } from "../../host/cli/commands/plot";
import { wiringCommand } from "../../host/cli/commands/wiring";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { renderWiringSvg } from "../../host/pictures/wiring-svg";
import { xmlProblems } from "./xml-check";

const fixture = (name: string) => new URL("./fixtures/" + name, import.meta.url).pathname;

/** Run `fobsync <argv>` in `cwd` with captured output. */
async function fobsync(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: process.stdin,
      env: { NO_COLOR: "1" },
      cwd,
      signal: new AbortController().signal,
    },
    [wiringCommand, plotCommand],
  );
  return { code, stdout, stderr };
}

describe("fobsync wiring", () => {
  it("writes the default profile's diagram and prints its table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-wiring-"));
    const r = await fobsync(["wiring"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "wiring.svg"), "utf8")).toBe(renderWiringSvg(ESP32_RELAY8));
    expect(r.stdout).toContain("GPIO34  ignition.klr   PC817 from KL R, 6.8 kOhm 1 W series, 10 kOhm pull-up to 3.3 V");
    expect(r.stdout).toContain(`wrote ${join(dir, "wiring.svg")}`);
  });

  it("gives the table as JSON records, one per pin, then the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-wiring-"));
    const r = await fobsync(["--json", "wiring", "--out", "pics/w.svg"], dir);
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(records.filter((x) => x.type === "wiring").map((x) => x.role)).toHaveLength(ESP32_RELAY8.pins.length);
    expect(records.find((x) => x.role === "door")).toMatchObject({ type: "wiring", gpio: "GPIO33", component: "optocoupler", resistors: ["6.8 kOhm 1 W series"], connectsTo: "door contact" });
    expect(records[records.length - 1]).toMatchObject({ type: "file", kind: "wiring-svg", path: join(dir, "pics/w.svg"), board: "esp32-relay8" });
    expect(xmlProblems(readFileSync(join(dir, "pics/w.svg"), "utf8"))).toEqual([]);
  });

  it("refuses an invalid board file with exit 2 and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-wiring-"));
    writeFileSync(join(dir, "b.json"), JSON.stringify({ ...ESP32_RELAY8, pins: [{ role: "fob1.unlock", pin: 99, active: "low" }] }));
    const r = await fobsync(["wiring", "--board", "b.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a valid board");
    expect(r.stderr).toContain("role fob1.unlock: pin must be a GPIO number 0..48, got 99");
    expect(existsSync(join(dir, "wiring.svg"))).toBe(false);
  });
});

describe("fobsync plot", () => {
  it("plots the last session of an NDJSON log and lists its problems", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-plot-"));
    const r = await fobsync(["plot", fixture("zke-violation.ndjson"), "--out", "t.svg"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("session 1 of 1 (bmw-zke, 2 keys, auto), ended: violation (not ok, 0 confirmed)");
    expect(r.stdout).toContain("V1 at 19.9 s: window taps (key 2) missed: 3 taps not done within 10 s");
    const svg = readFileSync(join(dir, "t.svg"), "utf8");
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain(">fob2.unlock</text>");
  });

  it("reports in JSON what it drew", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-plot-"));
    const r = await fobsync(["--json", "plot", fixture("zke-2keys.txt"), "--width", "600"], dir);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout.trim());
    expect(rec).toMatchObject({
      type: "plot",
      path: join(dir, "timing.svg"),
      session: 1,
      sessions: 1,
      lanes: ["fob1.unlock", "fob1.lock", "fob2.unlock", "fob2.lock", "ignition.klr", "lock.feedback"],
      windows: 5,
      keys: [{ key: 1, result: "confirmed" }, { key: 2, result: "confirmed" }],
      problems: [],
    });
  });

  it("exits 2 with a clear message for a log without events, a missing file or a session out of range", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fobsync-plot-"));
    writeFileSync(join(dir, "empty.log"), "hello\n");
    let r = await fobsync(["plot", "empty.log"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the log has no firmware events");
    r = await fobsync(["plot", "missing.log"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such file");
    r = await fobsync(["plot", fixture("zke-2keys.txt"), "--session", "2"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("session 2 does not exist: the log has 1 session(s)");
    expect(existsSync(join(dir, "timing.svg"))).toBe(false);
  });
});
