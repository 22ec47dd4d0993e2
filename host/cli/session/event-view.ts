/**
 * How board lines look to the user. JSON: `{type:"event",seq,ms,level,event,fields}`
 * (raw lines: `{type:"raw",text}`). Human: prompts big and coloured, windows
 * with their length, key results, hints and violations stand out, the rest is
 * a dim log line stamped with device time.
 */
import { numberField, textField, type DeviceEvent } from "../../protocol/event-line";
import { describe, secondsText } from "../../protocol/texts";
import { seconds } from "../../session/window-countdown";
import type { Output, Tone } from "../../common/output";
import type { SessionLine } from "../../session/board-session";
import { batteryReadingOf } from "../../fobtest/battery";

/** Device time as a log line's stamp: "[  12.345]". */
export function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(8)}]`;
}

/** The sentence for an event: its own `text` (older firmware) or the host's catalogue (protocol/texts.ts). */
function sentence(ev: DeviceEvent): string {
  return textField(ev, "text") || describe(ev) || "";
}

const LEVEL_TONE: Record<string, Tone> = { E: "error", W: "warn", I: "plain", D: "dim" };

/** The human lines for one event, with their tone. */
export function humanEvent(ev: DeviceEvent): { lines: string[]; tone: Tone } {
  const t = stamp(ev.ms);
  switch (ev.event) {
    case "prompt": {
      const ms = numberField(ev, "ms");
      // The time left is rounded down, as in the sentence: never more time than there is.
      const limit = ms > 0 ? `   (you have ${secondsText(ms)})` : "";
      // an id this host has no sentence for (a user's recipe): the id and its fields, as the board sent them
      const what = sentence(ev) || Object.entries(ev.fields).filter(([k]) => k !== "ms" && k !== "key").map(([k, v]) => (k === "id" ? String(v) : `${k}=${v}`)).join(" ");
      return { lines: ["", `${t} >>> ${what} <<<${limit}`, ""], tone: "prompt" };
    }
    case "window": {
      const from = numberField(ev, "from");
      const to = numberField(ev, "to");
      return { lines: [`${t} window '${textField(ev, "id")}' open: ${seconds(to - from)} (until device time ${seconds(to)})`], tone: "info" };
    }
    case "count":
      return { lines: [`${t} '${textField(ev, "id")}': ${textField(ev, "n")} of ${textField(ev, "of")}`], tone: "info" };
    case "key.start":
      return { lines: [`${t} key ${textField(ev, "key")} ${textField(ev, "fob") === "0" ? "by hand (no fob wired for it)" : `on fob ${textField(ev, "fob")}`}`], tone: "heading" };
    case "key.result": {
      const result = textField(ev, "result");
      const tone: Tone = result === "confirmed" ? "ok" : result === "failed" ? "error" : "warn";
      const text = sentence(ev);
      return { lines: [`${t} key ${textField(ev, "key")}: ${result.toUpperCase()}${text ? ` - ${text}` : ""}`], tone };
    }
    case "hint":
      return { lines: [`${t} hint: ${sentence(ev)}`], tone: "warn" };
    case "violation":
      return { lines: [`${t} VIOLATION (${textField(ev, "id")}): ${sentence(ev)}`], tone: "error" };
    case "degraded":
      return { lines: [`${t} degraded mode: ${sentence(ev)}`], tone: "warn" };
    case "session.end": {
      const ok = numberField(ev, "ok") === 1;
      const text = sentence(ev);
      return { lines: [`${t} session ended: ${textField(ev, "reason")}${text ? ` - ${text}` : ""}`], tone: ok ? "ok" : "error" };
    }
    case "battery": {
      const text = sentence(ev);
      if (text) return { lines: [`${t} ${text}`], tone: batteryReadingOf(ev).verdict === "ok" ? "plain" : "warn" };
      break;
    }
  }
  const fields = Object.entries(ev.fields).map(([k, v]) => `${k}=${v}`).join(" ");
  return { lines: [`${t} ${ev.level} ${ev.event}${fields ? " " + fields : ""}`], tone: ev.level === "I" ? "dim" : LEVEL_TONE[ev.level] };
}

/** REPL echo of our own command (`>fs("...")`, `fs("...")`): not worth showing. */
function isEcho(text: string): boolean {
  return /^>?\s*fs\(".*"\)\s*$/.test(text) || text.trim() === ">" || text.trim() === "";
}

/** Print one board line in the output's format. */
export function showLine(out: Output, line: SessionLine): void {
  if (line.kind === "raw") {
    out.emit({ type: "raw", text: line.text }, isEcho(line.text) ? null : `           | ${line.text}`, "dim");
    return;
  }
  const view = humanEvent(line.event);
  out.emit(eventRecord(line.event), view.lines, view.tone);
}

/** The JSON record of a firmware line: `{type:"event",seq,ms,level,event,fields}`. */
export function eventRecord(ev: DeviceEvent): { type: "event"; seq: number; ms: number; level: string; event: string; fields: DeviceEvent["fields"] } {
  return { type: "event", seq: ev.seq, ms: ev.ms, level: ev.level, event: ev.event, fields: ev.fields };
}
