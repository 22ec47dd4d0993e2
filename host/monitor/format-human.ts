/**
 * Monitor records as human text: host wall-clock time, device time since
 * boot, then the line, coloured by level (errors red, warnings yellow, debug
 * dim). Without colour the same text goes to `--log` files.
 */
import type { Tone } from "../common/output";
import type { MonitorRecord } from "./records";

const LEVEL_TONE: Record<string, Tone> = { E: "error", W: "warn", I: "plain", D: "dim" };

let cachedSecond = -1;
let cachedPrefix = "";

/** `HH:MM:SS.mmm` in local time; the part up to the second is cached (hot path). */
export function hostClock(t: number): string {
  const sec = Math.floor(t / 1000);
  if (sec !== cachedSecond) {
    const d = new Date(sec * 1000);
    cachedSecond = sec;
    cachedPrefix = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.`;
  }
  const ms = t - sec * 1000;
  return cachedPrefix + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms;
}

function two(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** Device ms as seconds with milliseconds, right-aligned: `   15.230`. */
export function deviceClock(ms: number): string {
  const s = String(Math.floor(ms / 1000));
  const r = ms % 1000;
  return s.padStart(6) + "." + (r < 10 ? "00" : r < 100 ? "0" : "") + r;
}

/** Shows bytes outside printable ASCII as `\xNN`. */
function escapeGarbage(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x20-\x7e]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}

function fieldsText(fields: Record<string, string | number>): string {
  let out = "";
  for (const k in fields) {
    const v = fields[k];
    out += typeof v === "string" && (v === "" || v.indexOf(" ") >= 0) ? ` ${k}="${v}"` : ` ${k}=${v}`;
  }
  return out;
}

/** One record as one line of text and the tone to paint it with. */
export function formatHuman(rec: MonitorRecord): { text: string; tone: Tone } {
  const host = hostClock(rec.t);
  switch (rec.type) {
    case "event":
      return { text: `${host} ${deviceClock(rec.ms)} ${rec.level} ${rec.event}${fieldsText(rec.fields)}`, tone: LEVEL_TONE[rec.level] };
    case "raw":
      return { text: `${host}        | ${rec.garbage ? escapeGarbage(rec.text) : rec.text}${rec.overlong ? " [line cut]" : ""}`, tone: rec.garbage ? "warn" : "dim" };
    case "lost": {
      const n = rec.to - rec.from + 1;
      return { text: `${host} !! lost ${n} line${n === 1 ? "" : "s"} (seq ${rec.from}${n > 1 ? `..${rec.to}` : ""})`, tone: "warn" };
    }
    case "reboot":
      return { text: `${host} == boot, epoch ${rec.epoch}: ${rec.reason}${rec.build ? ` (build ${rec.build})` : ""}`, tone: "heading" };
    case "sent":
      return { text: `${host}      > ${rec.text}`, tone: "info" };
    case "disconnected":
      return { text: `${host} !! ${rec.path} disconnected; waiting for it to come back`, tone: "error" };
    case "reconnected":
      return { text: `${host} == ${rec.path} reconnected`, tone: "ok" };
  }
}
