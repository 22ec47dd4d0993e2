/**
 * `fobsync test-fob --fob N --calibrate <mV>` (the BUILT CLI) against a board
 * whose ADC reads 8 % low, as an uncalibrated ESP32 may: fobsync's model of
 * Espruino with the shipped firmware in Storage, behind a pseudo-terminal.
 * The gain lands on the board (Storage `fc1`), the firmware applies it to
 * every reading after and says so, and the test's verdict then carries the
 * calibrated error. A value too far from the reading is refused, nothing written.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { espruinoBundle } from "../../host/flash/bundle-source";
import { startModelBoard, type ModelBoard } from "../../host/sim/boards/model-board";
import { buildCli, runCliAsync } from "../cli/run-cli";

let board: ModelBoard | undefined;

beforeAll(() => buildCli(), 60_000);
afterEach(async () => {
  await board?.stop();
  board = undefined;
});

/** The board: the shipped firmware, fob cells at 3.000 V, an ADC that reads 0.92 mV per mV. */
async function lowReadingBoard(): Promise<ModelBoard> {
  board = await startModelBoard({ baud: 0, bundle: espruinoBundle().bytes.toString("latin1"), adcGain: 0.92 });
  return board;
}

describe("calibrating a fob's cell input", () => {
  it("--calibrate 3000 on a board reading 2760 mV: gain 1.087 stored on the board, read back as 3000 mV; the next test's verdict is calibrated", { timeout: 90_000 }, async () => {
    const b = await lowReadingBoard();
    const before = await runCliAsync(["test-fob", "--fob", "1", "--json", "--port", b.hostPath]);
    const cellBefore = before.records().find((r) => r.type === "test-summary")!.batteries[0];
    expect(cellBefore).toMatchObject({ mv: 2760, calibrated: false, verdict: "unsure", low: "weak", high: "ok" });

    const r = await runCliAsync(["test-fob", "--fob", "1", "--calibrate", "3000", "--port", b.hostPath]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/fob 1's cell input read 2760 mV where you measured 3000 mV: writing gain 1\.087 to fc1 on the board/);
    expect(r.stdout).toMatch(/fob 1's cell input is calibrated: gain 1\.087 stored on the board \(fc1\); it now reads 3000 mV for your 3000 mV/);
    expect(b.runtime.storage.read("fc1")).toBe("1087");

    const after = await runCliAsync(["test-fob", "--fob", "1", "--json", "--port", b.hostPath]);
    expect(after.records().find((x) => x.type === "test-summary")!.batteries[0]).toEqual({ fob: 1, mv: 3000, errMv: 150, calibrated: true, verdict: "ok", low: "ok", high: "ok" });
  });

  it("a measured value more than 25 % from the reading is not the ADC's error: refused in one line (exit 2), nothing written", { timeout: 60_000 }, async () => {
    const b = await lowReadingBoard();
    const r = await runCliAsync(["test-fob", "--fob", "1", "--calibrate", "1500", "--port", b.hostPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fob 1's cell input read 2760 mV where you measured 1500 mV: more than 25 % apart, which is not the ADC's error: nothing was written/);
    expect(b.runtime.storage.read("fc1")).toBeUndefined();
  });

  it("needs --fob and a port: --sim has no flash to write to", async () => {
    expect((await runCliAsync(["test-fob", "--calibrate", "3000", "--port", "/dev/ttyUSB9"])).stderr).toMatch(/--calibrate needs --fob N/);
    expect((await runCliAsync(["test-fob", "--fob", "1", "--calibrate", "3000", "--sim"])).stderr).toMatch(/--calibrate writes to the board's flash: give --port/);
  });
});
