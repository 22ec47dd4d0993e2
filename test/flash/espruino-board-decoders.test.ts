/**
 * The virtual Espruino's decoders (atob, btoa, require("heatshrink")) as the
 * flasher relies on them, a board built without them, and the probe that
 * asks a board which ones it has.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { crc32 } from "../../host/flash/crc32";
import { decoderProbe, parseDecoderAnswer } from "../../host/flash/espruino-decoders";
import { heatshrinkCompress } from "../../host/flash/espruino-heatshrink";
import { espruinoAtob, espruinoBtoa, type EspruinoDecoders } from "../../host/sim/runtime/espruino-codecs";
import { EspruinoRuntime } from "../../host/sim/runtime/espruino-runtime";

/** A powered-on virtual Espruino with empty Storage; `run` types one line and returns what the board printed. */
function board(decoders?: EspruinoDecoders) {
  const clock = new VirtualClock();
  const rt = new EspruinoRuntime({ clock, pins: new VirtualPins(clock), decoders });
  rt.powerOn();
  return { rt, run: (line: string) => rt.feedBytes(line + "\n") };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("virtual Espruino decoders", () => {
  it("atob and btoa agree with standard base64 for any bytes; atob skips whitespace and padding like Espruino", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString("base64");
        expect(espruinoBtoa(latin1(bytes))).toBe(b64);
        expect(espruinoAtob(b64)).toBe(latin1(bytes));
        expect(espruinoAtob("  " + b64.replace(/=/g, ""))).toBe(latin1(bytes));
      }),
    );
    expect(() => espruinoAtob(5)).toThrow("Expecting a string, got number");
  });

  it("stores the bytes of require('heatshrink').decompress(atob(...)) (an ArrayBuffer) through Storage.write", () => {
    const bytes = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) % 256);
    const packed = Buffer.from(heatshrinkCompress(bytes)).toString("base64");
    const b = board();
    b.run(`require("Storage").write("x",require("heatshrink").decompress(atob("${packed}")),0,700)`);
    expect(b.rt.storage.read("x")).toBe(latin1(bytes));
    expect(b.run(`print(require("heatshrink").compress("abcabcabc") instanceof ArrayBuffer)`)).toContain("true");
    expect(b.run(`print(E.CRC32(atob(btoa("fobsync"))))`)).toContain(String(crc32("fobsync")));
  });

  it("a board built without heatshrink says 'Module heatshrink not found'; one without atob has neither atob nor btoa", () => {
    const noHs = board({ heatshrink: false });
    expect(noHs.run(`require("heatshrink")`)).toContain("Uncaught Error: Module heatshrink not found");
    expect(noHs.run(`print(typeof atob)`)).toContain("function");
    const noAtob = board({ atob: false, heatshrink: false });
    expect(noAtob.run(`print(typeof atob, typeof btoa)`)).toContain("undefined undefined");
    expect(noAtob.run(`atob("AA==")`)).toContain("Uncaught ReferenceError: atob is not defined");
  });

  it("the flasher's probe tells each kind of board apart, and the probe's echo cannot pass for its answer", () => {
    const kinds: [EspruinoDecoders | undefined, { atob: boolean; heatshrink: boolean }][] = [
      [undefined, { atob: true, heatshrink: true }],
      [{ heatshrink: false }, { atob: true, heatshrink: false }],
      [{ atob: false }, { atob: false, heatshrink: true }],
      [{ atob: false, heatshrink: false }, { atob: false, heatshrink: false }],
    ];
    for (const [decoders, expected] of kinds) {
      const probe = decoderProbe(4321);
      expect(probe.pattern.exec(probe.line)).toBeNull();
      const answer = probe.pattern.exec(board(decoders).run(probe.line.trimEnd()));
      expect(answer).not.toBeNull();
      expect(parseDecoderAnswer(answer!)).toEqual(expected);
    }
  });
});
