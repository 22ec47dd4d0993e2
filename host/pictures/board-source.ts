import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type BoardDescription } from "../../hal/board";
import { BOARD_PROFILES } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";
import { PictureInputError } from "./errors";

/**
 * The board for `--board`: a built-in profile id, or a path to a JSON file
 * holding a board description. Either way it is validated; an invalid one is
 * refused with every problem listed.
 */
export function loadBoard(spec: string, cwd: string): BoardDescription {
  const profile = BOARD_PROFILES.find((b) => b.id === spec);
  let board: unknown;
  let source: string;
  if (profile) {
    board = profile;
    source = "profile " + spec;
  } else {
    const path = resolve(cwd, spec);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such profile or file" : (err as Error).message;
      throw new PictureInputError("--board " + spec + ": " + why + " (profiles: " + BOARD_PROFILES.map((b) => b.id).join(", ") + ")");
    }
    try {
      board = JSON.parse(text);
    } catch (err) {
      throw new PictureInputError("--board " + spec + ": not valid JSON (" + (err as Error).message + ")");
    }
    source = path;
  }
  if (typeof board !== "object" || board === null || !Array.isArray((board as BoardDescription).pins)) {
    throw new PictureInputError(source + ": not a board description (expected an object with id, title, mcu, maxPressMs and a pins array)");
  }
  const problems = validateBoard(board as BoardDescription);
  if (problems.length) throw new PictureInputError(source + " is not a valid board:\n  - " + problems.join("\n  - "));
  return board as BoardDescription;
}
