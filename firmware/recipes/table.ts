import { BMW_ZKE } from "./bmw-zke";
import { MINI_R50_EARLY } from "./mini-r50-early";
import { encodeRecipes } from "./recipe-encode";
import type { Recipe } from "./types";

/**
 * Every built-in recipe, in `recipes` order. HOST ONLY: a build encodes them
 * (`builtInRecipesText`) into the bundle, where the firmware reads them as
 * text; titles and sources never reach the device.
 */
export const RECIPES: Recipe[] = [BMW_ZKE, MINI_R50_EARLY];

/** The recipe named `name`, or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  return RECIPES.find((r) => r.name === name);
}

let encoded: string | undefined;

/** The built-in recipes as the firmware reads them (recipe-text.ts), encoded once. */
export function builtInRecipesText(): string {
  encoded ??= encodeRecipes(RECIPES);
  return encoded;
}
