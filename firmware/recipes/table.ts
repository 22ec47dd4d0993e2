import { BMW_ZKE } from "./bmw-zke";
import { MINI_R50_EARLY } from "./mini-r50-early";
import { encodeRecipe } from "./recipe-encode";
import { RECIPE_FILE } from "./recipe-text";
import type { RecipeCore, Recipe } from "./types";

/**
 * Every built-in recipe, in `recipes` order. HOST ONLY: `fobsync flash`
 * installs each as a file of its own on the board (`recipeFiles`), where the
 * firmware reads the one a session runs; titles and sources never reach the
 * device.
 */
export const RECIPES: Recipe[] = [BMW_ZKE, MINI_R50_EARLY];

/** The recipe named `name`, or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  return RECIPES.find((r) => r.name === name);
}

/** Recipes as the board's files (`fr.<name>` to the text the firmware reads). */
export function recipeFiles(recipes: RecipeCore[] = RECIPES): { [file: string]: string } {
  const files: { [file: string]: string } = {};
  for (const r of recipes) files[RECIPE_FILE + r.name] = encodeRecipe(r);
  return files;
}
