/**
 * The safety gate before a pairing session: the user states how many keys
 * they own, and it must equal --keys. On a ZKE car every key left out of the
 * session stops working, so a mistyped --keys costs a key.
 */
import { createInterface } from "node:readline";
import type { CommandContext } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import type { Recipe } from "../../../firmware/recipes/types";
import { safetyWarning } from "../../recipes/safety-warning";

export interface ConfirmInput {
  recipe: Recipe;
  keys: number;
  /** --confirm-keys, if given. */
  confirmKeys?: number;
  /** --yes */
  yes: boolean;
}

function mismatch(keys: number, stated: number): CliError {
  return new CliError(
    "confirm-mismatch",
    `you own ${stated} key${stated === 1 ? "" : "s"} but asked for --keys ${keys}: nothing was sent`,
    EXIT.usage,
    `run again with --keys ${stated} so that every key you own is in the session`,
  );
}

/**
 * Resolve the confirmed key count, asking on the terminal when needed.
 * Throws a usage error (exit 2) when it cannot be confirmed.
 */
export async function confirmKeyCount(input: ConfirmInput, ctx: CommandContext): Promise<number> {
  const { out } = ctx;
  if (input.confirmKeys !== undefined) {
    if (input.confirmKeys !== input.keys) throw mismatch(input.keys, input.confirmKeys);
    return input.confirmKeys;
  }
  for (const line of safetyWarning(input.recipe, input.keys)) out.emit({ type: "safety", recipe: input.recipe.name, text: line }, line, "warn");
  if (input.yes) return input.keys;
  if (!ctx.stdin.isTTY) {
    throw usageError("pair needs your confirmation of how many keys you own: no terminal to ask on, so pass --confirm-keys N (or --yes in scripts)");
  }
  const answer = await ask(ctx, "How many keys do you own for this car? Type the number: ");
  if (!/^\s*\d+\s*$/.test(answer)) throw usageError(`expected the number of keys you own, got '${answer.trim()}': nothing was sent`);
  const stated = Number(answer.trim());
  if (stated !== input.keys) throw mismatch(input.keys, stated);
  return stated;
}

async function ask(ctx: CommandContext, question: string): Promise<string> {
  const rl = createInterface({ input: ctx.stdin, output: process.stderr, terminal: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(new CliError("aborted", "aborted by the user before anything was sent", EXIT.aborted));
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      rl.question(question, (answer) => {
        ctx.signal.removeEventListener("abort", onAbort);
        resolve(answer);
      });
    });
  } finally {
    rl.close();
  }
}

/**
 * The gate before a recipe only forum posts describe (Recipe.confidence
 * "forum"): the user types `forum`, or passed --trust-forum. True when the
 * pair line must carry `forum=1`; throws a usage error (exit 2) when refused.
 */
export async function acceptForumSource(recipe: Recipe, trusted: boolean, ctx: CommandContext): Promise<boolean> {
  if (recipe.confidence !== "forum") return false;
  const text = `${recipe.name} comes from forum posts only (${recipe.sources.map((s) => s.cite).join("; ")}), not an owner's or service manual: timings may be wrong for your car.`;
  ctx.out.emit({ type: "safety", recipe: recipe.name, text }, text, "warn");
  if (trusted) return true;
  if (!ctx.stdin.isTTY) throw usageError(`${recipe.name} is forum-only: pass --trust-forum to run it anyway (no terminal to ask on)`);
  const answer = await ask(ctx, "Type 'forum' to run it anyway: ");
  if (answer.trim() !== "forum") throw usageError(`expected 'forum', got '${answer.trim()}': nothing was sent`);
  return true;
}
