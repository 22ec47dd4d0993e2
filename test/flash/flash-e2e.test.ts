/**
 * Flash end to end over a real pseudo-terminal: the virtual board (the BUILT
 * bundle in the virtual Espruino) on one end, the real serialport bindings on
 * the other, exactly as `fobsync flash --port` runs against hardware.
 */
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../host/cli/errors";
import { ptyFlashHarness } from "./pty-flash-harness";

const { start, flashOnce, bundle } = ptyFlashHarness();

describe("flash over a pseudo-terminal", () => {
  it("stores the bundle in .bootcde, verifies its CRC and sees the new build's boot banner", async () => {
    const b = await start();
    expect(b.runtime.storage.read(".bootcde")).toBeUndefined();
    const result = await flashOnce(b);
    expect(result.build).toBe(bundle().build);
    expect(result.bytes).toBe(bundle().bytes.length);
    expect(b.runtime.storage.read(".bootcde")).toBe(bundle().bytes.toString("latin1"));
    expect(b.bench.events.some((e) => e.event === "boot" && e.fields.build === bundle().build)).toBe(true);
  });

  it("catches a corrupted upload (CRC mismatch, exit 6), erases the bad code, and a second flash succeeds", async () => {
    const b = await start({ corruptAtByte: 4000 });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("verify-crc");
    expect((err as CliError).exit).toBe(EXIT.verifyFailed);
    expect((err as CliError).message).toMatch(/^verification failed: the board stored different code/);
    await expect.poll(() => b.runtime.storage.read(".bootcde")).toBeUndefined();
    const again = await flashOnce(b);
    expect(again.build).toBe(bundle().build);
  });

  it("a port unplugged mid-upload gives a clear error (exit 3); once plugged back the board flashes again", async () => {
    const b = await start({ unplugAtByte: 6000, hostLink: `/tmp/fobsync-test-unplug-${process.pid}` });
    const err = await flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("port-disconnected");
    expect((err as CliError).exit).toBe(EXIT.portNotFound);
    await b.replug();
    const again = await flashOnce(b);
    expect(again.build).toBe(bundle().build);
    expect(b.runtime.storage.read(".bootcde")).toBe(bundle().bytes.toString("latin1"));
  });

  it("keeps the firmware across a power cycle: re-plugging boots the stored build", async () => {
    const b = await start({ hostLink: `/tmp/fobsync-test-power-${process.pid}` });
    await flashOnce(b);
    const boots = () => b.bench.events.filter((e) => e.event === "boot").length;
    const before = boots();
    await b.unplug();
    await b.replug();
    await expect.poll(boots, { timeout: 5000 }).toBe(before + 1);
    expect(b.bench.events.filter((e) => e.event === "boot").at(-1)?.fields.build).toBe(bundle().build);
  });
});
