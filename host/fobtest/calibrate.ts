/**
 * The one-time calibration of a fob's cell input (`fobsync test-fob --fob N
 * --calibrate <mV>`): the user puts a voltage they measured on the input (a
 * bench supply in place of the cell, or a cell measured with its button
 * held), the board reads it the way a test does (a bench press, the button
 * held), and the ratio of the two is stored on the board as the input's gain
 * (firmware/calibration-file.ts). The firmware applies it to every reading
 * after, and says so; the host then trusts the reading to the meter's 1 %
 * and the ADC pin's 60 mV (host/fobtest/battery.ts).
 */
import { CliError, EXIT } from "../common/errors";
import { numberField, textField, type DeviceEvent } from "../protocol/event-line";
import type { BoardSession, SessionLine } from "../session/board-session";

/** A gain outside this (thousandths) is not the ADC's error: a wrong divider, wire or value. */
export const GAIN_LIMITS = { lo: 750, hi: 1250 };

/** The press that loads the cell while the board reads it, ms. */
export const CALIBRATION_PRESS_MS = 300;

/** How long the board may take to answer, and to release the button after the press (real ms on a board). */
const ANSWER_MS = 3000;

export interface CellRead {
  /** The reading as the board reported it (its current calibration applied), mV. */
  mv: number;
  /** The board's current gain, thousandths (0: none). */
  gain: number;
  /** The reading without any calibration, mV. */
  raw: number;
}

/**
 * Read fob `fob`'s cell once, its first wired button held: the `battery`
 * line of a bench press. Waits for the release, so the board is idle after.
 */
export async function readCell(session: BoardSession, fob: number, onLine: (line: SessionLine) => void, signal: AbortSignal): Promise<CellRead> {
  for (const button of ["unlock", "lock", "boot"]) {
    await session.send(`press ${fob} ${button} ${CALIBRATION_PRESS_MS}`);
    let answer: DeviceEvent | null = null;
    let cell: DeviceEvent | null = null;
    let released = false;
    while (answer === null || (answer.event === "ok" && !released)) {
      const line = await session.next(answer === null ? ANSWER_MS : CALIBRATION_PRESS_MS + ANSWER_MS, signal);
      if (signal.aborted) throw new CliError("aborted", "calibration stopped: nothing was written", EXIT.aborted);
      if (!line) throw new CliError("no-answer", `no answer from the ${session.description} while reading fob ${fob}'s cell`, EXIT.noAnswer);
      onLine(line);
      if (line.kind !== "event") continue;
      const ev = line.event;
      if ((ev.event === "ok" || ev.event === "error") && textField(ev, "cmd") === "press") answer = ev;
      else if (ev.event === "battery" && numberField(ev, "fob") === fob) cell = ev;
      else if ((ev.event === "switch" && numberField(ev, "on") === 0) || ev.event === "cap") released = true;
    }
    if (answer.event === "error") {
      if (textField(answer, "code") === "not-wired") continue;
      throw new CliError("refused", `the board refused 'press ${fob} ${button}': ${textField(answer, "code")}`, EXIT.failed);
    }
    if (!cell) throw new CliError("no-cell-input", `fob ${fob} has no cell input on this board (role fob${fob}.battery): there is nothing to calibrate`, EXIT.usage, "wire the fob's cell through a divider to an ADC pin (fobsync wiring), then flash");
    const mv = numberField(cell, "mv");
    const gain = cell.fields.gain === undefined ? 0 : numberField(cell, "gain");
    return { mv, gain, raw: gain > 0 ? Math.round((mv * 1000) / gain) : mv };
  }
  throw new CliError("not-wired", `fob ${fob} has no button wired on this board: the cell is read with a button held`, EXIT.usage);
}

/** The gain (thousandths) that makes `raw` read `knownMv`; a usage error when the two are too far apart to be the ADC's error. */
export function gainFor(raw: number, knownMv: number, fob: number): number {
  const gain = raw > 0 ? Math.round((knownMv * 1000) / raw) : 0;
  if (gain < GAIN_LIMITS.lo || gain > GAIN_LIMITS.hi) {
    throw new CliError(
      "calibration-off",
      `fob ${fob}'s cell input read ${raw} mV where you measured ${knownMv} mV: more than 25 % apart, which is not the ADC's error: nothing was written`,
      EXIT.usage,
      `check that the voltage you measured is on fob ${fob}'s cell input, and the divider the board description names`,
    );
  }
  return gain;
}
