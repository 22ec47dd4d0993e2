/**
 * Parse firmware event lines (docs/protocol.md):
 *   @<seq> <ms> <L> <event>[ <key>=<value>]...
 * A hand-written scanner: the monitor and the simulated bench parse every line,
 * so this is on the hot path (test/event-line.test.ts checks it against the
 * grammar written as regular expressions).
 */

export type Level = "E" | "W" | "I" | "D";

export interface DeviceEvent {
  seq: number;
  ms: number;
  level: Level;
  event: string;
  fields: Record<string, string | number>;
}

const SPACE = 32;
const QUOTE = 34;
const MINUS = 45;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isEventChar = (c: number): boolean => (c >= 97 && c <= 122) || isDigit(c) || c === 46 || c === MINUS;
const isKeyChar = (c: number): boolean => isEventChar(c) || (c >= 65 && c <= 90) || c === 95;
/** Ends a bare value: white space or a quote. */
const endsBare = (c: number): boolean => c === SPACE || c === QUOTE || c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 160;

/** The value of `line[from..to)` when it is "-?\d{1,15}", else NaN (no slice: this runs for every field). */
function integerAt(line: string, from: number, to: number): number {
  const negative = line.charCodeAt(from) === MINUS;
  let i = negative ? from + 1 : from;
  if (to - i < 1 || to - i > 15) return NaN;
  let value = 0;
  for (; i < to; i++) {
    const c = line.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    value = value * 10 + (c - 48);
  }
  return negative ? -value : value;
}

/**
 * Field names, interned. The firmware uses a few dozen names; slicing each one
 * out of every line makes a fresh string that the engine must look up again
 * to use as a property key. Here a name is matched in place against the ones
 * seen before (bucketed by length and end characters) and the kept copy is
 * returned. Bounded: past the bucket size, names are simply sliced.
 */
const KEY_BUCKETS = 64;
const KEYS_PER_BUCKET = 4;
const knownKeys: string[][] = [];
for (let b = 0; b < KEY_BUCKETS; b++) knownKeys.push([]);

/** The field name `line[from..to)`. */
function keyAt(line: string, from: number, to: number): string {
  const bucket = knownKeys[((to - from) * 31 + line.charCodeAt(from) + line.charCodeAt(to - 1)) & (KEY_BUCKETS - 1)];
  for (const known of bucket) if (known.length === to - from && line.startsWith(known, from)) return known;
  const key = line.slice(from, to);
  if (bucket.length < KEYS_PER_BUCKET) bucket.push(key);
  return key;
}

/** The event on a line, or null when the line is not a well-formed firmware line. */
export function parseEventLine(line: string): DeviceEvent | null {
  const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
  if (line.charCodeAt(0) !== 64) return null;
  let i = 1;
  const seqAt = i;
  while (i < end && isDigit(line.charCodeAt(i))) i++;
  if (i === seqAt || line.charCodeAt(i) !== SPACE) return null;
  const seq = i - seqAt <= 15 ? integerAt(line, seqAt, i++) : Number(line.slice(seqAt, i++));
  const msAt = i;
  while (i < end && isDigit(line.charCodeAt(i))) i++;
  if (i === msAt || line.charCodeAt(i) !== SPACE) return null;
  const ms = i - msAt <= 15 ? integerAt(line, msAt, i++) : Number(line.slice(msAt, i++));
  const lc = line.charCodeAt(i);
  const level = lc === 73 ? "I" : lc === 87 ? "W" : lc === 69 ? "E" : lc === 68 ? "D" : null;
  if (level === null) return null;
  if (line.charCodeAt(++i) !== SPACE) return null;
  const eventAt = ++i;
  while (i < end && isEventChar(line.charCodeAt(i))) i++;
  if (i === eventAt) return null;
  const event = line.slice(eventAt, i);
  const fields: Record<string, string | number> = {};
  while (i < end) {
    if (line.charCodeAt(i) !== SPACE) return null;
    const keyStart = ++i;
    while (i < end && isKeyChar(line.charCodeAt(i))) i++;
    if (i === keyStart || i >= end || line.charCodeAt(i) !== 61) return null;
    const key = keyAt(line, keyStart, i++);
    if (i < end && line.charCodeAt(i) === QUOTE) {
      const close = line.indexOf('"', i + 1);
      if (close < 0 || close >= end) return null;
      fields[key] = line.slice(i + 1, close);
      i = close + 1;
    } else {
      const valueAt = i;
      while (i < end && !endsBare(line.charCodeAt(i))) i++;
      // A leading zero ("09262559", a build id) is text: as a number it would lose the zero.
      const digitAt = line.charCodeAt(valueAt) === MINUS ? valueAt + 1 : valueAt;
      const n = line.charCodeAt(digitAt) === 48 && i - digitAt > 1 ? NaN : integerAt(line, valueAt, i);
      fields[key] = n === n ? n : line.slice(valueAt, i);
    }
  }
  return { seq, ms, level, event, fields };
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
