import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { DeviceEvent } from "../protocol/event-line";
import { parseSessionLog, pickSession } from "./session-log";
import { renderTimingSvg } from "./timing-svg";
import type { TimingOptions } from "./timing-layout";

/**
 * Write the timing diagram of a session to `path` (directories created).
 * For the demo and `pair`: pass the events of the session just run.
 */
export function writeTimingSvg(events: DeviceEvent[], path: string, options: TimingOptions = {}): void {
  const svg = renderTimingSvg(events, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
}

/** The timing diagram of session `session` (default: the last) of a log's text. */
export function timingSvgFromLog(text: string, session?: number, options: TimingOptions = {}): { svg: string; session: number; sessions: number } {
  const log = parseSessionLog(text);
  const picked = pickSession(log, session);
  return { svg: renderTimingSvg(picked.events, options), session: picked.index, sessions: log.sessions.length };
}
