/**
 * A user's recipe file: JSON (comments allowed) read with jsonc-parser, which
 * keeps every value's offset, so a problem names its field and its line
 * (`my-car.json:14: steps[2].limit: ...`). `fobsync recipes validate`,
 * `install` and `pair --recipe <file>` read recipes through here.
 */
import { readFileSync, statSync } from "node:fs";
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import type { Recipe } from "../../firmware/recipes/types";
import { checkRecipe, type Problem } from "./recipe-check";

/** A problem with its line (1-based) in the file. */
export interface FileProblem extends Problem {
  line: number;
  /** `steps[2].limit` */
  field: string;
}

export interface RecipeFile {
  path: string;
  recipe: Recipe | null;
  problems: FileProblem[];
}

/** Is `arg` a recipe file rather than a recipe name (a path, or a name ending in .json)? */
export function isRecipeFile(arg: string): boolean {
  return arg.includes("/") || arg.endsWith(".json") || arg.endsWith(".jsonc");
}

/** Read and check a recipe file. Throws (an Error with a one-line message) only when it cannot be read. */
export function readRecipeFile(path: string): RecipeFile {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`recipe file ${path} not found`);
  }
  if (!st.isFile()) throw new Error(`${path} is not a file`);
  const text = readFileSync(path, "utf8");
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    return { path, recipe: null, problems: [{ path: [], field: "", line: first ? lineOf(first.offset) : 1, message: `not JSON: ${first ? printParseErrorCode(first.error) : "empty file"}` }] };
  }
  const checked = checkRecipe(getNodeValue(tree));
  const problems = checked.problems.map((p) => {
    // the deepest part of the path that exists in the file (a missing field: its object's line)
    let node;
    for (let n = p.path.length; n >= 0 && !node; n--) node = findNodeAtLocation(tree, p.path.slice(0, n));
    return { ...p, field: fieldText(p.path), line: node ? lineOf(node.offset) : 1 };
  });
  return { path, recipe: checked.recipe, problems };
}

/** ["steps", 2, "limit"] -> "steps[2].limit" */
export function fieldText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** A problem as one line: `file:line: field: message`. */
export function problemLine(file: string, p: FileProblem): string {
  return `${file}:${p.line}: ${p.field ? p.field + ": " : ""}${p.message}`;
}
