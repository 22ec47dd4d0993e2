/** `fobsync recipes validate FILE` and `fobsync recipes export NAME`: a user's recipe file, checked or started from a built-in. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import { encodeRecipe } from "../../../firmware/recipes/recipe-encode";
import { EXIT, usageError } from "../../common/errors";
import { checkWritableFile } from "../../common/paths";
import { problemLine, readRecipeFile } from "../../recipes/recipe-file";
import type { CommandContext } from "../command-module";

/** Check a recipe file: one line per problem (`file:line: field: message`), exit 2 when there is any. */
export function validateFile(path: string, { out, cwd }: Pick<CommandContext, "out" | "cwd">): number {
  let file;
  try {
    file = readRecipeFile(resolve(cwd, path));
  } catch (err) {
    throw usageError((err as Error).message);
  }
  for (const p of file.problems) out.emit({ type: "problem", file: path, line: p.line, field: p.field, message: p.message }, problemLine(path, p), "error");
  if (!file.recipe) {
    out.emit({ type: "validated", file: path, ok: false, problems: file.problems.length }, `${path}: ${file.problems.length} problem${file.problems.length === 1 ? "" : "s"}: nothing can be installed`, "error");
    return EXIT.usage;
  }
  const r = file.recipe;
  const bytes = encodeRecipe(r).length;
  out.emit(
    { type: "validated", file: path, ok: true, name: r.name, steps: r.steps.length, params: r.params.length, confidence: r.confidence, bytes },
    `${path}: recipe ${r.name} is valid: ${r.steps.length} steps, ${r.params.length} parameters, ${r.confidence} source, ${bytes} bytes on the board`,
    "ok",
  );
  if (findRecipe(r.name)) out.say(`note: ${r.name} is a built-in name: installing it replaces the built-in on that board until the next flash`, "warn");
  return EXIT.ok;
}

/** Write a built-in recipe as a file to start from (stdout without --out). */
export function exportRecipe(name: string, outFile: string | undefined, { out, cwd }: Pick<CommandContext, "out" | "cwd">): number {
  const recipe = findRecipe(name);
  if (!recipe) throw usageError(`unknown recipe '${name}': built in are ${RECIPES.map((r) => r.name).join(", ")}`);
  const text = JSON.stringify(recipe, null, 2) + "\n";
  if (outFile === undefined) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  const path = resolve(cwd, outFile);
  checkWritableFile(path, "--out");
  writeFileSync(path, text);
  out.emit({ type: "exported", name, file: outFile }, `wrote ${outFile}: rename the recipe ("name"), edit it, then fobsync recipes validate ${outFile}`, "ok");
  return EXIT.ok;
}
