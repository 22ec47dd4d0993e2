import { withoutReplPrompt } from "../serial/line-splitter";
import { parseEventLine, type DeviceEvent, type Level } from "../protocol/event-line";
import { PictureInputError } from "./errors";

/**
 * Read a session log: NDJSON records from `monitor --log` / `pair --json` /
 * the demo (`{type:"event",seq,ms,level,event,fields}`), a raw recording
 * (`monitor --record`, the web page's log: `{t,dir,hex}` chunks, whose
 * received bytes are read as the board's lines), or raw `@...` event lines (also after a prefix such as the demo's "[  12.345 s] "), or a mix. Other record types (`raw`, `summary`, `lost`, ...) and
 * console noise are ignored. Device time restarts at a reboot, so the log is
 * cut into epochs at a `reboot` record, a `boot` event, or seq/ms going
 * backwards; each epoch is cut into sessions at `session.start` / `test.start`.
 */

export interface LogSession {
  /** 1-based, in log order (what `plot --session N` takes). */
  index: number;
  /** 1-based boot epoch the session belongs to. */
  epoch: number;
  events: DeviceEvent[];
}

export interface ParsedLog {
  sessions: LogSession[];
  /** Firmware events read from the log. */
  eventCount: number;
  /** Lines that were neither an event record, a known record, nor blank. */
  unreadableLines: number;
}

const LEVELS = ["E", "W", "I", "D"];
const SESSION_STARTS = ["session.start", "test.start"];
const PLOTTABLE = ["session.start", "test.start", "switch", "cap", "input", "window", "key.result", "violation", "session.end"];

type Record = { kind: "event"; event: DeviceEvent } | { kind: "reboot" } | { kind: "other" } | { kind: "unreadable" };

function eventFromJson(o: { [k: string]: unknown }): DeviceEvent | null {
  const fields = o.fields;
  if (typeof o.seq !== "number" || typeof o.ms !== "number" || typeof o.event !== "string") return null;
  if (typeof o.level !== "string" || LEVELS.indexOf(o.level) < 0) return null;
  if (fields !== undefined && (typeof fields !== "object" || fields === null || Array.isArray(fields))) return null;
  const clean: { [k: string]: string | number } = {};
  for (const [k, v] of Object.entries((fields ?? {}) as object)) {
    if (typeof v === "number" || typeof v === "string") clean[k] = v;
    else if (typeof v === "boolean") clean[k] = v ? 1 : 0;
  }
  return { seq: o.seq, ms: o.ms, level: o.level as Level, event: o.event, fields: clean };
}

/**
 * The bytes a raw recording received, as text (its lines are the board's), or
 * null when `text` is not a recording (its first record has no `dir`).
 */
function receivedText(text: string): string | null {
  const first = text.trimStart().split("\n", 1)[0];
  if (!/^\{.*"dir":/.test(first)) return null;
  let out = "";
  for (const line of text.split("\n")) {
    const m = /"dir":"rx","hex":"([0-9a-f]*)"/.exec(line);
    if (!m) continue;
    for (let i = 0; i + 1 < m[1].length; i += 2) out += String.fromCharCode(parseInt(m[1].slice(i, i + 2), 16));
  }
  return out;
}

/** An event line after a prefix, as in a printed transcript: "[  12.345 s] @7 15230 I prompt ...". */
const PREFIXED = /^[^@{]*\s(@\d+ \d+ [EWID] .*)$/;

/**
 * A line as a terminal shows it: what follows its last carriage return (a
 * timer's print erases the REPL prompt with `\r\x1b[J`), without ANSI
 * escapes and without the REPL prompt an answer was printed after
 * (`>@12 4650 I switch ...`). A raw recording (`monitor --record`, the page's
 * log) has them all; read as they came, releases were lost and a relay
 * looked held for 30 s.
 */
function asShown(line: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = line.slice(line.lastIndexOf("\r") + 1).replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
  return withoutReplPrompt(shown.trim());
}

function readLine(line: string): Record {
  const text = asShown(line.replace(/\r+$/, ""));
  if (text === "" || /^>+$/.test(text)) return { kind: "other" }; // nothing, or a bare REPL prompt
  const prefixed = text.startsWith("@") ? null : PREFIXED.exec(text);
  if (text.startsWith("@") || prefixed) {
    const ev = parseEventLine(prefixed ? prefixed[1] : text);
    return ev ? { kind: "event", event: ev } : { kind: "unreadable" };
  }
  if (!text.startsWith("{")) return { kind: "unreadable" };
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return { kind: "unreadable" };
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) return { kind: "unreadable" };
  const rec = o as { [k: string]: unknown };
  if (rec.type === "reboot") return { kind: "reboot" };
  if (rec.type !== "event") return { kind: "other" };
  const ev = eventFromJson(rec);
  return ev ? { kind: "event", event: ev } : { kind: "unreadable" };
}

/** Split a log's text into sessions. Never throws; see `pickSession` for the errors a user sees. */
export function parseSessionLog(text: string): ParsedLog {
  text = receivedText(text) ?? text;
  const epochs: DeviceEvent[][] = [];
  let current: DeviceEvent[] | null = null;
  let eventCount = 0;
  let unreadableLines = 0;
  for (const line of text.split(/\r?\n/)) {
    const rec = readLine(line);
    if (rec.kind === "unreadable") unreadableLines++;
    if (rec.kind === "reboot") current = null;
    if (rec.kind !== "event") continue;
    const ev = rec.event;
    eventCount++;
    const last: DeviceEvent | undefined = current ? current[current.length - 1] : undefined;
    if (!current || ev.event === "boot" || (last && (ev.seq <= last.seq || ev.ms < last.ms))) {
      current = [];
      epochs.push(current);
    }
    current.push(ev);
  }
  const sessions: LogSession[] = [];
  epochs.forEach((events, e) => {
    let chunk: DeviceEvent[] = [];
    const flush = () => {
      if (chunk.some((ev) => PLOTTABLE.indexOf(ev.event) >= 0)) sessions.push({ index: sessions.length + 1, epoch: e + 1, events: chunk });
    };
    for (const ev of events) {
      if (SESSION_STARTS.indexOf(ev.event) >= 0 && chunk.length > 0) {
        flush();
        chunk = [];
      }
      chunk.push(ev);
    }
    flush();
  });
  return { sessions, eventCount, unreadableLines };
}

/** Session `n` (1-based) or the last one; a clear error when there is nothing to plot. */
export function pickSession(log: ParsedLog, n?: number): LogSession {
  if (log.eventCount === 0) {
    throw new PictureInputError(
      "the log has no firmware events (expected NDJSON records with type \"event\" or @-lines; " + log.unreadableLines + " unreadable lines)",
    );
  }
  if (log.sessions.length === 0) {
    throw new PictureInputError("the log has " + log.eventCount + " events but nothing to plot (no switch, input, window or session events)");
  }
  if (n === undefined) return log.sessions[log.sessions.length - 1];
  if (!(Number.isInteger(n) && n >= 1 && n <= log.sessions.length)) {
    throw new PictureInputError("session " + n + " does not exist: the log has " + log.sessions.length + " session(s), numbered 1.." + log.sessions.length);
  }
  return log.sessions[n - 1];
}
