/**
 * Check a recipe name, key count and `--param name=value` overrides on the
 * host, against the firmware's own recipe table, before anything is sent.
 */
import { findRecipe, RECIPES, type Recipe } from "../../../firmware/recipes/index";
import { usageError } from "../errors";

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
  if (keys < recipe.min || keys > recipe.max) {
    throw usageError(`${recipe.name} takes ${recipe.min} to ${recipe.max} keys, got --keys ${keys}`);
  }
}

/**
 * `name=value` overrides as `name=<integer>` protocol arguments. A value may be
 * a number in the parameter's range or, for named values (hold=lock), a name.
 */
export function paramArguments(recipe: Recipe, overrides: string[]): string[] {
  const seen = new Set<string>();
  return overrides.map((text) => {
    const [name, raw] = text.split("=");
    const param = recipe.params.find((p) => p.n === name);
    if (!param) throw usageError(`${recipe.name} has no parameter '${name}' (parameters: ${recipe.params.map((p) => p.n).join(", ")})`);
    if (seen.has(name)) throw usageError(`--param ${name} given twice`);
    seen.add(name);
    let value: number;
    if (/^\d+$/.test(raw)) value = Number(raw);
    else if (param.v && param.v.includes(raw)) value = param.v.indexOf(raw);
    else throw usageError(`--param ${name}: expected a whole number${param.v ? ` or one of ${param.v.join(", ")}` : ""}, got '${raw}'`);
    if (value < param.lo || value > param.hi) throw usageError(`--param ${name} must be ${param.lo}..${param.hi}, got ${value}`);
    return `${name}=${value}`;
  });
}
