import type { Clock, LineLink } from "../hal/contracts";

/**
 * Event lines `@<seq> <ms> <text>` (docs/protocol.md), numbered from 1 and
 * stamped with device ms. `text` is `<L> <event> k=v ...` (level first),
 * built by the caller from ids and integers; values from the user's line go
 * through `bare`.
 *
 * The firmware's modules keep their state at module level: esbuild hoists
 * every module into one scope, so a module costs no more RAM than the code
 * it holds (docs/espruino.md). One firmware per bundle; the host's
 * in-process core loads a fresh copy per board (host/sim/firmware-instance.ts).
 */
let link: LineLink | undefined = undefined;
let clock: Clock | undefined = undefined;
let lineNo = 0;

export function startEventLog(to: LineLink, time: Clock): void {
  link = to;
  clock = time;
  lineNo = 0;
}

export function emit(text: string): void {
  lineNo++;
  (link as LineLink).write("@" + lineNo + " " + (clock as Clock).now() + " " + text);
}

/** Text from outside the firmware (a token of the user's line, an error message) as a field value: quoted, with `"` turned into `'`, unless it is a bare token. */
export function bare(v: string): string {
  return v !== "" && v.indexOf('"') < 0 && v.indexOf(" ") < 0 ? v : '"' + v.split('"').join("'") + '"';
}
