import type { Params, Recipe } from "./types";

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

/** Largest value the device takes for a parameter without its own bound (10 minutes in ms). */
export const PARAM_MAX = 600000;

/** The recipe's parameters as token lists `[name, default]`, `[name, default, hi]` or `[name, default, "v0/v1"]`. */
export function paramList(r: Recipe): string[][] {
  const out: string[][] = [];
  for (const s of r.params.split(",")) out.push(s.split(" "));
  return out;
}

/** Every parameter at its default. */
export function defaults(r: Recipe): Params {
  const p: Params = {};
  for (const t of paramList(r)) p[t[0]] = toInt(t[1]);
  return p;
}

/**
 * Step `i` as tokens `[op, args...]` with its condition removed, or undefined
 * when the condition (`param=value`) does not hold for `p`.
 */
export function stepTokens(r: Recipe, i: number, p: Params): string[] | undefined {
  const t = r.steps[i].split(" ");
  const eq = t[0].indexOf("=");
  if (eq < 0) return t;
  if (p[t[0].substring(0, eq)] !== toInt(t[0].substring(eq + 1))) return undefined;
  t.shift();
  return t;
}
