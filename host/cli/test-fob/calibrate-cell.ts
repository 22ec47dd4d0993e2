/**
 * `fobsync test-fob --fob N --calibrate <mV> --port P`: the one-time
 * calibration of a fob's cell input, run as a command (host/fobtest/calibrate.ts
 * reads the cell and works out the gain; the board keeps it).
 */
import { CALIBRATION_FILE } from "../../../firmware/calibration-file";
import { CliError, EXIT, usageError } from "../../common/errors";
import { writeBoardFiles } from "../../flash/board-files";
import { gainFor, readCell } from "../../fobtest/calibrate";
import { requirePort } from "../../serial/cli-options";
import type { SessionLine } from "../../session/board-session";
import { checkFirmware } from "../../session/run-session";
import type { CommandContext } from "../command-module";
import { showLine } from "../session/event-view";
import { openSession, type TargetOptions } from "../session/open-session";

/**
 * `--calibrate <mV>`: read fob N's cell input against the voltage the user
 * measured, store the gain on the board, and read it again to show it took.
 */
export async function calibrateCell(opts: TargetOptions & { fob?: number }, knownMv: number, ctx: CommandContext): Promise<number> {
  if (opts.fob === undefined) throw usageError("--calibrate needs --fob N: the cell input to calibrate");
  if (opts.sim !== undefined) throw usageError("--calibrate writes to the board's flash: give --port (a board, or the port fobsync sim prints)");
  const fob = opts.fob;
  const { out, signal } = ctx;
  const onLine = (line: SessionLine) => showLine(out, line);
  const port = requirePort(opts.port, "test-fob --calibrate");
  const read = async () => {
    const session = await openSession(opts, undefined, undefined, ctx.cwd);
    try {
      await checkFirmware(session, onLine, signal, (t) => out.say(t, "dim"));
      return { cell: await readCell(session, fob, onLine, signal) };
    } finally {
      await session.close();
    }
  };
  const before = await read();
  const gain = gainFor(before.cell.raw, knownMv, fob);
  const file = CALIBRATION_FILE + fob;
  out.say(`fob ${fob}'s cell input read ${before.cell.raw} mV where you measured ${knownMv} mV: writing gain ${(gain / 1000).toFixed(3)} to ${file} on the board...`, "dim");
  await writeBoardFiles(port, opts.baud, opts.target, [{ name: file, bytes: Buffer.from(String(gain), "latin1") }], signal);
  const after = await read();
  const off = Math.abs(after.cell.mv - knownMv);
  if (after.cell.gain !== gain || off > Math.max(5, knownMv / 200)) {
    throw new CliError("calibration-failed", `after the calibration fob ${fob}'s cell input reads ${after.cell.mv} mV (gain ${after.cell.gain}) where ${knownMv} mV was measured`, EXIT.verifyFailed, "keep the voltage steady while it is read, then calibrate again");
  }
  out.emit(
    { type: "calibrated", fob, measuredMv: knownMv, rawMv: before.cell.raw, gain, file, readMv: after.cell.mv },
    `fob ${fob}'s cell input is calibrated: gain ${(gain / 1000).toFixed(3)} stored on the board (${file}); it now reads ${after.cell.mv} mV for your ${knownMv} mV, and its verdicts carry the calibrated error`,
    "ok",
  );
  return EXIT.ok;
}
