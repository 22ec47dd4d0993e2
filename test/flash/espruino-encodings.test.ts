/**
 * The Espruino upload in each encoding, over a real pseudo-terminal: the
 * flasher asks the virtual board which decoders it has and picks, chunk by
 * chunk, the shortest it can decode. Whatever the path, the board must store
 * exactly the shipped bytes (its CRC32 = the host's), boot the new build,
 * and a corrupted chunk must still be caught and erased.
 */
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../../host/common/errors";
import { crc32 } from "../../host/flash/crc32";
import { storageWriteLines, type ChunkEncoding } from "../../host/flash/espruino-chunks";
import type { ModelBoard } from "../../host/sim/boards/model-board";
import type { EspruinoDecoders } from "../../host/sim/runtime/espruino-codecs";
import { ptyFlashHarness } from "./pty-flash-harness";

const { start, stop, flashOnce, bundle: shipped } = ptyFlashHarness();

const stored = (b: ModelBoard) => b.runtime.storage.read(".bootcde");
const booted = (b: ModelBoard) => b.bench.events.filter((e) => e.event === "boot").at(-1)?.fields.build;

/** Board kinds, the decoders the flasher must see, and the encoding its chunks must travel in. */
const BOARDS: { name: string; decoders: EspruinoDecoders; sees: { atob: boolean; heatshrink: boolean }; main: ChunkEncoding }[] = [
  { name: "an ESP32 build (atob + heatshrink)", decoders: {}, sees: { atob: true, heatshrink: true }, main: "heatshrink" },
  { name: "a build without heatshrink", decoders: { heatshrink: false }, sees: { atob: true, heatshrink: false }, main: "base64" },
  { name: "a build without atob (heatshrink alone is of no use)", decoders: { atob: false }, sees: { atob: false, heatshrink: true }, main: "literal" },
  { name: "a SAVE_ON_FLASH build (neither)", decoders: { atob: false, heatshrink: false }, sees: { atob: false, heatshrink: false }, main: "literal" },
];

describe("Espruino upload encodings over a pseudo-terminal", () => {
  for (const kind of BOARDS) {
    it(`${kind.name}: detected, chunks sent as ${kind.main}, the exact shipped bytes stored (CRC) and the build boots`, async () => {
      const b = await start({ decoders: kind.decoders });
      const result = await flashOnce(b);
      expect(result.decoders).toEqual(kind.sees);
      expect(result.lines[kind.main]).toBeGreaterThan(0);
      if (kind.main !== "heatshrink") expect(result.lines.heatshrink).toBe(0);
      if (kind.main === "literal") expect(result.lines.base64).toBe(0);
      expect(result.crc).toBe(crc32(shipped().bytes));
      expect(stored(b)).toBe(shipped().bytes.toString("latin1"));
      expect(booted(b)).toBe(shipped().build);
    });
  }

  it("the default path puts fewer bytes on the wire than base64, and base64 fewer than the literal", async () => {
    const wire = async (decoders: EspruinoDecoders) => {
      const b = await start({ decoders });
      const r = await flashOnce(b);
      await stop(b);
      return r.wireBytes;
    };
    const hs = await wire({});
    const b64 = await wire({ heatshrink: false });
    const lit = await wire({ atob: false, heatshrink: false });
    expect(hs).toBeLessThan(b64);
    expect(b64).toBeLessThan(lit);
    expect(hs / shipped().bytes.length).toBeLessThan(1.2);
  });

    for (const [name, decoders] of [["heatshrink", {}], ["base64", { heatshrink: false }], ["literal", { atob: false, heatshrink: false }]] as const) {
    it(`a chunk corrupted on the line (${name} path) is caught, the bad code erased, and a second flash succeeds`, async () => {
      const b = await start({ decoders, corruptAtByte: 4000 });
      const err = await flashOnce(b).catch((e) => e);
      expect(err).toBeInstanceOf(CliError);
      // A changed base64 letter decodes to other bytes (CRC mismatch) or, through heatshrink, to a
      // chunk that no longer fits the file (the board's own error): either way the upload fails.
      expect(["verify-crc", "board-error"]).toContain((err as CliError).code);
      expect([EXIT.verifyFailed, EXIT.failed]).toContain((err as CliError).exit);
      await expect.poll(() => stored(b)).toBeUndefined();
      const again = await flashOnce(b);
      expect(again.build).toBe(shipped().build);
      expect(stored(b)).toBe(shipped().bytes.toString("latin1"));
    });
  }

  it("an encoding the board cannot decode is refused before anything is written", async () => {
    const b = await start({ decoders: { heatshrink: false } });
    const err = await flashOnce(b, ["heatshrink"]).catch((e) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).code).toBe("bad-encoding");
    expect((err as CliError).message).toMatch(/cannot decode heatshrink .*nothing was written/);
    expect(stored(b)).toBeUndefined();
  });

  it("allowing only the literal uploads as the literal even on a board with every decoder", async () => {
    const b = await start();
    const result = await flashOnce(b, ["literal"]);
    expect(result.lines).toEqual({ heatshrink: 0, base64: 0, literal: Math.ceil(shipped().bytes.length / 1024) });
    expect(stored(b)).toBe(shipped().bytes.toString("latin1"));
  });
});

describe("upload lines", () => {
  it("define each encoding's helper once, before its first chunk, and write every byte once at its offset", () => {
    const lines = [...storageWriteLines(shipped().bytes, { encodings: ["heatshrink", "base64", "literal"] })];
    const helpers = lines.filter((l) => l.encoding === null);
    expect(helpers.length).toBeGreaterThanOrEqual(1);
    expect(helpers[0].text).toBe(`FSh=function(d,o,s){return require("Storage").write(".bootcde",require("heatshrink").decompress(atob(d)),o,s)}\n`);
    expect(lines[0]).toBe(helpers[0]);
    expect(lines.reduce((n, l) => n + l.payload, 0)).toBe(shipped().bytes.length);
    expect(lines[1].text).toMatch(new RegExp(`^FSh\\("[A-Za-z0-9+/=]+",0,${shipped().bytes.length}\\)\\n$`));
    expect(lines[2].text).toMatch(/^FSh\("[A-Za-z0-9+/=]+",1024\)\n$/);
  });

  it("refuse an empty bundle and a bad chunk size", () => {
    expect(() => storageWriteLines(new Uint8Array(0))).toThrow("the bundle is empty");
    expect(() => storageWriteLines(shipped().bytes, { chunkBytes: 0 })).toThrow("chunk size must be a positive whole number");
  });
});
