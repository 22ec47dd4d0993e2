/**
 * The safety gate before a pairing session: the user states how many keys
 * they own, and it must equal --keys. On a ZKE car every key left out of the
 * session stops working, so a mistyped --keys costs a key.
 */
import { createInterface } from "node:readline";
import type { CommandContext } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";

export interface ConfirmInput {
  recipe: string;
  keys: number;
  /** --confirm-keys, if given. */
  confirmKeys?: number;
  /** --yes */
  yes: boolean;
}

/** The warning shown before the question, per recipe. */
export function safetyWarning(recipe: string, keys: number): string[] {
  if (recipe === "bmw-zke") {
    return [
      `SAFETY: a ${recipe} session re-initializes the car's key list. Every key NOT done in this session stops working.`,
      `You asked for ${keys} key${keys === 1 ? "" : "s"}: have ALL the keys you own (and want to keep) ready, in the same order each time.`,
    ];
  }
  return [`${recipe}: only keys the car already knows can be re-synchronised; ${keys} key${keys === 1 ? "" : "s"} will be done in this session.`];
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
  for (const line of safetyWarning(input.recipe, input.keys)) out.emit({ type: "safety", recipe: input.recipe, text: line }, line, "warn");
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
