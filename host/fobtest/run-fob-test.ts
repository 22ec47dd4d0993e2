/**
 * The fob bench test, run by the host over a BoardSession (simulated bench in
 * virtual time or a real board in wall time). The firmware keeps the timing:
 * `press <fob> <button> <ms>` closes the switch and stamps it (`switch on=1`,
 * the line's ms), reads the cell with the button held (`battery`), and
 * reports the RF receiver's debounced edges with their own device time
 * (`input role=rf at=`). The host presses one button at a time, listens until
 * the window end in device time, and judges (judge.ts).
 */
import { FOB_BUTTONS, MAX_FOBS } from "../../hal/board-device";
import { ANSWER_MS, type BoardSession, type SessionLine } from "../session/board-session";
import { CliError, EXIT } from "../common/errors";
import { describe } from "../protocol/texts";
import { numberField, textField, type DeviceEvent } from "../protocol/event-line";
import { batteryReadingOf, type BatteryReading } from "./battery";
import { judgeButton, windowEnd, type ButtonVerdict, type FobTestTiming, type RfEdge } from "./judge";

/** A fob button, one of FOB_BUTTONS (unlock, lock, boot: the order the test presses them). */
export type Button = string;

export interface ButtonRow extends ButtonVerdict {
  fob: number;
  button: Button;
}

/** A fob's cell: its reading, how far it may be off, and the verdict the whole band agrees on (or "unsure"). */
export interface BatteryRow extends BatteryReading {
  fob: number;
}

export interface FobTestOptions extends FobTestTiming {
  /** Test only this fob; default every wired fob (1.. until one has neither unlock nor lock wired). */
  fob?: number;
  signal: AbortSignal;
  /** Every line from the board, as it arrives. */
  onLine(line: SessionLine): void;
  /** A button was judged. */
  onButton?(row: ButtonRow): void;
  /** A fob's cell was read (its first press). */
  onBattery?(row: BatteryRow): void;
  /** The board answered `not-wired` for a button: skipped. */
  onSkip?(fob: number, button: Button): void;
}

export interface FobTestResult {
  buttons: ButtonRow[];
  batteries: BatteryRow[];
  aborted: boolean;
}

/**
 * After the window end, listen this much longer (device ms) for lines about
 * edges inside the window: an RF edge is reported after its debounce (5 ms on
 * the shipped boards) and a real link adds its latency.
 */
export const LATE_LINE_MS = 50;

/** Why the board cannot run the host's bench test, from its `version` answer; null when it can. */
export function benchTestProblem(version: DeviceEvent): CliError | null {
  const proto = numberField(version, "proto");
  if (!(proto >= 2)) {
    const fw = textField(version, "fw") || "?";
    return new CliError(
      "firmware-outdated",
      `the board's firmware (fw=${fw} proto=${Number.isNaN(proto) ? "?" : proto}) is too old for this fobsync: the bench test needs protocol 2 (RF edges and the cell reported from a bench press)`,
      EXIT.verifyFailed,
      "reflash with fobsync flash",
    );
  }
  if (numberField(version, "rf") !== 1) {
    return new CliError(
      "firmware-not-wired",
      "no RF receiver wired (role rf): the test cannot hear the fob",
      EXIT.failed,
      "wire a 433.92/315 MHz receiver module's DATA to the board (see fobsync wiring) and flash a board description with role rf",
    );
  }
  return null;
}

/** What is known about the press in progress, from the lines seen so far. */
interface PressWatch {
  fob: number;
  role: string;
  /** Device ms of the `switch on=1` line; null until it came. */
  t0: number | null;
  released: boolean;
  /** The cell read with this press's button held; null when none was reported. */
  /** The first `battery` line of the press. */
  cell: DeviceEvent | null;
  edges: RfEdge[];
}

type Wait = "done" | "late" | "aborted";

/** Run the test to its end (or Ctrl-C); throws CliError when the board stops answering, refuses, resets or faults. */
export async function runFobTest(session: BoardSession, opts: FobTestOptions): Promise<FobTestResult> {
  return new FobTestRun(session, opts).run();
}

class FobTestRun {
  private readonly buttons: ButtonRow[] = [];
  private readonly batteries: BatteryRow[] = [];
  /** The answer (`ok`/`error` cmd=press) to the press just sent. */
  private answer: DeviceEvent | null = null;
  private watch: PressWatch | null = null;

  constructor(
    private readonly session: BoardSession,
    private readonly opts: FobTestOptions,
  ) {}

  async run(): Promise<FobTestResult> {
    const fobs = this.opts.fob !== undefined ? [this.opts.fob] : Array.from({ length: MAX_FOBS }, (_, i) => i + 1);
    for (const fob of fobs) {
      const skipped: Button[] = [];
      let cellRead = false;
      for (const button of FOB_BUTTONS) {
        // every wired fob: a fob with neither unlock nor lock is past the last one
        if (this.opts.fob === undefined && button === "boot" && skipped.length === 2) return this.result(false);
        const watch = await this.press(fob, button);
        if (watch === "aborted") return this.abort();
        if (watch === "not-wired") {
          skipped.push(button);
          this.opts.onSkip?.(fob, button);
          continue;
        }
        const row: ButtonRow = { fob, button, ...judgeButton(watch.t0 as number, watch.edges, this.opts) };
        this.buttons.push(row);
        this.opts.onButton?.(row);
        if (!cellRead && watch.cell !== null) {
          cellRead = true;
          const battery: BatteryRow = { fob, ...batteryReadingOf(watch.cell) };
          this.batteries.push(battery);
          this.opts.onBattery?.(battery);
        }
      }
    }
    return this.result(false);
  }

  private result(aborted: boolean): FobTestResult {
    return { buttons: this.buttons, batteries: this.batteries, aborted };
  }

  /** One button: press, listen to the window end and the release. "not-wired" when the board has no such switch. */
  private async press(fob: number, button: Button): Promise<PressWatch | "not-wired" | "aborted"> {
    const role = `fob${fob}.${button}`;
    const command = `press ${fob} ${button} ${this.opts.pressMs}`;
    this.answer = null;
    this.watch = null;
    await this.session.send(command);
    const answered = await this.until(() => this.answer !== null, this.after(ANSWER_MS));
    if (answered === "aborted") return answered;
    if (answered === "late") throw this.silent(`the answer to '${command}'`);
    const answer = this.answer as unknown as DeviceEvent;
    if (answer.event === "error") {
      if (textField(answer, "code") === "not-wired") return "not-wired";
      throw refused(command, answer);
    }
    const watch: PressWatch = { fob, role, t0: null, released: false, cell: null, edges: [] };
    this.watch = watch;
    // the switch closes right after `ok`: its line's ms is t0
    const closed = await this.until(() => watch.t0 !== null, this.after(ANSWER_MS));
    if (closed === "aborted") return closed;
    if (closed === "late") throw this.silent(`the switch ${role} to close`);
    const t0 = watch.t0 as number;
    // listen to the window end, and a little longer for lines about edges inside it
    const listened = await this.until(() => false, windowEnd(t0, this.opts) + LATE_LINE_MS);
    if (listened === "aborted") return listened;
    // the board is busy until the switch is released (normally long before the window end)
    const released = await this.until(() => watch.released, t0 + this.opts.pressMs + ANSWER_MS);
    if (released === "aborted") return released;
    if (released === "late") throw this.silent(`the switch ${role} to release`);
    this.watch = null;
    return watch;
  }

  /** Device time `ms` from now. */
  private after(ms: number): number {
    return this.session.deviceNow() + ms;
  }

  /**
   * Read lines until `done()` holds, the device-time `deadline` passes, or the
   * user aborts. A line that has already arrived is read before the deadline
   * is judged: the device clock estimate jumps to each line's device time as
   * the line arrives, so a board whose clock runs ahead of the host's (a
   * simulated board at `--speed 5`) would otherwise look late with its answer
   * already waiting in the queue.
   */
  private async until(done: () => boolean, deadline: number): Promise<Wait> {
    const serial = this.session.kind === "serial";
    for (;;) {
      if (done()) return "done";
      if (this.opts.signal.aborted) return "aborted";
      const left = deadline - this.session.deviceNow();
      // on a real board wake up now and then: the device clock estimate moves on without lines
      const line = await this.session.next(left <= 0 ? 0 : serial ? Math.min(left, 250) : left, this.opts.signal);
      if (!serial) await yieldToEvents();
      if (!line) {
        if (left <= 0) return "late";
        continue;
      }
      this.opts.onLine(line);
      if (line.kind === "event") this.observe(line.event);
    }
  }

  /** Follow the command and the press in progress: answer, switch, cell, RF edges; a reset or fault ends the test. */
  private observe(ev: DeviceEvent): void {
    if (ev.event === "boot") throw new CliError("board-reset", `the ${this.session.description} restarted during the test`, EXIT.failed, "check the board's power supply, then run the test again");
    if (ev.event === "fault") throw new CliError("firmware-fault", `the firmware on the ${this.session.description} faulted: ${describe(ev) ?? textField(ev, "msg")}`, EXIT.failed);
    if ((ev.event === "ok" || ev.event === "error") && textField(ev, "cmd") === "press" && this.answer === null) {
      this.answer = ev;
      return;
    }
    const w = this.watch;
    if (!w) return;
    const role = textField(ev, "role");
    if (ev.event === "switch" && role === w.role) {
      if (numberField(ev, "on") === 1 && w.t0 === null) w.t0 = ev.ms;
      else if (numberField(ev, "on") === 0) w.released = true;
    } else if (ev.event === "cap" && role === w.role) {
      w.released = true;
    } else if (ev.event === "battery" && numberField(ev, "fob") === w.fob && w.cell === null) {
      w.cell = ev;
    } else if (ev.event === "input" && role === "rf") {
      const at = numberField(ev, "at");
      w.edges.push({ on: numberField(ev, "on") === 1, at: Number.isFinite(at) ? at : ev.ms });
    }
  }

  /** Ctrl-C: `abort` releases every switch; pass on the lines until its answer. */
  private async abort(): Promise<FobTestResult> {
    this.watch = null;
    await this.session.send("abort");
    const deadline = this.after(ANSWER_MS);
    for (;;) {
      const left = deadline - this.session.deviceNow();
      // lines already received are read even past the deadline (see until)
      const line = await this.session.next(Math.max(0, left));
      if (!line) break;
      this.opts.onLine(line);
      if (line.kind === "event" && line.event.event === "ok" && textField(line.event, "cmd") === "abort") break;
    }
    return this.result(true);
  }

  private silent(what: string): CliError {
    return new CliError(
      "no-answer",
      `the ${this.session.description} did not answer in time (waiting for ${what})`,
      EXIT.noAnswer,
      "check the board's power and cable; is the fobsync firmware flashed (fobsync flash)?",
    );
  }
}

function refused(command: string, ev: DeviceEvent): CliError {
  const code = textField(ev, "code");
  return new CliError(`firmware-${code || "error"}`, `the firmware refused '${command}': ${describe(ev) ?? code}`, EXIT.failed);
}

/** Let Ctrl-C and output flush between simulated steps (the simulator never waits by itself). */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
