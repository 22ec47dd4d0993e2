import { toInt } from "../whole-number";

/**
 * The parameter grammar, the one place that says what a recipe parameter is
 * and which values set it. The firmware checks `pair ... name=value` with it,
 * the host checks `--param name=value` with it before it sends, and
 * `fobsync recipes` shows it.
 *
 * A parameter has a default and a range `lo..hi` of whole numbers. `values`,
 * when given, names the numbers 0..hi (`hold=lock` is `hold=1`).
 */
export interface Param {
  name: string;
  defaultValue: number;
  lo: number;
  hi: number;
  values?: string[];
}

/** Parameter values by name, as a session runs with them. */
export type Params = { [name: string]: number };

/** `name default lo hi[ v0/v1...]`: one parameter in a recipe's text (recipe-text.ts). */
export function encodeParam(p: Param): string {
  return p.name + " " + p.defaultValue + " " + p.lo + " " + p.hi + (p.values ? " " + p.values.join("/") : "");
}

export function decodeParam(text: string): Param {
  const t = text.split(" ");
  const p: Param = { name: t[0], defaultValue: toInt(t[1]), lo: toInt(t[2]), hi: toInt(t[3]) };
  if (t.length > 4) p.values = t[4].split("/");
  return p;
}

/** The number `text` sets `p` to (a whole number in lo..hi, or one of its value names), or -1. */
export function paramValue(p: Param, text: string): number {
  const named = p.values ? p.values.indexOf(text) : -1;
  const v = named >= 0 ? named : toInt(text);
  return v >= p.lo && v <= p.hi ? v : -1;
}

/** What `p` takes, as fields on the wire: `id=values values=a,b` or `id=range lo=.. hi=..` (prefix `arg=<name>` goes between). */
export function paramRange(p: Param): { id: string; fields: string } {
  return p.values ? { id: "values", fields: " values=" + p.values.join(",") } : { id: "range", fields: " lo=" + p.lo + " hi=" + p.hi };
}

/** The value `v` of `p` as a person reads it: its name, or the number. */
export function paramValueText(p: Param, v: number): string {
  return p.values ? p.values[v] : "" + v;
}

/** Every parameter at its default. */
export function defaultParams(params: Param[]): Params {
  const out: Params = {};
  for (const p of params) out[p.name] = p.defaultValue;
  return out;
}
