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

/** Parse a recording's text. Throws a usage error naming the first bad line. */
export function parseRecording(text: string, file = "recording"): RecordingEntry[] {
  const entries: RecordingEntry[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const bad = (why: string) => usageError(`${file} line ${i + 1} is not a fobsync recording entry: ${why}`);
    let o: { t?: unknown; dir?: unknown; hex?: unknown };
    try {
      o = JSON.parse(line);
    } catch {
      throw bad("not JSON");
    }
    if (typeof o.t !== "number" || !Number.isFinite(o.t)) throw bad("no numeric t");
    if (o.dir === "rx" || o.dir === "tx") {
      if (typeof o.hex !== "string" || !/^([0-9a-f]{2})*$/i.test(o.hex)) throw bad("hex must be pairs of hex digits");
      entries.push({ t: o.t, dir: o.dir, bytes: Buffer.from(o.hex, "hex") });
    } else if (o.dir === "disconnected" || o.dir === "reconnected") {
      entries.push({ t: o.t, dir: o.dir });
    } else {
      throw bad(`dir must be rx, tx, disconnected or reconnected`);
    }
  }
  return entries;
}

/** Read and parse a recording file. */
export function readRecording(file: string): RecordingEntry[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw usageError(`cannot read recording ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  return parseRecording(text, file);
}
