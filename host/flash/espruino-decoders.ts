/**
 * Which decoders an Espruino board has, asked in the probe the flasher sends
 * anyway after `reset()` (no extra round trip). Espruino compiles `atob` and
 * the heatshrink library only into builds without SAVE_ON_FLASH, so neither
 * is assumed: `typeof atob` (no ReferenceError in Espruino's typeof) and a
 * `require("heatshrink")` inside try/catch ("Module heatshrink not found" is
 * an ordinary, catchable error).
 */
import type { BoardDecoders } from "./espruino-chunks";
import { parseStorageAnswer, STORAGE_EXPRESSION, type BoardStorage } from "./espruino-storage-space";

export interface DecoderProbe {
  /** The REPL line, ending in `\n`. */
  line: string;
  /** Matches the board's answer; the echo of the line cannot match (its marker is printed in pieces). */
  pattern: RegExp;
}

/**
 * The probe line with marker number `n`: prints `FSYNC<n> atob=<typeof atob>
 * hs=<1|0> v=<process.env.VERSION> r=<radios> t=<timers and watches>`, the
 * radios an ESP32 has on (`ESP32.getState()`: `w` Wi-Fi, `b` Bluetooth, `0`
 * none; `-` not an ESP32), and how many timers and watches are set (from
 * the interpreter's hidden root, `global["\xff"]`): none right after a
 * `reset()`, so more shows that a program still runs (a boot loop's
 * `load()` took the reset's line); then ` s=<Storage JSON>`, the files and
 * the room (espruino-storage-space.ts), in the same round trip.
 */
export function decoderProbe(n: number): DecoderProbe {
  const hs = `(function(){try{require("heatshrink");return 1}catch(e){return 0}})()`;
  const radios = `(function(){if(typeof ESP32=="undefined")return "-";var s=ESP32.getState();return (s.Wifi?"w":"")+(s.BLE?"b":"")||"0"})()`;
  const set = `(function(h){return Object.keys(h.timers||[]).length+Object.keys(h.watches||[]).length})(global["\\xff"])`;
  return {
    line: `print("FS"+"Y"+"NC${n} atob="+typeof atob+" hs="+${hs}+" v="+process.env.VERSION+" r="+${radios}+" t="+${set}+" s="+${STORAGE_EXPRESSION})\n`,
    // to the line's end: under load the answer arrives in pieces, and "v=2" is not the version
    pattern: new RegExp(`FSYNC${n} atob=(\\w+) hs=([01]) v=(\\S+) r=([-0wb]+) t=(\\d+) s=(\\{[^\\r\\n]*\\})\\r?\\n`),
  };
}

/** The radios an ESP32 board has on, from the same answer; null when the board is not an ESP32. */
export function radiosInAnswer(match: RegExpExecArray): { wifi: boolean; ble: boolean } | null {
  const r = match[4];
  return r === "-" ? null : { wifi: r.includes("w"), ble: r.includes("b") };
}

/** The board's Storage, from the same answer. */
export function storageInAnswer(match: RegExpExecArray): BoardStorage {
  return parseStorageAnswer(match[6]);
}

/** How many timers and watches the same answer reports set. */
export function timersInAnswer(match: RegExpExecArray): number {
  return Number(match[5]);
}

/** The decoders a matched answer reports. */
export function parseDecoderAnswer(match: RegExpExecArray): BoardDecoders {
  return { atob: match[1] === "function", heatshrink: match[2] === "1" };
}

/** The Espruino version the same answer reports (`process.env.VERSION`, e.g. "2v29"). */
export function versionInAnswer(match: RegExpExecArray): string {
  return match[3];
}
