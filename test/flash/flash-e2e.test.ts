/**
 * Flash end to end over a real pseudo-terminal onto the REAL Espruino
 * interpreter (behind the pin bridge, docs/espruino.md section 7), with the
 * real serialport bindings on the host end, exactly as `fobsync flash --port`
 * runs against hardware. Faults are injected by the board's modelled UART.
 * (The encodings a build without atob or heatshrink needs are tested on the
 * virtual Espruino: espruino-encodings.test.ts.)
 */
import { expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { flashEspruino } from "../../host/flash/espruino-flasher";
import type { ChunkEncoding } from "../../host/flash/espruino-chunks";
import { ReplConsole } from "../../host/serial/repl-console";
import { openSerialLink } from "../../host/serial/serialport-link";
import type { InterpreterBoard } from "../../host/sim/boards/interpreter-board";
import { interpreterFlashHarness } from "./interpreter-flash-harness";
import { describeOnInterpreter } from "../interpreter-gate";
import { buildEspruinoBundle } from "../../host/bundler/espruino-build";
import { ESP32_RELAY8_4FOBS } from "../../hal/board-profiles";

const h = interpreterFlashHarness();
const start = h.start;

async function flashOnce(b: InterpreterBoard, encodings?: ChunkEncoding[]) {
  const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
  try {
    return await flashEspruino({ console: new ReplConsole(link), bundle: h.bundle().bytes, build: h.bundle().build, encodings });
  } finally {
    await link.close();
  }
}

/** `.bootcde` as the interpreter's Storage holds it (latin1), or null when there is none. */
async function storedBootFile(b: InterpreterBoard): Promise<string | null> {
  const b64 = await b.board.evaluate('(function(f){return f===undefined?"none":btoa(f)})(require("Storage").read(".bootcde"))', 5000);
  if (b64 === null) throw new Error("the interpreter did not answer");
  return b64 === "none" ? null : Buffer.from(b64, "base64").toString("latin1");
}

const boots = (b: InterpreterBoard) => b.bench.events.filter((e) => e.event === "boot");

describeOnInterpreter("flash over a pseudo-terminal onto the real Espruino interpreter", () => {
  it("stores the bundle in .bootcde, verifies its CRC and sees the new build's boot banner", { timeout: 60_000 }, async () => {
    const b = await start();
    expect(await storedBootFile(b)).toBeNull();
    const result = await flashOnce(b);
    expect(result.build).toBe(h.bundle().build);
    expect(result.bytes).toBe(h.bundle().bytes.length);
    expect(await storedBootFile(b)).toBe(h.bundle().bytes.toString("latin1"));
    await expect.poll(() => boots(b).some((e) => e.fields.build === h.bundle().build), { timeout: 10_000 }).toBe(true);
  });

  it("catches a corrupted upload (CRC mismatch, exit 6), erases the bad code, and a second flash succeeds", { timeout: 60_000 }, async () => {
    // the modelled line changes the first letter inside a string literal from byte 5000 on: a chunk's payload, so the
    // syntax holds. In base64 one byte of the code changes and only the CRC can tell; in a heatshrink chunk the
    // decompressed length usually changes too and Storage refuses the write, which the flasher reports as the
    // board's own error (another path): this test is about the CRC
    const b = await start({ corruptAtByte: 5000 });
    const err = await flashOnce(b, ["base64"]).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code, (err as CliError).message).toBe("verify-crc");
    expect((err as CliError).exit).toBe(EXIT.verifyFailed);
    expect((err as CliError).message).toMatch(/^verification failed: the board stored different code/);
    await expect.poll(() => storedBootFile(b), { timeout: 5000 }).toBeNull();
    const again = await flashOnce(b);
    expect(again.build).toBe(h.bundle().build);
  });

  it("a port unplugged mid-upload gives a clear error (exit 3); once plugged back the board flashes again", { timeout: 60_000 }, async () => {
    const b = await start({ unplugAtByte: 6000, hostLink: `/tmp/fobsync-test-unplug-${process.pid}` });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("port-disconnected");
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
    // Plugging back in powers the board up; a board drops what it is sent while it boots, so wait
    // until it is up (its bridge has started) before flashing again, as a user waits for the board.
    const started = () => b.board.calls.filter((c) => c.kind === "boot").length;
    const before = started();
    await b.replug();
    await expect.poll(started, { timeout: 10_000 }).toBeGreaterThan(before);
    const again = await flashOnce(b);
    expect(again.build).toBe(h.bundle().build);
    expect(await storedBootFile(b)).toBe(h.bundle().bytes.toString("latin1"));
  });

  it("a port unplugged mid-upload over another firmware: once plugged back the board boots the firmware it had, never a mix", { timeout: 60_000 }, async () => {
    const b = await start({ unplugAtByte: 30_000, hostLink: `/tmp/fobsync-test-keep-${process.pid}` });
    const other = buildEspruinoBundle({ board: ESP32_RELAY8_4FOBS });
    const link = await openSerialLink({ path: b.hostPath, baudRate: 115200 });
    try {
      await flashEspruino({ console: new ReplConsole(link), bundle: Buffer.from(other.shipped, "latin1"), build: other.build });
    } finally {
      await link.close();
    }
    const err = await flashOnce(b).catch((e) => e);
    expect((err as CliError).code).toBe("port-disconnected");
    const before = boots(b).length;
    await b.replug();
    await expect.poll(() => boots(b).length > before && boots(b).at(-1)?.fields.build, { timeout: 10_000 }).toBe(other.build);
    expect(await storedBootFile(b)).toBe(other.shipped);
  });

  it("keeps the firmware across a power cycle: re-plugging restarts the interpreter, which boots the stored build", { timeout: 60_000 }, async () => {
    const b = await start({ hostLink: `/tmp/fobsync-test-power-${process.pid}` });
    await flashOnce(b);
    // the flash ends with a reboot whose banner may still be on its way under load: count from the boot of this build
    await expect.poll(() => boots(b).some((e) => e.fields.build === h.bundle().build), { timeout: 10_000 }).toBe(true);
    const pid = b.board.process.pid;
    await b.unplug();
    const before = boots(b).length;
    await b.replug();
    await expect.poll(() => b.board.process.pid !== pid && boots(b).length > before, { timeout: 10_000 }).toBe(true);
    expect(boots(b).at(-1)?.fields.build).toBe(h.bundle().build);
  });
});
