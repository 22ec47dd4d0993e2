/**
 * The recipe a board holds against the one the user named: a built-in, a
 * recipe file, or a recipe installed earlier under its own name. Each
 * installed recipe carries its content hash (firmware/recipes/recipe-encode.ts),
 * which the firmware's `recipes` command lists; `pair` runs only when the
 * board's recipe is the one the user means.
 */
import { findRecipe } from "../../firmware/recipes/table";
import { recipeHash } from "../../firmware/recipes/recipe-encode";
import type { Recipe } from "../../firmware/recipes/types";
import { CliError, EXIT } from "../common/errors";
import { textField } from "../protocol/event-line";
import type { BoardSession } from "../session/board-session";

/** A recipe a board has installed, as its `recipes` command lists it. */
export interface InstalledRecipe {
  name: string;
  /** "1-4". */
  keys: string;
  /** "manual" or "forum". */
  src: string;
  /** The content hash, "-" when the recipe came from a fobsync before hashes. */
  hash: string;
}

/** What a board's recipe is, next to fobsync's own: `built-in`, `modified` (a built-in's name, other content), `custom`. */
export type InstalledKind = "built-in" | "modified" | "custom";

export function installedKind(r: InstalledRecipe): InstalledKind {
  const builtIn = findRecipe(r.name);
  if (!builtIn) return "custom";
  return recipeHash(builtIn) === r.hash ? "built-in" : "modified";
}

/** The board's recipe files, asked over an open session (its `recipes` command). */
export async function listBoardRecipes(session: BoardSession, signal: AbortSignal): Promise<InstalledRecipe[]> {
  await session.send("recipes");
  const found: InstalledRecipe[] = [];
  for (;;) {
    const line = await session.next(3000, signal);
    if (!line) throw new CliError("no-answer", `no answer to 'recipes' from the ${session.description}`, EXIT.noAnswer);
    if (line.kind !== "event") continue;
    const ev = line.event;
    if (ev.event === "recipe") found.push({ name: textField(ev, "name"), keys: textField(ev, "keys"), src: textField(ev, "src"), hash: textField(ev, "hash") || "-" });
    if (ev.event === "ok" && textField(ev, "cmd") === "recipes") return found;
  }
}

/** The recipe the user named, as `pair` expects to find it on the board. */
export interface ExpectedRecipe {
  name: string;
  /** What the user typed: a built-in's name, a file, or an installed recipe's name. */
  given: string;
  from: "built-in" | "file" | "board";
  /** The content hash it must have; null for a recipe run by the name it was installed under (the board's is the one). */
  hash: string | null;
}

export function expectedRecipe(recipe: Recipe, given: string, from: ExpectedRecipe["from"]): ExpectedRecipe {
  return { name: recipe.name, given, from, hash: from === "board" ? null : recipeHash(recipe) };
}

/** Throw when the board does not hold the recipe the user means (missing: exit 1; other content: exit 6), with the command that fixes it. */
export function requireInstalled(expected: ExpectedRecipe, listed: InstalledRecipe[], port: string): void {
  const on = listed.find((r) => r.name === expected.name);
  const install = `fobsync recipes install ${expected.given} --port ${port}`;
  if (!on) {
    const how = expected.from === "built-in" ? `${install} (or fobsync flash, which installs every built-in)` : install;
    throw new CliError("recipe-not-installed", `the board has no recipe ${expected.name}: nothing was sent`, EXIT.failed, how);
  }
  if (expected.hash === null || on.hash === expected.hash) return;
  const what =
    expected.from === "built-in"
      ? `the board's ${expected.name} is not fobsync's built-in ${expected.name} (modified, or from another fobsync version)`
      : `the board's ${expected.name} differs from ${expected.given} (the file changed since it was installed, or another file of that name was)`;
  throw new CliError("recipe-differs", `${what}: board ${on.hash}, expected ${expected.hash}; nothing was sent`, EXIT.verifyFailed, `install the one you mean: ${install}`);
}
