/**
 * The pin bridge: a test/simulation fixture stored as `.boot0` on the real
 * Espruino interpreter, so that the UNCHANGED shipped `.bootcde` drives the
 * simulated bench. `.boot0` runs before `.bootcde` at every boot, `load()`
 * and `reset()`. It is never part of what `fobsync flash` writes.
 *
 * It replaces the pin functions of the Linux build (fake pins D0..D32, no
 * analog) with ones that talk to the host over the console:
 *
 *   board -> host, one line each, marked by STX (\x02) so the host can take
 *   them out of the stream before anything else sees it:
 *     \x02b <t>                 the bridge started (power-on, load(), reset())
 *     \x02m <pin> <mode>        pinMode
 *     \x02w <pin> <0|1> <t>     digitalWrite, with getTime() in seconds
 *     \x02s <pin> <debounce> <id>   setWatch (repeat or not: see __bw)
 *     \x02c <id|all>            clearWatch
 *   host -> board, a silent line (\x10) between the host's own lines:
 *     __bw(id, level, ageMs)    a debounced edge of a watched pin, `ageMs`
 *                               after it happened: e.time = getTime() - age
 *     __bf(pin)                 the next digitalWrite to `pin` throws (a fault
 *                               injected into the firmware, for safety tests)
 *   host -> board through files in the interpreter's directory, read when
 *   the firmware reads (so a read at boot already sees the world):
 *     pin<N>                    "0" or "1": the level at input pin N
 *     adc<N>                    the fraction of full scale at analog pin N
 *
 * It costs JsVars of its own: the benchmark measures it with an empty
 * `.bootcde` and reports the firmware's figures without it.
 */

/** The bridge itself. Plain ES5 so any Espruino build parses it. */
const BRIDGE_CORE = `(function(){
var fs=require("fs"),W={},N=0,M={},F={};
function rd(f,d){try{return fs.readFileSync(f)}catch(e){return d}}
global.pinMode=function(p,m){if(m=="input_pullup")M[p]=1;else delete M[p];print("\\x02m "+p+" "+m)};
global.digitalWrite=function(p,v){if(F[p]){delete F[p];throw new Error("injected fault")}print("\\x02w "+p+" "+(v?1:0)+" "+getTime())};
global.digitalRead=function(p){return +rd("pin"+p,M[p]?"1":"0")};
global.analogRead=function(p){return parseFloat(rd("adc"+p,"0"))};
global.setWatch=function(f,p,o){N++;W[N]={f:f,p:p,r:o&&o.repeat};print("\\x02s "+p+" "+(o&&o.debounce||0)+" "+N);return N};
global.clearWatch=function(i){if(i===undefined)W={};else delete W[i];print("\\x02c "+(i===undefined?"all":i))};
global.__bf=function(p){F[p]=1};
global.__bw=function(i,s,a){var w=W[i];if(!w)return;if(!w.r)delete W[i];w.f({state:!!s,time:getTime()-a/1000,pin:w.p})};
print("\\x02b "+getTime());
})();
E.on("kill",function(){var s=require("Storage");if(s.read(".boot0")===undefined)s.write(".boot0","var __C="+JSON.stringify(__C)+";eval(__C)")});`;

/**
 * The `.boot0` source: the bridge, run from a copy in RAM, which puts itself
 * back when something erased it. `fobsync flash` removes every boot file
 * but its own, as it must on a user's board (a `.boot0` runs before fobsync
 * at every boot); this fixture is the bench's wiring, not the user's code,
 * so at the next `load()` or `reset()` (its `E.on("kill")`) it writes
 * itself again. It runs from RAM (`eval` of a string copied out of flash)
 * because a function defined by code in Storage points into that flash,
 * which an erase and a compaction take away.
 */
export const PIN_BRIDGE_SOURCE = `var __C=${JSON.stringify(BRIDGE_CORE)};eval(__C)`;

/** One line the bridge printed. */
export type BridgeLine =
  | { kind: "boot"; t: number }
  | { kind: "mode"; pin: number; mode: string }
  | { kind: "write"; pin: number; high: boolean; t: number }
  | { kind: "watch"; pin: number; debounceMs: number; id: number }
  | { kind: "unwatch"; id: number | "all" };

/** Marks a bridge line in the console output. */
export const BRIDGE_MARK = "\x02";

/** A bridge line's text (after the mark, without the line end), parsed; null when it is not one. */
export function parseBridgeLine(text: string): BridgeLine | null {
  const f = text.split(" ");
  const n = (i: number) => Number(f[i]);
  switch (f[0]) {
    case "b":
      return { kind: "boot", t: n(1) };
    case "m":
      return { kind: "mode", pin: n(1), mode: f[2] };
    case "w":
      return { kind: "write", pin: n(1), high: f[2] === "1", t: n(3) };
    case "s":
      return { kind: "watch", pin: n(1), debounceMs: n(2), id: n(3) };
    case "c":
      return { kind: "unwatch", id: f[1] === "all" ? "all" : n(1) };
    default:
      return null;
  }
}

/** The silent console line that makes the next digitalWrite to `pin` throw. */
export function faultLine(pin: number): string {
  return `\x10__bf(${pin})\n`;
}

/** The silent console line that delivers a debounced edge to watch `id`. */
export function edgeLine(id: number, high: boolean, ageMs: number): string {
  return `\x10__bw(${id},${high ? 1 : 0},${Math.max(0, Math.round(ageMs))})\n`;
}
