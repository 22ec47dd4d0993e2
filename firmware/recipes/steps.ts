import type { Params } from "./params";
import type { Step } from "./types";

/** Does `step` run with parameters `p` (its condition, if any, holds)? */
export function stepApplies(step: Step, p: Params): boolean {
  const w = step.when;
  return !w || (w.atLeast ? p[w.param] >= w.value : p[w.param] === w.value);
}

/** The value of an optional parameter named by a step ("" none: `otherwise`). */
export function optional(p: Params, name: string, otherwise: number): number {
  return name === "" ? otherwise : p[name];
}
