import type { Params } from "./params";
import type { Step } from "./types";

/** Does `step` run with parameters `p` (its condition, if any, holds)? */
export function stepApplies(step: Step, p: Params): boolean {
  return !step.when || p[step.when.param] === step.when.value;
}
