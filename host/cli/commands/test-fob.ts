/**
 * `fobsync test-fob`: bench-test the wired fobs: press each button through its
 * switch, listen for the transmission (RF receiver), read the cell voltage,
 * and print PASS/FAIL per fob and button. The firmware keeps the timing
 * (presses and RF edges stamped on the device); the host runs the test and
 * judges it (host/fobtest).
 */
import type { CommandModule, CommandContext } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { EXIT, usageError } from "../../common/errors";
import { calibrateCell } from "../test-fob/calibrate-cell";
import { numberField, textField } from "../../protocol/event-line";
import { chosenSimCar, openSession, type TargetOptions } from "../session/open-session";
import { targetOptions } from "../session/target-options";
import { checkFirmware } from "../../session/run-session";
import { eventRecord, showLine, stamp } from "../session/event-view";
import type { SessionLine } from "../../session/board-session";
import { FOB_TEST_DEFAULTS, timingProblem, windowEnd, type FobTestTiming } from "../../fobtest/judge";
import { benchTestProblem, runFobTest, type BatteryRow, type ButtonRow } from "../../fobtest/run-fob-test";

export type { BatteryRow, ButtonRow } from "../../fobtest/run-fob-test";

interface TestFobOptions extends TargetOptions {
  fob?: number;
  press?: number;
  wait?: number;
  quiet?: number;
  calibrate?: number;
}

export const testFobCommand: CommandModule<TestFobOptions> = {
  name: "test-fob",
  summary: "bench-test the wired fobs: which buttons transmit, battery verdict; PASS/FAIL table",
  configure(cmd) {
    addOptions(cmd, [
      { flags: "--fob <n>", description: "test only fob <n> (default: every wired fob)", parse: intIn("--fob", 1, 4) },
      { flags: "--press <ms>", description: `press length per button in ms (default ${FOB_TEST_DEFAULTS.pressMs})`, parse: intIn("--press", 15, 2000) },
      { flags: "--wait <ms>", description: `PASS when the fob starts transmitting within this of the press (default ${FOB_TEST_DEFAULTS.waitMs})`, parse: intIn("--wait", 50, 2000) },
      { flags: "--quiet <ms>", description: `listen this much longer for the end of the burst (default ${FOB_TEST_DEFAULTS.quietMs})`, parse: intIn("--quiet", 700, 5000) },
      { flags: "--calibrate <mV>", description: "with --fob N and --port: calibrate fob N's cell input once against a voltage you measured (a bench supply in place of the cell, or the cell with its button held), stored on the board", parse: intIn("--calibrate", 1000, 5000) },
      ...targetOptions("--sim [car]"),
    ]);
    cmd.addHelpText(
      "after",
      "\nThe board stamps each press and each RF receiver edge with its own clock; fobsync judges from those times.\n" +
        "Needs an RF receiver on the board (role rf) and firmware with protocol 2 (fobsync flash).\n" +
        "Exits 0 only when every button PASSes.\n" +
        "Cell verdicts carry the ADC's error: an uncalibrated ESP32 reads up to 9 % off, so a verdict the error band does not settle is 'unsure'.\n" +
        "Examples:\n  $ fobsync test-fob --sim --sim-fault fob1.unlock   # fob 1 unlock FAILs: exit 1\n  $ fobsync test-fob --fob 1 --calibrate 3000 --port /dev/ttyUSB0   # 3.000 V measured on fob 1's cell input",
    );
  },
  async run(opts, ctx) {
    if (opts.calibrate !== undefined) return calibrateCell(opts, opts.calibrate, ctx);
    const simCar = chosenSimCar(opts, "test-fob", "zke");
    const timing: FobTestTiming = {
      pressMs: opts.press ?? FOB_TEST_DEFAULTS.pressMs,
      waitMs: opts.wait ?? FOB_TEST_DEFAULTS.waitMs,
      quietMs: opts.quiet ?? FOB_TEST_DEFAULTS.quietMs,
    };
    const problem = timingProblem(timing);
    if (problem) throw usageError(`test-fob: ${problem}`);
    // the bench's fobs are the user's own keys: a lock press near the car reaches it
    const session = await openSession(opts, simCar, undefined, ctx.cwd, [], true);
    const { out } = ctx;
    try {
      const shown: TestLineState = { cells: new Set(), wiredFobs: new Set(), heldSkips: new Map() };
      const onLine = (line: SessionLine) => showTestLine(ctx, line, shown);
      const which = opts.fob !== undefined ? `fob ${opts.fob}` : "every wired fob";
      out.emit({ type: "session", on: session.description, test: { fob: opts.fob ?? "all", ...timing } }, [
        `Running on: ${session.description}`,
        `Testing:    ${which}, each button pressed ${timing.pressMs} ms; PASS when RF starts within ${timing.waitMs} ms (listening ${windowEnd(0, timing)} ms)`,
      ], "heading");
      const version = await checkFirmware(session, onLine, ctx.signal, (t) => out.say(t, "dim"));
      const unfit = benchTestProblem(version);
      if (unfit) throw unfit;
      const result = await runFobTest(session, {
        ...timing,
        fob: opts.fob,
        signal: ctx.signal,
        onLine,
        onButton: (row) => out.emit({ type: "test-button", ...row }, buttonLine(row), row.result === "PASS" ? "ok" : "error"),
        onBattery: (row) => out.emit({ type: "test-battery", ...row }, null),
      }).catch(async (err: unknown) => {
        // whatever went wrong, leave no switch on
        await session.send("abort").catch(() => undefined);
        throw err;
      });
      if (result.aborted) {
        out.say("Aborted: the board released every switch.", "warn");
        return EXIT.aborted;
      }
      return report(result, ctx, shown.locked === true);
    } finally {
      await session.close();
    }
  },
};

/** `fob 1 unlock: PASS (RF after 25 ms, burst 180 ms)`. */
function buttonLine(row: ButtonRow): string {
  const rf = row.rf === "1" ? `RF after ${row.latencyMs} ms, burst ${row.burstMs} ms` : "no RF";
  return `fob ${row.fob} ${row.button}: ${row.result} (${rf}${row.reason === "slow" ? ", too slow" : ""})`;
}

/**
 * Board lines as every command shows them, except: the expected `not-wired`
 * answer to a press is a skipped button, and each fob's cell is shown to a
 * person once (the board reads it at every press; the JSON keeps every line).
 */
/** What the test's output has shown: each fob's cell once; the fobs the board has; skipped buttons of a fob not known yet. */
interface TestLineState {
  cells: Set<string>;
  wiredFobs: Set<string>;
  /** Per fob, the "not wired: skipped" lines held until the fob shows it exists (a fob past the board's last never does). */
  heldSkips: Map<string, string[]>;
  /** The car's locks as its lock feedback last showed them during the test (a lock press near the car reaches it); undefined: no change seen. */
  locked?: boolean;
}

function showTestLine({ out }: CommandContext, line: SessionLine, shown: TestLineState): void {
  const ev = line.kind === "event" ? line.event : null;
  if (ev?.event === "input" && textField(ev, "role") === "lock.feedback") shown.locked = numberField(ev, "on") === 1;
  const fobOf = (role: string) => /^fob(\d+)\./.exec(role)?.[1] ?? "";
  if (ev && ev.event === "error" && textField(ev, "cmd") === "press" && textField(ev, "code") === "not-wired") {
    // the test looks for the board's last fob by pressing the next one: a fob the board does not have is not reported
    const fob = fobOf(textField(ev, "role"));
    const text = `${stamp(ev.ms)} ${textField(ev, "role")} is not wired on this board: skipped`;
    out.emit(eventRecord(ev), null);
    if (shown.wiredFobs.has(fob)) out.say(text, "dim");
    else shown.heldSkips.set(fob, [...(shown.heldSkips.get(fob) ?? []), text]);
    return;
  }
  const wiredFob = ev?.event === "switch" ? fobOf(textField(ev, "role")) : "";
  if (wiredFob && !shown.wiredFobs.has(wiredFob)) {
    shown.wiredFobs.add(wiredFob);
    for (const text of shown.heldSkips.get(wiredFob) ?? []) out.say(text, "dim");
    shown.heldSkips.delete(wiredFob);
  }
  if (ev && ev.event === "battery") {
    const fob = textField(ev, "fob");
    if (shown.cells.has(fob)) return void out.emit(eventRecord(ev), null);
    shown.cells.add(fob);
  }
  showLine(out, line);
}

function report(rows: { buttons: ButtonRow[]; batteries: BatteryRow[] }, { out }: CommandContext, carLocked: boolean): number {
  out.say("");
  if (!out.json) {
    out.table("button", [
      { key: "fob", header: "FOB" },
      { key: "button", header: "BUTTON" },
      { key: "result", header: "RESULT", tone: (v) => (v === "PASS" ? "ok" : "error") },
      { key: "rf", header: "RF" },
      { key: "latencyMs", header: "LATENCY ms" },
      { key: "burstMs", header: "BURST ms" },
      { key: "reason", header: "REASON" },
    ], rows.buttons as unknown as Array<Record<string, unknown>>);
    if (rows.batteries.length) {
      out.say("");
      out.table("battery", [
        { key: "fob", header: "FOB" },
        { key: "cell", header: "CELL mV" },
        { key: "adc", header: "ADC" },
        { key: "verdict", header: "VERDICT", tone: (v) => (v === "ok" ? "ok" : String(v).startsWith("weak") || String(v).startsWith("unsure") ? "warn" : "error") },
      ], rows.batteries.map((b) => ({
        fob: b.fob,
        cell: `${b.mv} ± ${b.errMv}`,
        adc: b.calibrated ? "calibrated" : "uncalibrated",
        verdict: b.verdict === "unsure" ? `unsure (${b.low} or ${b.high})` : b.verdict,
      })));
      const unsure = rows.batteries.filter((b) => b.verdict === "unsure" && !b.calibrated);
      if (unsure.length) out.say(`An uncalibrated ESP32 ADC may read 9 % off. Calibrate a cell input once with a voltage you measured: fobsync test-fob --fob ${unsure[0].fob} --calibrate <mV> --port P`, "dim");
    }
  }
  const failed = rows.buttons.filter((b) => b.result !== "PASS");
  const ok = rows.buttons.length > 0 && failed.length === 0;
  const text = rows.buttons.length === 0
    ? "No button was tested: is a fob wired?"
    : ok
      ? `All ${rows.buttons.length} buttons PASS.`
      : `${failed.length} of ${rows.buttons.length} buttons FAIL: ${failed.map((f) => `fob ${f.fob} ${f.button}`).join(", ")} (a worn switch or cracked joint when other buttons work; a weak cell when only unlock works).`;
  out.emit({ type: "test-summary", ok, buttons: rows.buttons, batteries: rows.batteries, carLocked }, text, ok ? "ok" : "error");
  if (carLocked) out.say("The car is LOCKED now: a lock press reached it (its lock feedback shows it). Unlock it before fobsync pair: a ZKE car starts no key session while locked.", "warn");
  return ok ? EXIT.ok : EXIT.failed;
}
