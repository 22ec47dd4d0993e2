/**
 * Monitor filters: `--level W` keeps events of that level and more severe
 * (E < W < I < D), `--event key.*,session.end` keeps the named events
 * (a trailing `*` matches a prefix). Lost lines, reboots and link changes
 * always pass: they are what a user must not miss.
 */
import { usageError } from "../common/errors";
import type { Level } from "../protocol/event-line";
import type { MonitorRecord } from "./records";

const SEVERITY: Record<Level, number> = { E: 0, W: 1, I: 2, D: 3 };

export interface MonitorFilter {
  maxLevel?: Level;
  events?: string[];
}

/** Parse `--level` (E, W, I, D or error, warning, info, debug). */
export function parseLevel(value: string): Level {
  const v = value.trim().toUpperCase();
  const map: Record<string, Level> = { E: "E", ERROR: "E", W: "W", WARN: "W", WARNING: "W", I: "I", INFO: "I", D: "D", DEBUG: "D" };
  const level = map[v];
  if (!level) throw usageError(`--level must be one of E, W, I, D (error, warning, info, debug), got '${value}'`);
  return level;
}

/** Parse `--event a,b.*`. */
export function parseEventList(value: string): string[] {
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const n of names) {
    if (!/^[a-z0-9.-]+\*?$/.test(n)) throw usageError(`--event: '${n}' is not an event name (lower case, digits, '.', '-', optional trailing '*')`);
  }
  if (names.length === 0) throw usageError("--event needs at least one event name");
  return names;
}

function eventMatches(name: string, patterns: string[]): boolean {
  for (const p of patterns) {
    if (p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : name === p) return true;
  }
  return false;
}

/** Does the record pass the filter? */
export function passes(rec: MonitorRecord, f: MonitorFilter): boolean {
  if (rec.type === "event") {
    if (f.maxLevel && SEVERITY[rec.level] > SEVERITY[f.maxLevel]) return false;
    if (f.events && !eventMatches(rec.event, f.events)) return false;
    return true;
  }
  if (rec.type === "raw") return !f.events && !f.maxLevel;
  return true;
}
