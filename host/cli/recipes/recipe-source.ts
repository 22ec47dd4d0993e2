/**
 * Where a command's recipe comes from: a built-in name, or a user's recipe
 * file (host/recipes/recipe-file.ts), checked before anything is sent.
 */
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import type { Recipe } from "../../../firmware/recipes/types";
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
