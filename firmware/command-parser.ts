import type { Field } from "./event-writer";

/** Longest accepted command line (docs/protocol.md). */
export const MAX_LINE = 120;

/**
 * One command line split into its name, positional arguments and
 * `key=value` pairs. `code` is "" when the line is well formed, else an
 * error code (`too-long`, `garbage`, `bad-argument`) with its fields `f`.
 */
export interface ParsedLine {
  code: string;
  f: Field[];
  name: string;
  pos: string[];
  keys: string[];
  vals: string[];
}

/** Tokenise a line; empty `name` for a blank line. Never throws. */
export function parseLine(line: string): ParsedLine {
  const r: ParsedLine = { code: "", f: [], name: "", pos: [], keys: [], vals: [] };
  let s = line;
  while (s.length > 0 && (s.charCodeAt(s.length - 1) === 13 || s.charCodeAt(s.length - 1) === 10)) s = s.substring(0, s.length - 1);
  if (s.length > MAX_LINE) return fail(r, "too-long", ["max", MAX_LINE]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return fail(r, "garbage", ["byte", c]);
  }
  for (const t of s.split(" ")) {
    if (t === "") continue;
    const eq = t.indexOf("=");
    if (r.name === "") r.name = t;
    else if (eq < 0) r.pos.push(t);
    else if (eq === 0 || eq === t.length - 1) return fail(r, "bad-argument", ["id", "syntax", "arg", t]);
    else {
      r.keys.push(t.substring(0, eq));
      r.vals.push(t.substring(eq + 1));
    }
  }
  return r;
}

function fail(r: ParsedLine, code: string, f: Field[]): ParsedLine {
  r.code = code;
  r.f = f;
  return r;
}

/** Value of `key=...`, or undefined. The last one wins. */
export function arg(p: ParsedLine, key: string): string | undefined {
  let v: string | undefined = undefined;
  for (let i = 0; i < p.keys.length; i++) if (p.keys[i] === key) v = p.vals[i];
  return v;
}

/** A non-negative decimal integer of at most 9 digits, or -1. */
export function toInt(s: string): number {
  if (s.length < 1 || s.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
