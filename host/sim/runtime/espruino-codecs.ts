/**
 * Espruino's byte decoders for the virtual board: `atob`, `btoa` and the
 * `heatshrink` library. Espruino builds them only where SAVE_ON_FLASH is not
 * defined (an ESP32 build has them; small boards may not), so the runtime
 * can leave either out (`EspruinoDecoders`) to test what a host does then.
 *
 * Byte strings are JS strings with one char per byte, as on the board.
 * heatshrink is EspruinoTools' implementation (host/flash/espruino-heatshrink.ts),
 * the same library and parameters as Espruino's.
 */
import { types } from "node:util";
import { heatshrinkCompress, heatshrinkDecompress } from "../../flash/espruino-heatshrink";

/** Which decoders the virtual board has (default: both, as an ESP32 build). */
export interface EspruinoDecoders {
  /** `atob` and `btoa`. */
  atob?: boolean;
  /** `require("heatshrink")`. */
  heatshrink?: boolean;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Espruino's `atob`: base64 to a byte string. Like Espruino's jswrap_atob,
 * characters outside the alphabet (padding, whitespace, noise) are skipped
 * inside each group of four; anything but a string is an error.
 */
export function espruinoAtob(input: unknown): string {
  if (typeof input !== "string") throw new Error(`Expecting a string, got ${typeName(input)}`);
  let i = 0;
  while (i < input.length && /\s/.test(input[i])) i++;
  let out = "";
  while (i < input.length) {
    let triple = 0;
    let valid = 0;
    for (let k = 0; k < 4 && i < input.length; k++, i++) {
      const sextet = ALPHABET.indexOf(input[i]);
      if (sextet >= 0) {
        triple |= sextet << ((3 - k) * 6);
        valid = k;
      }
    }
    if (valid > 0) out += String.fromCharCode((triple >> 16) & 0xff);
    if (valid > 1) out += String.fromCharCode((triple >> 8) & 0xff);
    if (valid > 2) out += String.fromCharCode(triple & 0xff);
  }
  return out;
}

/** Espruino's `btoa`: the bytes of a string, array or buffer as padded base64. */
export function espruinoBtoa(input: unknown): string {
  return Buffer.from(bytesOf(input)).toString("base64");
}

/**
 * The bytes of what Espruino iterates as data: a byte string (char codes
 * & 255), an ArrayBuffer, a typed array or a plain array of numbers.
 */
export function bytesOf(data: unknown): Uint8Array {
  if (typeof data === "string") return Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff);
  if (types.isArrayBuffer(data)) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) {
    const view = data as ArrayBufferView;
    if (types.isTypedArray(view)) return Uint8Array.from(view as unknown as ArrayLike<number>, (v) => Number(v) & 0xff);
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  }
  if (Array.isArray(data)) return Uint8Array.from(data, (v) => Number(v) & 0xff);
  throw new Error(`Expecting something iterable, got ${typeName(data)}`);
}

/** A byte string of these bytes (what Storage keeps). */
export function byteString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/**
 * `require("heatshrink")`: `compress(data)` and `decompress(data)` each take
 * anything iterable and return an ArrayBuffer, made by `arrayBuffer` in the
 * script's realm so `instanceof ArrayBuffer` holds in the script.
 */
export function heatshrinkModule(arrayBuffer: (bytes: Uint8Array) => ArrayBuffer): Record<string, (data: unknown) => ArrayBuffer> {
  return {
    compress: (data) => arrayBuffer(heatshrinkCompress(bytesOf(data))),
    decompress: (data) => arrayBuffer(heatshrinkDecompress(bytesOf(data))),
  };
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  return typeof v;
}
