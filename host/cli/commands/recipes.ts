/**
 * `fobsync recipes`: the procedures the firmware runs (titles, cars, key
 * counts, parameters, sources and how sure they are), what a board has
 * installed (`--port`), and a user's own recipe files: `validate`, `export`
 * a built-in to start from, `install` onto a board.
 */
import type { CommandModule } from "../command-module";
import { addOptions } from "../command-module";
import { usageError } from "../../common/errors";
import { BAUD_OPTION, PORT_OPTION, requirePort } from "../../serial/cli-options";
import { exportRecipe, validateFile } from "../recipes/file-actions";
import { installRecipe } from "../recipes/install";
import { recipeFrom } from "../recipes/recipe-source";
import { listBuiltIn, listOnBoard } from "../recipes/show";

interface RecipesOptions {
  args: string[];
  port?: string;
  baud: number;
  target: string;
  out?: string;
  replaceBuiltin?: boolean;
}

const ACTIONS = "list, validate <file>, export <name>, install <name|file>";

export const recipesCommand: CommandModule<RecipesOptions> = {
  name: "recipes",
  summary: "list the recipes (cars, parameters, sources); validate, export and install your own",
  configure(cmd) {
    cmd.argument("[action]", `what to do: ${ACTIONS} (default list)`).argument("[what]", "the recipe file or name the action takes");
    addOptions(cmd, [
      { ...PORT_OPTION, description: "list: the recipes this board has installed; install: the board to write to" },
      BAUD_OPTION,
      { flags: "--target <target>", description: "firmware on the board: espruino or nodemcu", default: "espruino" },
      { flags: "--out <file>", description: "export: write the recipe here (default: standard output)" },
      { flags: "--replace-builtin", description: "install: let a recipe file replace the built-in of the same name on the board (pair --recipe <name> then runs it; recipes --port marks it MODIFIED)" },
    ]);
    cmd.addHelpText(
      "after",
      "\nA recipe is data: steps (input edges counted within windows, presses, a person's steps, the car's answer) and\n" +
        "parameters with ranges; docs/recipes.md has the format. Override a parameter in a session with: fobsync pair ... --param name=value\n" +
        "Examples:\n" +
        "  $ fobsync recipes\n" +
        "  $ fobsync recipes export ford-8x --out my-ford.json   # exit 0\n" +
        "  $ fobsync recipes validate my-ford.json               # exit 0 (2 with the field and line of each problem)\n" +
        "  $ fobsync recipes install my-ford.json --port /dev/ttyUSB0\n" +
        "  $ fobsync recipes --port /dev/ttyUSB0                  # what the board has installed",
    );
  },
  async run(opts, ctx) {
    const [action = "list", what, ...extra] = opts.args ?? [];
    if (extra.length > 0) throw usageError(`recipes ${action} takes one ${action === "install" ? "name or file" : "argument"}, got ${extra.length + 1}`);
    const needs = (thing: string) => {
      if (!what) throw usageError(`recipes ${action} needs ${thing}`);
      return what;
    };
    if (opts.target !== "espruino" && opts.target !== "nodemcu") throw usageError(`--target must be espruino or nodemcu, got '${opts.target}'`);
    if (action !== "export" && opts.out !== undefined) throw usageError("--out applies to recipes export only");
    if (action !== "install" && opts.replaceBuiltin) throw usageError("--replace-builtin applies to recipes install only");
    switch (action) {
      case "list":
        if (what) throw usageError(`recipes list takes no argument (did you mean: fobsync recipes validate ${what}?)`);
        return opts.port === undefined ? listBuiltIn(ctx) : listOnBoard(opts.port, opts.baud, opts.target, ctx);
      case "validate":
        return validateFile(needs("a recipe file"), ctx);
      case "export":
        return exportRecipe(needs("a built-in recipe's name"), opts.out, ctx);
      case "install": {
        const given = needs("a recipe name or file");
        return installRecipe(recipeFrom(given, ctx.cwd), given, requirePort(opts.port, "recipes install"), opts.baud, opts.target, opts.replaceBuiltin === true, ctx);
      }
      default:
        throw usageError(`unknown recipes action '${action}': ${ACTIONS}`);
    }
  },
};
