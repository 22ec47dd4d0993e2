/**
 * The host's fob test against the firmware core on the simulated bench
 * (virtual time): the cases the firmware's own fob-test covered, now judged
 * on the host from the board's stamps. The relay pins' recorded timeline
 * checks what was physically pressed.
 */
import { describe, expect, it } from "vitest";
import type { BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { createBench, type FobSpec } from "../../host/sim/bench";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { BenchSession } from "../../host/cli/session/bench-session";
import { checkFirmware } from "../../host/session/run-session";
import type { SessionLine } from "../../host/session/board-session";
import { benchTestProblem, runFobTest } from "../../host/fobtest/run-fob-test";
import { FOB_TEST_DEFAULTS } from "../../host/fobtest/judge";
import { textField } from "../../host/protocol/event-line";

function without(...roles: string[]): BoardDescription {
  return { ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.filter((p) => !roles.includes(p.role)) };
}

async function benchSession(fobs: FobSpec[], board: BoardDescription = ESP32_RELAY8) {
  const bench = createBench({ board, fobs, user: false, backend: inProcessBackend });
  const session = new BenchSession(bench, "bench");
  const lines: SessionLine[] = [];
  const version = await checkFirmware(session, (l) => lines.push(l), new AbortController().signal);
  return { bench, session, lines, version };
}

/** Physical presses from the relay pins' timeline: role, start (device ms), length. */
function presses(bench: ReturnType<typeof createBench>): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const p of bench.board.pins) {
    if (p.drive === undefined) continue;
    let since = -1;
    for (const c of bench.pins.timeline) {
      if (c.dir !== "out" || c.pin !== p.pin) continue;
      const pressed = c.high === (p.active === "high");
      if (pressed && since < 0) since = c.t;
      else if (!pressed && since >= 0) {
        out.push([p.role, since, c.t - since]);
        since = -1;
      }
    }
  }
  return out.sort((a, b) => a[1] - b[1]);
}

describe("the host's fob test on the simulated bench (firmware core)", () => {
  it("PASS/FAIL per button with latency and burst (a dead switch, a slow fob), the cells; one press at a time", async () => {
    const { bench, session, lines, version } = await benchSession([
      { id: "key1", slot: 1, broken: ["lock"] },
      { id: "key2", slot: 2, batteryMv: 2700, wakeMs: 350 },
    ]);
    expect(benchTestProblem(version)).toBeNull();
    const r = await runFobTest(session, { ...FOB_TEST_DEFAULTS, signal: new AbortController().signal, onLine: (l) => lines.push(l) });
    expect(r.aborted).toBe(false);
    expect(r.buttons.map((b) => [b.fob, b.button, b.result, b.rf, b.reason])).toEqual([
      [1, "unlock", "PASS", "1", "-"],
      [1, "lock", "FAIL", "0", "no-rf"],
      [1, "boot", "PASS", "1", "-"],
      [2, "unlock", "FAIL", "1", "slow"],
      [2, "lock", "FAIL", "1", "slow"],
      [2, "boot", "FAIL", "1", "slow"],
    ]);
    // the slow fob wakes 350 ms after the press (over the 300 ms allowed): its latency says so
    for (const b of r.buttons.filter((x) => x.fob === 2)) expect(b.latencyMs).toBeGreaterThanOrEqual(350);
    for (const b of r.buttons.filter((x) => x.fob === 1 && x.result === "PASS")) {
      expect(b.latencyMs).toBeLessThanOrEqual(FOB_TEST_DEFAULTS.waitMs);
      expect(b.burstMs).toBeGreaterThan(0);
    }
    expect(r.batteries).toEqual([{ fob: 1, mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" }, { fob: 2, mv: 2700, errMv: 366, calibrated: false, verdict: "unsure", low: "weak", high: "ok" }]);
    // what the relays did: 400 ms each, one at a time, each after the previous one's window (1100 ms)
    const p = presses(bench);
    expect(p.map(([role, , ms]) => [role, ms])).toEqual([
      ["fob1.unlock", 400], ["fob1.lock", 400], ["fob1.boot", 400], ["fob2.unlock", 400], ["fob2.lock", 400], ["fob2.boot", 400],
    ]);
    for (let i = 1; i < p.length; i++) expect(p[i][1] - p[i - 1][1]).toBeGreaterThanOrEqual(1100);
    // the host's t0 is the relay closing
    const t0s = lines.flatMap((l) => (l.kind === "event" && l.event.event === "switch" && textField(l.event, "on") === "1" ? [l.event.ms] : []));
    expect(t0s).toEqual(p.map(([, at]) => at));
    // no refusal on the way (never busy), and the board is idle at the end
    expect(lines.some((l) => l.kind === "event" && l.event.event === "error" && textField(l.event, "code") !== "not-wired")).toBe(false);
    bench.send("status");
    expect(bench.events.filter((e) => e.event === "status").pop()?.fields).toMatchObject({ state: "idle", on: "-" });
    await session.close();
  });

  it("one fob, another press length, an unwired button skipped; a flat cell", async () => {
    const { bench, session } = await benchSession([{ id: "key1", slot: 1 }, { id: "key2", slot: 2, batteryMv: 2000 }], without("fob2.boot"));
    const skipped: string[] = [];
    const r = await runFobTest(session, { ...FOB_TEST_DEFAULTS, pressMs: 250, fob: 2, signal: new AbortController().signal, onLine: () => {}, onSkip: (f, b) => skipped.push(`fob${f}.${b}`) });
    expect(presses(bench).map(([role, , ms]) => [role, ms])).toEqual([["fob2.unlock", 250], ["fob2.lock", 250]]);
    expect(skipped).toEqual(["fob2.boot"]);
    expect(r.buttons.map((b) => [b.button, b.result, b.reason])).toEqual([["unlock", "FAIL", "no-rf"], ["lock", "FAIL", "no-rf"]]);
    expect(r.batteries).toEqual([{ fob: 2, mv: 2000, errMv: 302, calibrated: false, verdict: "unsure", low: "flat", high: "weak" }]);
    await session.close();
  });

  it("Ctrl-C mid-press: abort releases the button at once and the test ends", async () => {
    const { bench, session } = await benchSession([{ id: "key1", slot: 1 }, { id: "key2", slot: 2 }]);
    const stop = new AbortController();
    const onLine = (l: SessionLine) => {
      // 200 ms into the first press
      if (l.kind === "event" && l.event.event === "battery") {
        bench.runFor(200);
        stop.abort();
      }
    };
    const r = await runFobTest(session, { ...FOB_TEST_DEFAULTS, signal: stop.signal, onLine });
    expect(r.aborted).toBe(true);
    expect(r.buttons).toEqual([]);
    const p = presses(bench);
    expect(p).toHaveLength(1);
    expect(p[0][0]).toBe("fob1.unlock");
    expect(p[0][2]).toBeLessThan(400);
    bench.runFor(5000);
    expect(presses(bench)).toHaveLength(1);
    await session.close();
  });
});
