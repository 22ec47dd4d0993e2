/**
 * heatshrink (LZSS) as Espruino's `require("heatshrink")` speaks it, through
 * the implementation EspruinoTools ships (`espruino/libs/heatshrink.js`, the
 * heatshrink C library compiled to JS with Espruino's `heatshrink_config.h`).
 *
 * Format parameters (checked, docs/flash.md): window 2^8 = 256 bytes,
 * lookahead 2^6 = 64 bytes; no header, MSB-first bit stream, a literal is
 * `1` + 8 bits, a back-reference `0` + (offset-1) in 8 bits + (length-1) in
 * 6 bits. Espruino's `libs/compression/heatshrink/heatshrink_config.h` says
 * WINDOW_BITS 8, LOOKAHEAD_BITS 6, and an independent decoder with exactly
 * those parameters restores what heatshrink.js compresses
 * (test/flash/espruino-heatshrink.test.ts); lookahead 4 does not.
 */
import { createRequire } from "node:module";

/** log2 of the back-reference window Espruino's decoder keeps. */
export const HEATSHRINK_WINDOW_BITS = 8;
/** log2 of the longest back-reference Espruino's decoder accepts. */
export const HEATSHRINK_LOOKAHEAD_BITS = 6;

interface HeatshrinkJs {
  compress(input: Uint8Array): Uint8Array;
  decompress(input: Uint8Array): Uint8Array;
}

let loaded: HeatshrinkJs | null = null;

/** EspruinoTools' heatshrink.js, loaded once (it compiles its code at load, synchronously). */
function heatshrinkJs(): HeatshrinkJs {
  loaded ??= createRequire(import.meta.url)("espruino/libs/heatshrink.js") as HeatshrinkJs;
  return loaded;
}

/**
 * Load and warm up the compressor now (a few ms, best spent while waiting for
 * the board). False when EspruinoTools' heatshrink.js cannot be loaded (the
 * `espruino` package is missing): the upload then does without compression.
 */
export function loadHeatshrink(): boolean {
  try {
    heatshrinkJs().compress(new Uint8Array([0x66, 0x73]));
    return true;
  } catch {
    return false;
  }
}

/** Compress bytes as Espruino's `require("heatshrink").compress` does (the result decodes on its own). */
export function heatshrinkCompress(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  return heatshrinkJs().compress(Uint8Array.from(bytes));
}

/** Decompress a heatshrink stream; corrupt input gives other bytes (no error), as on the board. */
export function heatshrinkDecompress(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  return heatshrinkJs().decompress(Uint8Array.from(bytes));
}
