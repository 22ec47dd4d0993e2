import { describe, expect, it } from "vitest";
import { LATE_LINE_MS, runFobTest, type FobTestOptions } from "../../host/fobtest/run-fob-test";
import { FOB_TEST_DEFAULTS } from "../../host/fobtest/judge";
import type { BoardSession, SessionLine } from "../../host/session/board-session";
import { textField } from "../../host/protocol/event-line";
import { ScriptedBoard, type ScriptedButton } from "./scripted-board";

const OK: ScriptedButton = { latency: 30, burst: 180 };

function options(extra: Partial<FobTestOptions> = {}): FobTestOptions & { lines: SessionLine[]; skipped: string[] } {
  const lines: SessionLine[] = [];
  const skipped: string[] = [];
  return { ...FOB_TEST_DEFAULTS, signal: new AbortController().signal, onLine: (l) => lines.push(l), onSkip: (f, b) => skipped.push(`fob${f}.${b}`), lines, skipped, ...extra };
}

const presses = (b: ScriptedBoard) => b.sent.filter((s) => s.command.startsWith("press"));

describe("the host's fob test loop (scripted protocol-2 board)", () => {
  it("tests every wired fob: stops at the first fob with neither unlock nor lock, never presses while the board is busy", async () => {
    const board = new ScriptedBoard({
      buttons: { "fob1.unlock": OK, "fob1.lock": OK, "fob1.boot": OK, "fob2.unlock": OK, "fob2.lock": { latency: null, burst: 0 } },
      cells: { 1: 3000, 2: 2400 },
    });
    const opts = options();
    const r = await runFobTest(board, opts);
    expect(r.aborted).toBe(false);
    expect(presses(board).map((s) => s.command)).toEqual([
      "press 1 unlock 400", "press 1 lock 400", "press 1 boot 400",
      "press 2 unlock 400", "press 2 lock 400", "press 2 boot 400",
      "press 3 unlock 400", "press 3 lock 400",
    ]);
    expect(opts.skipped).toEqual(["fob2.boot", "fob3.unlock", "fob3.lock"]);
    expect(r.buttons.map((b) => [b.fob, b.button, b.result, b.latencyMs, b.burstMs, b.reason])).toEqual([
      [1, "unlock", "PASS", 30, 180, "-"],
      [1, "lock", "PASS", 30, 180, "-"],
      [1, "boot", "PASS", 30, 180, "-"],
      [2, "unlock", "PASS", 30, 180, "-"],
      [2, "lock", "FAIL", null, null, "no-rf"],
    ]);
    // one cell reading per fob, from its first press
    expect(r.batteries).toEqual([{ fob: 1, mv: 3000, errMv: 393, calibrated: false, verdict: "ok", low: "ok", high: "ok" }, { fob: 2, mv: 2400, errMv: 338, calibrated: false, verdict: "unsure", low: "flat", high: "ok" }]);
    // each press after the previous one's window: max(400, 300) + 700 ms after its switch closed, plus the late-line margin
    const at = presses(board).slice(0, 5).map((s) => s.at);
    for (let i = 1; i < at.length; i++) {
      expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(1100);
      expect(at[i] - at[i - 1]).toBeLessThanOrEqual(1 + 1100 + LATE_LINE_MS);
    }
    expect(board.sent.some((s) => s.command === "abort")).toBe(false);
  });

  it("counts an RF edge inside the window whose line arrives after the window end", async () => {
    // on at t0 + 1080 (window ends t0 + 1100), reported 45 ms later
    const board = new ScriptedBoard({ buttons: { "fob1.unlock": { latency: 1080, burst: 500 } }, edgeLineDelay: 45 });
    const r = await runFobTest(board, options({ fob: 1 }));
    expect(r.buttons).toEqual([{ fob: 1, button: "unlock", result: "FAIL", rf: "1", latencyMs: 1080, burstMs: 20, reason: "slow" }]);
  });

  it("waits for the switch's release line before the next press (the board is busy until then)", async () => {
    const board = new ScriptedBoard({ buttons: { "fob1.unlock": OK, "fob1.lock": OK }, releaseLineDelay: 2000 });
    const r = await runFobTest(board, options({ fob: 1 }));
    expect(r.buttons.map((b) => b.result)).toEqual(["PASS", "PASS"]);
    const [first, second] = presses(board);
    expect(second.at - first.at).toBeGreaterThanOrEqual(1 + 400 + 2000);
  });

  it("--fob N tests only that fob and skips its unwired buttons; another press length", async () => {
    const board = new ScriptedBoard({ buttons: { "fob1.unlock": OK, "fob2.unlock": OK, "fob2.lock": OK } });
    const opts = options({ fob: 2, pressMs: 250 });
    const r = await runFobTest(board, opts);
    expect(presses(board).map((s) => s.command)).toEqual(["press 2 unlock 250", "press 2 lock 250", "press 2 boot 250"]);
    expect(opts.skipped).toEqual(["fob2.boot"]);
    expect(r.buttons).toHaveLength(2);
    expect(r.batteries).toEqual([]);
  });

  it("Ctrl-C sends abort and ends the test without judging the press", async () => {
    const stop = new AbortController();
    const board = new ScriptedBoard({ buttons: { "fob1.unlock": OK, "fob1.lock": OK } });
    const opts = options({
      signal: stop.signal,
      onLine: (l) => {
        if (l.kind === "event" && l.event.event === "switch" && textField(l.event, "on") === "1") stop.abort();
      },
    });
    const r = await runFobTest(board, opts);
    expect(r).toEqual({ buttons: [], batteries: [], aborted: true });
    expect(board.sent.map((s) => s.command)).toEqual(["press 1 unlock 400", "abort"]);
  });

  it("a board that stops answering is exit 5; a refused press is exit 1", async () => {
    const board = new ScriptedBoard({ buttons: { "fob1.unlock": OK } });
    const mute: BoardSession = { kind: "sim", description: "mute board", send: async () => {}, next: (ms, s) => board.next(ms, s), deviceNow: () => board.deviceNow(), close: async () => {} };
    await expect(runFobTest(mute, options())).rejects.toMatchObject({ code: "no-answer", exit: 5 });
    const busy = new ScriptedBoard({ buttons: {} });
    busy.send = async function (this: ScriptedBoard) {
      (this as any).line(this.deviceNow(), () => "E error cmd=press code=busy role=fob2.lock");
    };
    await expect(runFobTest(busy, options())).rejects.toMatchObject({ code: "firmware-busy", exit: 1 });
  });
});
