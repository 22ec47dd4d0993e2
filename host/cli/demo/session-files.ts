/**
 * What the demo leaves behind in its folder: the session log (NDJSON, the
 * records `pair --json` prints: session, event, raw, car) and the session's
 * timing diagram, drawn from that log exactly as `fobsync plot LOG` would.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PictureInputError } from "../../pictures/errors";
import { timingSvgFromLog } from "../../pictures/write-timing";
import type { OutputRecord } from "../../common/output";
import type { SessionLine } from "../../session/board-session";
import { CliError, EXIT } from "../../common/errors";

export const LOG_NAME = "session.ndjson";
export const SVG_NAME = "timing.svg";

export interface DemoFiles extends OutputRecord {
  type: "files";
  log: string;
  svg: string;
  /** Firmware events in the log. */
  events: number;
}

/** The NDJSON record of one board line (the shape `pair --json` prints). */
export function lineRecord(line: SessionLine): OutputRecord {
  if (line.kind === "raw") return { type: "raw", text: line.text };
  const ev = line.event;
  return { type: "event", seq: ev.seq, ms: ev.ms, level: ev.level, event: ev.event, fields: ev.fields };
}

/**
 * Write `<dir>/session.ndjson` (first `head`, then each line, then `tail`)
 * and `<dir>/timing.svg`. Throws a CliError (exit 1) when the folder cannot
 * be written or the log holds no session to draw.
 */
export function writeDemoFiles(dir: string, head: OutputRecord[], lines: SessionLine[], tail: OutputRecord[]): DemoFiles {
  const log = join(dir, LOG_NAME);
  const svgPath = join(dir, SVG_NAME);
  const text = [...head, ...lines.map(lineRecord), ...tail].map((r) => JSON.stringify(r)).join("\n") + "\n";
  let svg: string;
  try {
    svg = timingSvgFromLog(text).svg;
  } catch (err) {
    if (err instanceof PictureInputError) throw new CliError("no-session", `the demo's log has no session to draw: ${err.message}`, EXIT.failed);
    throw err;
  }
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(log, text);
    writeFileSync(svgPath, svg);
  } catch (err) {
    throw new CliError("write-failed", `cannot write the demo's files in ${dir}: ${(err as Error).message}`, EXIT.failed, "choose another folder with --out DIR");
  }
  return { type: "files", log, svg: svgPath, events: lines.filter((l) => l.kind === "event").length };
}
