import { bare } from "./event-log";

/** Longest accepted command line (docs/protocol.md). */
export const MAX_LINE = 120;

/**
 * One command line split into its name, positional arguments and `key=value`
 * pairs. `err` is "" when the line is well formed, else the error's code and
 * fields as they go on the wire (`too-long max=120`, `garbage byte=7`,
 * `bad-argument id=syntax arg=...`).
 */
export interface ParsedLine {
  err: string;
  name: string;
  pos: string[];
  names: string[];
  vals: string[];
}

/** Tokenise a line; empty `name` for a blank line and for a line refused whole (too-long, garbage). Never throws. */
export function parseLine(line: string): ParsedLine {
  const r: ParsedLine = { err: "", name: "", pos: [], names: [], vals: [] };
  let n = line.length;
  // trailing CR/LF
  while (n > 0 && "\r\n".indexOf(line.substring(n - 1, n)) >= 0) n--;
  const s = line.substring(0, n);
  // an overlong line is refused before it is scanned
  if (n > MAX_LINE) r.err = "too-long max=" + MAX_LINE;
  else
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (r.err === "" && (c < 32 || c > 126)) r.err = "garbage byte=" + c;
    }
  if (r.err !== "") return r;
  for (const t of s.split(" ")) {
    const eq = t.indexOf("=");
    if (t === "") {
      // runs of spaces
    } else if (r.name === "") r.name = t;
    else if (eq < 0) r.pos.push(t);
    else if (eq === 0 || eq === t.length - 1) {
      r.err = "bad-argument id=syntax arg=" + bare(t);
      return r;
    } else {
      r.names.push(t.substring(0, eq));
      r.vals.push(t.substring(eq + 1));
    }
  }
  return r;
}

/** Value of `key=...`, or "". The last one wins. */
export function arg(p: ParsedLine, key: string): string {
  let v = "";
  for (let i = 0; i < p.names.length; i++) if (p.names[i] === key) v = p.vals[i];
  return v;
}
