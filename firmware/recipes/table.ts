import { BMW_ZKE } from "./bmw-zke";
import { MINI_R50_EARLY } from "./mini-r50-early";
import type { Recipe } from "./types";

/** Every recipe the firmware runs, in `recipes` order (the device's table: no titles or sources). */
export const RECIPE_TABLE: Recipe[] = [BMW_ZKE, MINI_R50_EARLY];

/** The recipe named `name`, or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  for (const r of RECIPE_TABLE) if (r.name === name) return r;
  return undefined;
}
