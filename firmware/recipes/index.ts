import { RECIPE_INFO, type RecipeInfo } from "./info";
import { RECIPE_TABLE } from "./table";
import type { Recipe as DeviceRecipe } from "./types";

export type { Param, Params, PlanStep, Step } from "./types";
export type { DeviceRecipe };

/** A recipe as the host shows it: what the firmware runs plus its title and sources. */
export type Recipe = DeviceRecipe & RecipeInfo;

/**
 * Every recipe the firmware runs, in `recipes` order, with titles and sources
 * (host `recipes`/`which`/`pair` import it). HOST ONLY: the device imports
 * `table.ts`, so none of this text is in a firmware bundle.
 */
export const RECIPES: Recipe[] = RECIPE_TABLE.map((r) => ({ ...r, ...RECIPE_INFO[r.name] }));

/** The recipe named `name` (host view), or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  for (const r of RECIPES) if (r.name === name) return r;
  return undefined;
}
