/**
 * Which decoders an Espruino board has, asked in the probe the flasher sends
 * anyway after `reset()` (no extra round trip). Espruino compiles `atob` and
 * the heatshrink library only into builds without SAVE_ON_FLASH, so neither
 * is assumed: `typeof atob` (no ReferenceError in Espruino's typeof) and a
 * `require("heatshrink")` inside try/catch ("Module heatshrink not found" is
 * an ordinary, catchable error).
 */
import type { BoardDecoders } from "./espruino-chunks";

export interface DecoderProbe {
  /** The REPL line, ending in `\n`. */
  line: string;
  /** Matches the board's answer; the echo of the line cannot match (its marker is printed in pieces). */
  pattern: RegExp;
}

/** The probe line with marker number `n`: prints `FSYNC<n> atob=<typeof atob> hs=<1|0>`. */
export function decoderProbe(n: number): DecoderProbe {
  const hs = `(function(){try{require("heatshrink");return 1}catch(e){return 0}})()`;
  return {
    line: `print("FS"+"Y"+"NC${n} atob="+typeof atob+" hs="+${hs})\n`,
    pattern: new RegExp(`FSYNC${n} atob=(\\w+) hs=([01])`),
  };
}

/** The decoders a matched answer reports. */
export function parseDecoderAnswer(match: RegExpExecArray): BoardDecoders {
  return { atob: match[1] === "function", heatshrink: match[2] === "1" };
}
