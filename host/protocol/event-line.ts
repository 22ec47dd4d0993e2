/**
 * Parse firmware event lines (docs/protocol.md):
 *   @<seq> <ms> <L> <event>[ <key>=<value>]...
 */

export type Level = "E" | "W" | "I" | "D";

export interface DeviceEvent {
  seq: number;
  ms: number;
  level: Level;
  event: string;
  fields: Record<string, string | number>;
}

const HEAD = /^@(\d+) (\d+) ([EWID]) ([a-z0-9.-]+)/;
const FIELD = / ([A-Za-z0-9_.-]+)=(?:"([^"]*)"|([^\s"]*))/y;
const INTEGER = /^-?\d{1,15}$/;

/** The event on a line, or null when the line is not a well-formed firmware line. */
export function parseEventLine(line: string): DeviceEvent | null {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  const head = HEAD.exec(text);
  if (!head) return null;
  const fields: Record<string, string | number> = {};
  let pos = head[0].length;
  while (pos < text.length) {
    FIELD.lastIndex = pos;
    const m = FIELD.exec(text);
    if (!m) return null;
    const quoted = m[2];
    const bare = m[3];
    fields[m[1]] = quoted !== undefined ? quoted : INTEGER.test(bare) ? Number(bare) : bare;
    pos = FIELD.lastIndex;
  }
  return { seq: Number(head[1]), ms: Number(head[2]), level: head[3] as Level, event: head[4], fields };
}

/** A field as a number (NaN when absent or not a number). */
export function numberField(ev: DeviceEvent, key: string): number {
  const v = ev.fields[key];
  return typeof v === "number" ? v : NaN;
}

/** A field as text ("" when absent). */
export function textField(ev: DeviceEvent, key: string): string {
  const v = ev.fields[key];
  return v === undefined ? "" : String(v);
}
