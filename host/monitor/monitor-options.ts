/**
 * Options shared by `monitor` and `replay` (filters and the log file), as data.
 */
import type { OptionSpec } from "../common/option-spec";
import { parseEventList, parseLevel, type MonitorFilter } from "./filters";
import type { Level } from "../protocol/event-line";

export interface FilterOptions {
  level?: Level;
  event?: string[];
  log?: string;
}

export const FILTER_OPTIONS: OptionSpec[] = [
  { flags: "--level <level>", description: "show events of this level and more severe: E, W, I, D (hides console lines)", parse: parseLevel },
  { flags: "--event <names>", description: "show only these events, comma-separated, trailing * for a prefix (e.g. key.*,session.end)", parse: parseEventList },
  { flags: "--log <file>", description: "append every line as plain text to this file (written through at once)" },
];

export function filterOf(opts: FilterOptions): MonitorFilter {
  return { maxLevel: opts.level, events: opts.event };
}
