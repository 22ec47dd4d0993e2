/**
 * Check a key count and `--param name=value` overrides on the host, with the
 * firmware's own parameter grammar, before anything is sent.
 */
import { paramValue } from "../../../firmware/recipes/params";
import { MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";
import { usageError } from "../../common/errors";

/** Check the key count against the recipe's range. */
export function checkKeys(recipe: Recipe, keys: number): void {
  if (keys < MIN_KEYS || keys > recipe.maxKeys) {
    throw usageError(`${recipe.name} takes ${MIN_KEYS} to ${recipe.maxKeys} keys, got --keys ${keys}`);
  }
}

/**
 * `name=value` overrides as `name=<integer>` protocol arguments, checked with
 * the firmware's own parameter grammar (firmware/recipes/params.ts): a whole
 * number in the parameter's range or, for named values (hold=lock), a name.
 * A recipe known only by its name on the board (`onBoard`) has its parameter
 * table there: the overrides go as given, and the firmware checks them.
 */
export function paramArguments(recipe: Recipe, overrides: string[], onBoard = false): string[] {
  const seen = new Set<string>();
  return overrides.map((text) => {
    const eq = text.indexOf("=");
    const name = eq < 0 ? text : text.slice(0, eq);
    const raw = eq < 0 ? "" : text.slice(eq + 1);
    if (onBoard) {
      if (!/^[A-Za-z0-9_]+$/.test(name) || !/^[A-Za-z0-9_]+$/.test(raw)) throw usageError(`--param must be name=value (letters, digits, _), got '${text}'`);
      if (seen.has(name)) throw usageError(`--param ${name} given twice`);
      seen.add(name);
      return `${name}=${raw}`;
    }
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
