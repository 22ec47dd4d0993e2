import type { Recipe } from "../../firmware/recipes/types";

/** The warning shown before the question, from what the recipe's car does with the keys a session leaves out. */
export function safetyWarning(recipe: Recipe, keys: number): string[] {
  const n = `${keys} key${keys === 1 ? "" : "s"}`;
  if (recipe.leftOut === "erased") {
    return [
      `SAFETY: a ${recipe.name} session replaces the car's list of keys. Every key NOT done in this session stops working.`,
      `You asked for ${n}: have ALL the keys you own (and want to keep) ready, in the same order each time.`,
    ];
  }
  return [`${recipe.name}: ${n} will be done in this session; the car keeps the keys the session leaves out.`];
}
