/**
 * `fobsync recipes install <name|file> --port P`: write one recipe into the
 * board's flash as the file `fr.<name>` (Espruino Storage, the NodeMCU file
 * system), check it there (CRC / Adler-32), and see the firmware list it.
 * The board must be idle: writing flash on a real board can stall its timers.
 */
import { RECIPE_FILE } from "../../../firmware/recipes/recipe-text";
import { encodeRecipe } from "../../../firmware/recipes/recipe-encode";
import type { Recipe } from "../../../firmware/recipes/types";
import { CliError, EXIT, usageError } from "../../common/errors";
import { findRecipe } from "../../../firmware/recipes/table";
import { recipeHash } from "../../../firmware/recipes/recipe-encode";
import { writeBoardFiles } from "../../flash/board-files";
import { textField } from "../../protocol/event-line";
import type { CommandContext } from "../command-module";
import { checkFirmware } from "../../session/run-session";
import { openSerialSession } from "../../session/open-serial-session";
import { readInstalled } from "./show";

/**
 * Install `recipe` (named on the command line as `given`: a name or a file) on
 * the board on `port`. A file that carries a built-in's name with other
 * content would make `pair --recipe <that name>` run it: refused unless
 * `replaceBuiltIn` (`--replace-builtin`); `recipes --port` then marks it MODIFIED.
 */
export async function installRecipe(recipe: Recipe, given: string, port: string, baud: number, target: string, replaceBuiltIn: boolean, ctx: Pick<CommandContext, "out" | "signal">): Promise<number> {
  const { out, signal } = ctx;
  const builtIn = findRecipe(recipe.name);
  if (builtIn && recipeHash(builtIn) !== recipeHash(recipe) && !replaceBuiltIn) {
    throw usageError(
      `${given} is named ${recipe.name}, like fobsync's built-in, with other content: pair --recipe ${recipe.name} would then run yours. Nothing was written`,
      "give it a name of its own (\"name\" in the file), or add --replace-builtin",
    );
  }
  await requireIdle(port, baud, target, signal);
  const file = { name: RECIPE_FILE + recipe.name, bytes: Buffer.from(encodeRecipe(recipe), "latin1") };
  out.say(`writing ${file.name} (${file.bytes.length} bytes) to the ${target} board on ${port}...`, "dim");
  await writeBoardFiles(port, baud, target, [file], signal);
  const listed = await readInstalled(port, baud, target, signal);
  if (!listed.some((r) => r.name === recipe.name)) throw new CliError("install-failed", `the board stored ${file.name} but does not list ${recipe.name}`, EXIT.failed);
  out.emit(
    { type: "installed", name: recipe.name, file: file.name, bytes: file.bytes.length, port, recipes: listed.map((r) => r.name) },
    `installed and checked: ${recipe.name} (${file.bytes.length} bytes); the board now has ${listed.length} recipes. Run it: fobsync pair --recipe ${given} --keys N --port ${port}`,
    "ok",
  );
  return EXIT.ok;
}

/** The firmware answers and runs no session (a session's timing must not meet a flash write). */
async function requireIdle(port: string, baud: number, target: string, signal: AbortSignal): Promise<void> {
  const session = await openSerialSession(port, baud, target);
  try {
    await checkFirmware(session, () => {}, signal);
    await session.send("status");
    for (;;) {
      const line = await session.next(3000, signal);
      if (!line) throw new CliError("no-answer", `no answer to 'status' from the board on ${port}`, EXIT.noAnswer);
      if (line.kind === "event" && line.event.event === "status") {
        if (textField(line.event, "state") !== "idle") throw new CliError("busy", "the board is running a session: nothing was written", EXIT.usage, "wait for it to end (or abort it), then install");
        return;
      }
    }
  } finally {
    await session.close();
  }
}
