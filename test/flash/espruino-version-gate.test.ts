/**
 * What `fobsync flash` learns of the board's Espruino in the probe it sends
 * anyway: its version (older than the oldest fobsync runs on is refused) and,
 * on an ESP32, the radios it has on (said after the flash).
 *
 * `fobsync flash` refuses an Espruino older than the oldest fobsync runs on,
 * before anything is written: 2v25 and older cannot read the pretokenised
 * bundle's compact integers, and 2v26's ESP32 build refused setWatch on the
 * ignition and RF pins. The version comes in the probe the flasher sends
 * anyway (`process.env.VERSION`); boards on fobsync's model of Espruino
 * reporting each version.
 */
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { ptyFlashHarness } from "./pty-flash-harness";
import { flashBundleTo } from "../../host/cli/commands/flash";
import { Output } from "../../host/common/output";

const h = ptyFlashHarness();

describe("flash and the board's Espruino version", () => {
  it.each(["2v25", "2v26"])("Espruino %s: refused in one line naming both versions (exit 6), nothing written", async (version) => {
    const b = await h.start({ version });
    const err = await h.flashOnce(b).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exit).toBe(EXIT.verifyFailed);
    expect((err as CliError).message).toBe(`the board runs Espruino ${version}; fobsync needs 2v27 or newer: nothing was written`);
    expect(b.runtime.storage.read(".bootcde")).toBeUndefined();
  });

  it.each(["2v27", "2v29.277"])("Espruino %s: flashed", async (version) => {
    const b = await h.start({ version });
    const r = await h.flashOnce(b);
    expect(r.build).toBe(h.bundle().build);
  });
});

describe("flash and an ESP32's radios", () => {
  /** flash as the command runs it, its output kept (human and JSON). */
  async function flashCommand(radios: { wifi: boolean; ble: boolean }, lockRadios = false, json = false) {
    const b = await h.start({ radios });
    let text = "";
    const out = new Output({ json, color: false, stdout: { write: (t: string) => (text += t) }, stderr: { write: () => true } });
    const result = await flashBundleTo(b.hostPath, 115200, h.bundle(), { out, signal: new AbortController().signal }, { lockRadios });
    return { b, result, text };
  }

  /** What the flashed firmware says of the radios in its version line. */
  function versionRadios(b: Awaited<ReturnType<typeof h.start>>): string | undefined {
    const answer = b.runtime.feedBytes('\x10fs("version")\n');
    return /radios=(\S+)/.exec(answer)?.[1];
  }

  it("Wi-Fi and Bluetooth on: flashed, then a warning naming the one step that closes them; the firmware says so too", async () => {
    const { b, result, text } = await flashCommand({ wifi: true, ble: true });
    expect(result.radios).toEqual({ wifi: true, ble: true });
    expect(result.radiosLocked).toEqual({ wifi: false, ble: false });
    expect(text).toMatch(/warning: the board has Wi-Fi and Bluetooth on: anyone in range can reach its console, which presses your fobs\./);
    expect(text).toContain(`Switch it off for good: fobsync flash --lock-radios --port ${b.hostPath}`);
    expect(versionRadios(b)).toBe("wifi+ble");
  });

  it("--lock-radios: each radio switched off (the chip stores it, erases its saved code, restarts), fobsync flashed back, no warning left", async () => {
    const { b, result, text } = await flashCommand({ wifi: true, ble: true }, true);
    expect(result.radiosLocked).toEqual({ wifi: true, ble: true });
    expect(result.radios).toEqual({ wifi: false, ble: false });
    expect(text).toMatch(/switched Wi-Fi and Bluetooth off for good \(stored on the chip\); the board restarted and fobsync was flashed back/);
    expect(text).not.toMatch(/warning/);
    expect(b.runtime.storage.read(".bootcde")).toBeDefined();
    expect(versionRadios(b)).toBe("off");
  });

  it("--lock-radios --json: a radios-locked record before the flash record's warning-free end; only Bluetooth on: only it is switched", async () => {
    const { result, text } = await flashCommand({ wifi: false, ble: true }, true, true);
    expect(result.radiosLocked).toEqual({ wifi: false, ble: true });
    const records = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(records.find((r) => r.type === "radios-locked")).toEqual({ type: "radios-locked", wifi: false, ble: true });
    expect(records.some((r) => r.type === "warning")).toBe(false);
  });

  it("both off: no warning", async () => {
    const { result, text } = await flashCommand({ wifi: false, ble: false });
    expect(result.radios).toEqual({ wifi: false, ble: false });
    expect(text).not.toMatch(/warning/);
  });
});
