/**
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
