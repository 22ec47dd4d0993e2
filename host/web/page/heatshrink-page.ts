/**
 * The page's stand-in for host/flash/espruino-heatshrink.ts, which loads
 * EspruinoTools' compressor through Node's module loader: here the same file
 * (`espruino/libs/heatshrink.js`, the heatshrink C library compiled to plain
 * JavaScript with Espruino's configuration) is bundled into the page, so the
 * page compresses its chunks byte for byte as the CLI does. Its Node-only
 * branch (`require("fs")`, `require("path")`) never runs in a browser; the
 * build gives those names empty modules (host/bundler/web-build.ts).
 */
import heatshrink from "espruino/libs/heatshrink.js";

/** Warm the compressor up (it compiles its code at load); false if it cannot run here. */
export function loadHeatshrink(): boolean {
  try {
    heatshrink.compress(new Uint8Array([0x66, 0x73]));
    return true;
  } catch {
    return false;
  }
}

export function heatshrinkCompress(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  return heatshrink.compress(Uint8Array.from(bytes));
}

export function heatshrinkDecompress(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  return heatshrink.decompress(Uint8Array.from(bytes));
}
