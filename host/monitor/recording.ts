/**
 * Raw recordings of a serial session (`monitor --record FILE`), replayed by
 * `fobsync replay FILE`. NDJSON, one entry per chunk, host time in ms since
 * the Unix epoch:
 *
 *   {"t":1764000000123,"dir":"rx","hex":"40312030..."}   bytes from the board
 *   {"t":1764000000200,"dir":"tx","hex":"667328..."}     bytes we sent
 *   {"t":1764000001000,"dir":"disconnected"}             the port went away
 *   {"t":1764000003000,"dir":"reconnected"}              and came back
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { CliError, EXIT, usageError } from "../common/errors";

export type RecordingEntry =
  | { t: number; dir: "rx" | "tx"; bytes: Buffer }
  | { t: number; dir: "disconnected" | "reconnected" };

/** Appends entries to a recording file, each written through at once. */
export class RecordingWriter {
  private fd: number;

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, "a");
    } catch (err) {
      throw new CliError("file", `cannot write recording ${file}: ${(err as Error).message}`, EXIT.usage);
    }
  }

  /** Record bytes in one direction. */
  bytes(t: number, dir: "rx" | "tx", data: Uint8Array): void {
    writeSync(this.fd, `{"t":${t},"dir":"${dir}","hex":"${Buffer.from(data).toString("hex")}"}\n`);
  }

  /** Record a link change. */
  link(t: number, dir: "disconnected" | "reconnected"): void {
    writeSync(this.fd, `{"t":${t},"dir":"${dir}"}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A line of a recording that could not be read back: its number (1-based) and why. */
export interface SkippedLine {
  line: number;
  why: string;
}

/** What a recording holds: every entry that reads back, and the lines that did not. */
export interface Recording {
  entries: RecordingEntry[];
  skipped: SkippedLine[];
}

/**
 * Parse a recording's text. Every complete, well-formed line is kept; a line
 * that is cut off (what a crash or a power loss leaves as the last line) or
 * not an entry is skipped and reported, never a reason to drop the others.
 */
export function parseRecording(text: string): Recording {
  const entries: RecordingEntry[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const entry = parseEntry(line);
    if (typeof entry === "string") skipped.push({ line: i + 1, why: i === lines.length - 1 && !text.endsWith("\n") ? `cut off (${entry})` : entry });
    else entries.push(entry);
  }
  return { entries, skipped };
}

/** One line as an entry, or why it is not one. */
function parseEntry(line: string): RecordingEntry | string {
  let o: { t?: unknown; dir?: unknown; hex?: unknown };
  try {
    o = JSON.parse(line);
  } catch {
    return "not JSON";
  }
  if (typeof o !== "object" || o === null) return "not an entry";
  if (typeof o.t !== "number" || !Number.isFinite(o.t)) return "no numeric t";
  if (o.dir === "rx" || o.dir === "tx") {
    if (typeof o.hex !== "string" || !/^([0-9a-f]{2})*$/i.test(o.hex)) return "hex must be pairs of hex digits";
    return { t: o.t, dir: o.dir, bytes: Buffer.from(o.hex, "hex") };
  }
  if (o.dir === "disconnected" || o.dir === "reconnected") return { t: o.t, dir: o.dir };
  return "dir must be rx, tx, disconnected or reconnected";
}

/** Read and parse a recording file: a clear usage error when it cannot be read or holds nothing. */
export function readRecording(file: string): Recording {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (err as Error).message;
    throw usageError(`cannot read recording ${file}: ${why}`);
  }
  const recording = parseRecording(text);
  if (recording.entries.length === 0) {
    throw usageError(
      text.trim() === "" ? `${file} is empty: nothing was recorded` : `${file} holds no fobsync recording entry (line ${recording.skipped[0].line}: ${recording.skipped[0].why})`,
    );
  }
  return recording;
}
