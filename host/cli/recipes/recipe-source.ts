/**
 * Where a command's recipe comes from: a built-in name, or a user's recipe
 * file (host/recipes/recipe-file.ts), checked before anything is sent.
 */
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import { MAX_KEYS, MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";
import type { InstalledRecipe } from "../../recipes/installed";
import { CliError, EXIT, usageError } from "../../common/errors";
import { isRecipeFile, problemLine, readRecipeFile } from "../../recipes/recipe-file";

/** The recipe `arg` names: a built-in, or the recipe in a file (relative to `cwd`). Throws a usage error otherwise. */
export function recipeFrom(arg: string, cwd: string): Recipe {
  if (!isRecipeFile(arg)) {
    const recipe = findRecipe(arg);
    if (!recipe) throw usageError(`unknown recipe '${arg}': built in are ${RECIPES.map((r) => r.name).join(", ")}; a recipe file ends in .json (see fobsync recipes)`);
    return recipe;
  }
  return recipeFromFile(arg, cwd);
}

/**
 * A recipe installed on a board under its own name, as the board's listing
 * describes it: its key range and source. Its steps and parameters stay on the
 * board (the firmware checks them); what it does with keys left out is not
 * known here, so `pair` warns as for a recipe that erases them.
 */
export function recipeFromListing(on: InstalledRecipe): Recipe {
  const max = Number(on.keys.split("-")[1]);
  return {
    name: on.name,
    title: `${on.name} (installed on the board)`,
    cars: [],
    sources: [],
    leftOut: "erased",
    maxKeys: Number.isInteger(max) && max >= MIN_KEYS ? Math.min(max, MAX_KEYS) : MAX_KEYS,
    confidence: on.src === "forum" ? "forum" : "manual",
    endsOn: [],
    ready: [],
    params: [],
    steps: [],
  };
}

/** The recipe in a file, or a usage error (exit 2) with its first problem's field and line. */
export function recipeFromFile(path: string, cwd: string): Recipe {
  let file;
  try {
    file = readRecipeFile(path.startsWith("/") ? path : `${cwd}/${path}`);
  } catch (err) {
    throw usageError((err as Error).message);
  }
  if (!file.recipe) {
    const [first, ...rest] = file.problems;
    throw new CliError("recipe-invalid", problemLine(path, first) + (rest.length ? ` (and ${rest.length} more)` : ""), EXIT.usage, `check it: fobsync recipes validate ${path}`);
  }
  return file.recipe;
}
