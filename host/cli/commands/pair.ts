/**
 * `fobsync pair`: a guided pairing session. The safety confirmation first,
 * then the firmware drives the fob buttons with exact timing while the user
 * follows its prompts; ends with a per-key summary.
 */
import type { CommandModule, CommandContext } from "../command-module";
import { addOptions, collectNameValue, intIn } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import { checkCommand } from "../../serial/firmware-command";
import { checkKeys, paramArguments } from "../pair/recipe-params";
import { recipeFrom, recipeFromFile, recipeFromListing } from "../recipes/recipe-source";
import { readInstalled } from "../recipes/show";
import { isRecipeFile } from "../../recipes/recipe-file";
import { expectedRecipe, listBoardRecipes, requireInstalled, type ExpectedRecipe } from "../../recipes/installed";
import { MAX_KEYS, MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";
import { acceptForumSource, confirmKeyCount } from "../pair/confirm-keys";
import { findRecipe, RECIPES } from "../../../firmware/recipes/table";
import { summarise, type PairSummary } from "../../session/pair-summary";
import { chosenSimCar, openSession, type TargetOptions } from "../session/open-session";
import { targetOptions } from "../session/target-options";
import { checkFirmware, runProcedure } from "../../session/run-session";
import { showLine } from "../session/event-view";
import { WindowCountdown } from "../../session/window-countdown";
import { BenchSession } from "../session/bench-session";
import type { BoardSession, SessionLine } from "../../session/board-session";
import { AckOnEnter } from "../session/ack-on-enter";

export interface PairOptions extends TargetOptions {
  recipe?: string;
  keys?: number;
  confirmKeys?: number;
  yes?: boolean;
  trustForum?: boolean;
  param?: string[];
}

/** The longest the board may stay silent during a session (its own limits end it sooner). */
const IDLE_LIMIT_MS = 15 * 60 * 1000;
/** On the simulator: time for the simulated user to follow the last prompt (open a door) before the car's verdict. */
const SETTLE_MS = 10_000;

export const pairCommand: CommandModule<PairOptions> = {
  name: "pair",
  summary: "run a guided key-pairing session (all keys, exact timing) on a board or the simulated bench",
  configure(cmd) {
    addOptions(cmd, [
      { flags: "-r, --recipe <name>", description: `recipe: ${RECIPES.map((r) => r.name).join(", ")} (see fobsync which, fobsync recipes), your recipe file (.json, installed on the board: fobsync recipes install), or the name a recipe was installed under; on a real board it must be the recipe you name (a modified copy is refused); required` },
      { flags: "-k, --keys <n>", description: "number of keys in the session: ALL the keys you own; required", parse: intIn("--keys", MIN_KEYS, MAX_KEYS) },
      { flags: "--confirm-keys <n>", description: "how many keys you own (must equal --keys); skips the question", parse: intIn("--confirm-keys", MIN_KEYS, MAX_KEYS) },
      { flags: "-y, --yes", description: "confirm --keys without asking (scripts, CI)" },
      { flags: "--trust-forum", description: `run a recipe only forum posts describe (${RECIPES.filter((r) => r.confidence === "forum").map((r) => r.name).join(", ")}) without asking` },
      { flags: "--param <name=value>", description: "override a recipe parameter, repeatable (e.g. tapMs=300, hold=lock)", parse: collectNameValue },
      ...targetOptions("--sim <car>"),
    ]);
    cmd.addHelpText(
      "after",
      "\nSafety: on a bmw-zke car every key left out of the session stops working; fobsync asks how many keys you own\n" +
        "(it must equal --keys). Without a terminal, pass --yes or --confirm-keys N, else it refuses (exit 2).\n" +
        "A recipe only forum posts describe asks you to type 'forum' first (or pass --trust-forum); the board refuses it otherwise.\n" +
        "Ctrl-C sends 'abort' to the firmware (every relay released) and exits 7.\n" +
        "Examples:\n  $ fobsync pair --recipe bmw-zke --keys 2 --sim zke --yes",
    );
  },
  async run(opts, ctx) {
    if (!opts.recipe) throw missing("--recipe <name>");
    if (opts.keys === undefined) throw missing("--keys <n>");
    const simCar = chosenSimCar(opts, "pair");
    const { recipe, from } = await namedRecipe(opts.recipe, simCar, opts, ctx);
    checkKeys(recipe, opts.keys);
    const params = paramArguments(recipe, opts.param ?? [], from === "board");
    const forum = await acceptForumSource(recipe, opts.trustForum === true, ctx);
    const confirmed = await confirmKeyCount({ recipe, keys: opts.keys, confirmKeys: opts.confirmKeys, yes: opts.yes === true }, ctx);
    const command = checkCommand([`pair ${recipe.name}`, `keys=${opts.keys}`, `confirm=${confirmed}`, ...(forum ? ["forum=1"] : []), ...params].join(" "));
    // a recipe file runs on a board that has it installed; the simulated board gets it installed here
    const session = await openSession(opts, simCar, opts.keys, ctx.cwd, findRecipe(recipe.name) === recipe ? [] : [recipe]);
    try {
      const expected = simCar ? undefined : { recipe: expectedRecipe(recipe, opts.recipe, from), port: opts.port as string };
      const summary = await pairOn(session, command, recipe.name, opts.keys, ctx, { expected });
      if (summary.reason === "abort") return EXIT.aborted;
      return summary.ok ? EXIT.ok : EXIT.failed;
    } finally {
      await session.close();
    }
  },
};

function missing(flag: string): CliError {
  return usageError(`pair needs ${flag}`);
}

/**
 * The recipe `--recipe` names: a recipe file, a built-in, or (on a real
 * board) a recipe installed on the board under its own name, which the
 * board's listing describes (its steps and parameters stay on the board).
 */
async function namedRecipe(given: string, simCar: string | undefined, opts: PairOptions, ctx: CommandContext): Promise<{ recipe: Recipe; from: ExpectedRecipe["from"] }> {
  if (isRecipeFile(given)) return { recipe: recipeFromFile(given, ctx.cwd), from: "file" };
  if (findRecipe(given) || simCar) return { recipe: recipeFrom(given, ctx.cwd), from: "built-in" };
  const listed = await readInstalled(opts.port as string, opts.baud, opts.target, ctx.signal);
  const on = listed.find((r) => r.name === given);
  if (!on) {
    throw usageError(
      `unknown recipe '${given}': not built in, not a file, and the board on ${opts.port} has none of that name (it has ${listed.map((r) => r.name).join(", ") || "none"})`,
      "a recipe file ends in .json; install yours with fobsync recipes install <file> --port <port>",
    );
  }
  return { recipe: recipeFromListing(on), from: "board" };
}

/** What `pairOn` does besides running the session. */
export interface PairOnOptions {
  /** On a real board: the recipe it must hold (checked before `pair` is sent), and the port for the fix. */
  expected?: { recipe: ExpectedRecipe; port: string };
  /** Called after the session ended and before the summary, with the same line printer (the demo reads its simulated car's verdict there). */
  afterRun?: (onLine: (line: SessionLine) => void) => Promise<void>;
}

/**
 * Run `command` (a pair command line) on an open session and print the log and
 * the summary. Shared with `demo`.
 */
export async function pairOn(session: BoardSession, command: string, recipe: string, keys: number, ctx: CommandContext, opts: PairOnOptions = {}): Promise<PairSummary> {
  const { out } = ctx;
  out.say(`Running on: ${session.description}`, "heading");
  const countdown = new WindowCountdown();
  const ack = session.kind === "serial" ? new AckOnEnter(ctx, session) : null;
  const onLine = (line: SessionLine) => {
    if (line.kind === "event") {
      countdown.observe(line.event);
      ack?.observe(line.event);
    }
    showLine(out, line);
  };
  let result;
  try {
    await checkFirmware(session, onLine, ctx.signal, (t) => out.say(t, "dim"));
    if (opts.expected) requireInstalled(opts.expected.recipe, await listBoardRecipes(session, ctx.signal), opts.expected.port);
    // what is sent, once the board answered and holds the recipe meant: before that, nothing is
    out.emit({ type: "session", on: session.description, command }, `Sending:    ${command}`, "heading");
    result = await runProcedure(session, {
      command,
      endEvent: "session.end",
      idleLimitMs: IDLE_LIMIT_MS,
      onLine,
      onTick: () => out.status(countdown.text(session.deviceNow())),
      signal: ctx.signal,
    });
  } catch (err) {
    await session.send("abort").catch(() => undefined);
    throw err;
  } finally {
    ack?.stop();
    out.status(null);
  }
  if (session instanceof BenchSession) {
    await session.settle(SETTLE_MS, onLine);
    const known = session.bench.car.knownKeys;
    out.emit({ type: "car", knownKeys: known, log: session.bench.car.log.map((l) => l.text) }, [
      ...session.bench.car.log.map((l) => `  car: ${l.text}`),
      `Simulated car now accepts: ${known.length ? known.join(", ") : "no key"}`,
    ], "info");
  }
  await opts.afterRun?.(onLine);
  const summary = summarise(result.events, recipe, keys, session.description);
  if (result.aborted) summary.reason = "abort";
  showSummary(summary, ctx);
  return summary;
}

/** The summary table (human) or the single summary record (JSON). */
export function showSummary(summary: PairSummary, { out }: CommandContext): void {
  if (!out.json) {
    out.say("");
    out.table(
      "key",
      [
        { key: "key", header: "KEY" },
        { key: "fob", header: "FOB" },
        { key: "result", header: "RESULT", tone: (v) => (v === "confirmed" ? "ok" : v === "failed" || v === "not done" ? "error" : "warn") },
        { key: "reason", header: "REASON" },
      ],
      summary.keys.map((k) => ({ ...k, fob: k.byHand ? "by hand" : (k.fob ?? "-") })),
    );
  }
  const verdict = summary.ok
    ? `All ${summary.keysAsked} keys confirmed (${summary.recipe}).`
    : summary.reason === "abort"
      ? "Aborted: the board released every switch. Keys not confirmed may not work: run the whole session again."
      : `${summary.keysConfirmed} of ${summary.keysAsked} keys confirmed (${summary.recipe}, ended: ${summary.reason}).`;
  out.emit(summary as unknown as { type: string }, verdict, summary.ok ? "ok" : "error");
}
