/**
 * Check a recipe name, key count and `--param name=value` overrides on the
 * host, against the firmware's own recipe table, before anything is sent.
 */
import { paramValue } from "../../../firmware/recipes/params";
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import { MAX_KEYS, MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";
import { usageError } from "../../common/errors";

/** A session recipe (every recipe the firmware has; the fob bench test is `fobsync test-fob`, not a recipe). */
export function sessionRecipe(name: string): Recipe {
  const recipe = findRecipe(name);
  const names = RECIPES.map((r) => r.name);
  if (!recipe) {
    throw usageError(`unknown recipe '${name}': pair runs ${names.join(", ")} (see fobsync recipes; fob tests: fobsync test-fob)`);
  }
  return recipe;
}

/** Check the key count against the recipe's range. */
export function checkKeys(recipe: Recipe, keys: number): void {
  if (keys < MIN_KEYS || keys > MAX_KEYS) {
    throw usageError(`${recipe.name} takes ${MIN_KEYS} to ${MAX_KEYS} keys, got --keys ${keys}`);
  }
}

/**
 * `name=value` overrides as `name=<integer>` protocol arguments, checked with
 * the firmware's own parameter grammar (firmware/recipes/params.ts): a whole
 * number in the parameter's range or, for named values (hold=lock), a name.
 */
export function paramArguments(recipe: Recipe, overrides: string[]): string[] {
  const seen = new Set<string>();
  return overrides.map((text) => {
    const eq = text.indexOf("=");
    const name = eq < 0 ? text : text.slice(0, eq);
    const raw = eq < 0 ? "" : text.slice(eq + 1);
    const param = recipe.params.find((p) => p.name === name);
    if (!param) throw usageError(`${recipe.name} has no parameter '${name}' (parameters: ${recipe.params.map((p) => p.name).join(", ")})`);
    if (seen.has(name)) throw usageError(`--param ${name} given twice`);
    seen.add(name);
    const value = paramValue(param, raw);
    if (value < 0) {
      const takes = param.values ? `one of ${param.values.join(", ")} (or ${param.lo}..${param.hi})` : `${param.lo}..${param.hi}`;
      throw usageError(`--param ${name} must be ${takes}, got ${raw === "" ? "nothing" : raw}`);
    }
    return `${name}=${value}`;
  });
}
