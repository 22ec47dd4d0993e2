import { BMW_ZKE } from "./bmw-zke";
import { FORD_8X } from "./ford-8x";
import { GM_TRUCK } from "./gm-truck";
import { HONDA_4S } from "./honda-4s";
import { MAZDA_3X } from "./mazda-3x";
import { MINI_R50_EARLY } from "./mini-r50-early";
import { NISSAN_6X } from "./nissan-6x";
import { VW_AUDI_90S } from "./vw-audi-90s";
import { encodeRecipe } from "./recipe-encode";
import { RECIPE_FILE } from "./recipe-text";
import type { RecipeCore, Recipe } from "./types";

/**
 * Every built-in recipe, in `recipes` order. HOST ONLY: `fobsync flash`
 * installs each as a file of its own on the board (`recipeFiles`), where the
 * firmware reads the one a session runs; titles and sources never reach the
 * device.
 */
export const RECIPES: Recipe[] = [BMW_ZKE, MINI_R50_EARLY, FORD_8X, HONDA_4S, NISSAN_6X, MAZDA_3X, VW_AUDI_90S, GM_TRUCK];

/** The recipe named `name`, or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  return RECIPES.find((r) => r.name === name);
}

let builtIn: { [file: string]: string } | undefined;

/** Recipes as the board's files (`fr.<name>` to the text the firmware reads); the built-in ones are encoded once (a fresh copy each call). */
export function recipeFiles(recipes?: RecipeCore[]): { [file: string]: string } {
  if (recipes === undefined) return { ...(builtIn ??= encodeFiles(RECIPES)) };
  return encodeFiles(recipes);
}

function encodeFiles(recipes: RecipeCore[]): { [file: string]: string } {
  const files: { [file: string]: string } = {};
  for (const r of recipes) files[RECIPE_FILE + r.name] = encodeRecipe(r);
  return files;
}
