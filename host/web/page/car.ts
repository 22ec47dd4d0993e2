/**
 * Which recipe: the advisor `fobsync which` uses (make, year, month, buttons,
 * model), its reasons, warnings and sources, or a recipe chosen by name.
 */
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import type { Recipe } from "../../../firmware/recipes/types";
import { advise, type Advice } from "../../advisor/advise";
import { findModel } from "../../advisor/models";
import { adviseMake, OTHER_MAKES } from "../../advisor/other-makes";

export const MAKES = ["mini", "bmw", ...OTHER_MAKES];

export interface CarFacts {
  make: string;
  year: number;
  month: number;
  buttons: number;
  model: string;
}

/** The advice for the facts, or an error sentence when they are incomplete. */
export function adviceFor(f: CarFacts): Advice | string {
  if (!(f.year >= 1980 && f.year <= 2030)) return "Give the production year (1980-2030).";
  if (f.make !== "mini" && f.make !== "bmw") return adviseMake(f.make, f.year, f.model || undefined);
  if (!(f.month >= 1 && f.month <= 12)) return "Give the production month (1-12): the type plate in the door pillar shows it.";
  if (!(f.buttons >= 1 && f.buttons <= 6)) return "Give the number of buttons on the key.";
  const model = f.model ? findModel(f.model) : undefined;
  if (f.model && !model) return `Unknown model ${f.model}: R50 R52 R53 E38 E39 E46 E53 E83 E85, or leave it empty.`;
  if (f.make === "bmw" && model?.family !== "bmw") return "A BMW needs its model (E38 E39 E46 E53 E83 E85).";
  return advise({ year: f.year, month: f.month, buttons: f.buttons, model });
}

/** Every built-in recipe, for choosing by name. */
export function recipeChoices(): Recipe[] {
  return RECIPES;
}

export function recipeNamed(name: string): Recipe | undefined {
  return findRecipe(name);
}
