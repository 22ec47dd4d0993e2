/**
 * The page's stand-in for host/flash/espruino-heatshrink.ts, which loads
 * EspruinoTools' compressor through Node's module loader: the page has no
 * compressor, so it flashes base64 chunks (the flasher asks before using one).
 */
export function loadHeatshrink(): boolean {
  return false;
}

export function heatshrinkCompress(_bytes: Uint8Array): Uint8Array {
  throw new Error("the page has no heatshrink compressor");
}
