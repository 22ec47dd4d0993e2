/**
 * heatshrink as fobsync uses it for the Espruino upload: EspruinoTools'
 * heatshrink.js must round-trip the SHIPPED bundle byte for byte, whole and
 * chunk by chunk, and its output must be the format Espruino's decoder reads
 * (window 8 bits, lookahead 6 bits, as Espruino's heatshrink_config.h says).
 * The format is checked with a decoder written here from heatshrink's
 * published bit layout, independent of heatshrink.js.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { espruinoBundle } from "../../host/flash/bundle-source";
import { DEFAULT_CHUNK_BYTES } from "../../host/flash/espruino-chunks";
import { HEATSHRINK_LOOKAHEAD_BITS, HEATSHRINK_WINDOW_BITS, heatshrinkCompress, heatshrinkDecompress } from "../../host/flash/espruino-heatshrink";

let shipped: Buffer;

beforeAll(() => {
  shipped = espruinoBundle().bytes;
});

/**
 * heatshrink's stream: MSB-first bits; `1` + 8 bits is a literal byte; `0` +
 * (distance-1) in `windowBits` + (count-1) in `lookaheadBits` copies from the
 * output already produced. Trailing bits too few for a whole item are padding.
 * The window starts zero-filled (heatshrink's decoder reset clears its buffer),
 * so a back-reference before the start reads zeros: `[0, 0]` compresses to one
 * reference of length 2 into that pre-filled window.
 */
function referenceDecode(input: Uint8Array, windowBits: number, lookaheadBits: number): Buffer {
  const totalBits = input.length * 8;
  let pos = 0;
  const take = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, pos++) v = (v << 1) | ((input[pos >> 3] >> (7 - (pos & 7))) & 1);
    return v;
  };
  const out: number[] = [];
  while (pos < totalBits) {
    if (take(1) === 1) {
      if (pos + 8 > totalBits) break;
      out.push(take(8));
    } else {
      if (pos + windowBits + lookaheadBits > totalBits) break;
      const distance = take(windowBits) + 1;
      const count = take(lookaheadBits) + 1;
      for (let i = 0; i < count; i++) out.push(out.length >= distance ? out[out.length - distance] : 0);
    }
  }
  return Buffer.from(out);
}

describe("heatshrink for the Espruino upload", () => {
  it("round-trips the shipped bundle byte-exactly, whole and in independent 1 KiB chunks", () => {
    expect(Buffer.from(heatshrinkDecompress(heatshrinkCompress(shipped))).equals(shipped)).toBe(true);
    for (let off = 0; off < shipped.length; off += DEFAULT_CHUNK_BYTES) {
      const chunk = shipped.subarray(off, off + DEFAULT_CHUNK_BYTES);
      expect(Buffer.from(heatshrinkDecompress(heatshrinkCompress(chunk))).equals(chunk), `chunk at ${off}`).toBe(true);
    }
  });

  it("compresses the shipped bundle (pretokenised, token bytes >= 0x80) to less than 86 % chunk by chunk", () => {
    let compressed = 0;
    for (let off = 0; off < shipped.length; off += DEFAULT_CHUNK_BYTES) compressed += heatshrinkCompress(shipped.subarray(off, off + DEFAULT_CHUNK_BYTES)).length;
    // 0.854 on the 10,193-byte bundle (8,703 bytes compressed); 0.842 before the rename pass,
    // whose names repeat less, on 10,453 bytes (8,802): fewer bytes on the wire all the same
    expect(compressed / shipped.length).toBeLessThan(0.86);
  });

  it("writes Espruino's format: an independent decoder with window 8 / lookahead 6 restores the shipped bundle, lookahead 4 does not", () => {
    expect([HEATSHRINK_WINDOW_BITS, HEATSHRINK_LOOKAHEAD_BITS]).toEqual([8, 6]);
    const packed = heatshrinkCompress(shipped);
    expect(referenceDecode(packed, 8, 6).equals(shipped)).toBe(true);
    expect(referenceDecode(packed, 8, 4).equals(shipped)).toBe(false);
  });

  it("round-trips any bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 3000 }), (bytes) => {
        const packed = heatshrinkCompress(bytes);
        expect(Buffer.from(heatshrinkDecompress(packed)).equals(Buffer.from(bytes))).toBe(true);
        expect(referenceDecode(packed, 8, 6).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("heatshrink edge cases", () => {
  it("round-trips runs that start with a reference into the zero-filled window", () => {
    for (const input of [[0], [0, 0], [0, 0, 0, 0, 0, 0, 0, 0], [1, 1], [0, 1, 0]]) {
      const packed = heatshrinkCompress(new Uint8Array(input));
      expect(Array.from(heatshrinkDecompress(packed))).toEqual(input);
      expect(Array.from(referenceDecode(packed, 8, 6))).toEqual(input);
    }
  });
});
