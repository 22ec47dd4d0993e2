/**
 * `fobsync test-fob`: bench-test the wired fobs: press each button through its
 * switch, listen for the transmission (RF receiver), read the cell voltage,
 * and print PASS/FAIL per fob and button.
 */
import type { CommandModule, CommandContext } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { EXIT } from "../errors";
import { numberField, textField, type DeviceEvent } from "../../protocol/event-line";
import { chosenSimCar, openSession, type TargetOptions } from "../session/open-session";
import { targetOptions } from "../session/target-options";
import { checkFirmware, runProcedure } from "../session/run-session";
import { showLine } from "../session/event-view";
import { checkCommand } from "../../serial/firmware-command";

interface TestFobOptions extends TargetOptions {
  fob?: number;
  press?: number;
}

const IDLE_LIMIT_MS = 60_000;
/** Fobs on the simulated bench's board. */
const SIM_FOBS = 2;

export interface ButtonRow {
  fob: number;
  button: string;
  result: string;
  rf: string;
  latencyMs: number | null;
  burstMs: number | null;
  reason: string;
}

export interface BatteryRow {
  fob: number;
  mv: number;
  verdict: string;
}

/** Rows of the PASS/FAIL table from the test events. */
export function testRows(events: DeviceEvent[]): { buttons: ButtonRow[]; batteries: BatteryRow[] } {
  const num = (ev: DeviceEvent, k: string) => (Number.isFinite(numberField(ev, k)) ? numberField(ev, k) : null);
  const buttons = events.filter((e) => e.event === "test.button").map((e) => ({
    fob: numberField(e, "fob"),
    button: textField(e, "button"),
    result: textField(e, "result"),
    rf: textField(e, "rf"),
    latencyMs: num(e, "latency"),
    burstMs: num(e, "burst"),
    reason: textField(e, "reason") || "-",
  }));
  const batteries = events.filter((e) => e.event === "test.battery").map((e) => ({ fob: numberField(e, "fob"), mv: numberField(e, "mv"), verdict: textField(e, "verdict") }));
  return { buttons, batteries };
}

export const testFobCommand: CommandModule<TestFobOptions> = {
  name: "test-fob",
  summary: "bench-test the wired fobs: which buttons transmit, battery verdict; PASS/FAIL table",
  configure(cmd) {
    addOptions(cmd, [
      { flags: "--fob <n>", description: "test only fob <n> (default: every wired fob)", parse: intIn("--fob", 1, 9) },
      { flags: "--press <ms>", description: "press length per button in ms (default: the firmware's)", parse: intIn("--press", 15, 2000) },
      ...targetOptions("--sim [car]"),
    ]);
    cmd.addHelpText("after", "\nExits 0 only when every button PASSes. Example: fobsync test-fob --sim --sim-fault fob1.unlock");
  },
  async run(opts, ctx) {
    const simCar = chosenSimCar(opts, "test-fob", "zke");
    const args = ["test-fob", ...(opts.fob !== undefined ? [`fob=${opts.fob}`] : []), ...(opts.press !== undefined ? [`press=${opts.press}`] : [])];
    const command = checkCommand(args.join(" "));
    const session = await openSession(opts, simCar, SIM_FOBS);
    try {
      const onLine = (line: Parameters<typeof showLine>[1]) => showLine(ctx.out, line);
      ctx.out.emit({ type: "session", on: session.description, command }, `Running on: ${session.description}`, "heading");
      await checkFirmware(session, onLine, ctx.signal);
      const result = await runProcedure(session, { command, endEvent: "test.end", idleLimitMs: IDLE_LIMIT_MS, onLine, signal: ctx.signal });
      if (result.aborted) return EXIT.aborted;
      return report(testRows(result.events), ctx);
    } finally {
      await session.close();
    }
  },
};

function report(rows: ReturnType<typeof testRows>, { out }: CommandContext): number {
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
        { key: "mv", header: "CELL mV" },
        { key: "verdict", header: "VERDICT", tone: (v) => (v === "ok" ? "ok" : v === "weak" ? "warn" : "error") },
      ], rows.batteries as unknown as Array<Record<string, unknown>>);
    }
  }
  const failed = rows.buttons.filter((b) => b.result !== "PASS");
  const ok = rows.buttons.length > 0 && failed.length === 0;
  const text = rows.buttons.length === 0
    ? "No button was tested: is a fob wired?"
    : ok
      ? `All ${rows.buttons.length} buttons PASS.`
      : `${failed.length} of ${rows.buttons.length} buttons FAIL: ${failed.map((f) => `fob ${f.fob} ${f.button}`).join(", ")} (a worn switch or cracked joint when other buttons work; a weak cell when only unlock works).`;
  out.emit({ type: "test-summary", ok, buttons: rows.buttons, batteries: rows.batteries }, text, ok ? "ok" : "error");
  return ok ? EXIT.ok : EXIT.failed;
}
