/**
 * The contract every `fobsync <command>` module fulfils, and option
 * definitions as data. A command module configures its commander `Command`
 * (options, arguments, help text) and runs with the parsed options, returning
 * the exit code. It throws `CliError` for failures; it never calls process.exit.
 */
import { Option, type Command } from "commander";
import type { Output } from "../common/output";
import { usageError } from "../common/errors";
import type { OptionSpec } from "../common/option-spec";

export type { OptionSpec } from "../common/option-spec";

/** What a running command may use: output, input, environment, Ctrl-C. */
export interface CommandContext {
  out: Output;
  /** Standard input (prompts for confirmations); `isTTY` tells whether a person is there. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted when the user presses Ctrl-C. */
  signal: AbortSignal;
  /** Current directory, for relative paths. */
  cwd: string;
}

export interface CommandModule<O = Record<string, unknown>> {
  /** Command name as typed: `fobsync <name>`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Declare options, arguments and help text. */
  configure(cmd: Command): void;
  /** Run with parsed options (global ones, e.g. `json`, included). Resolves to the exit code. */
  run(opts: O, ctx: CommandContext): Promise<number>;
}

/** Add options described as data to a command. */
export function addOptions(cmd: Command, specs: OptionSpec[]): Command {
  for (const spec of specs) {
    const opt = new Option(spec.flags, spec.description);
    if (spec.parse) opt.argParser(spec.parse as (v: string, p: unknown) => unknown);
    if (spec.default !== undefined) opt.default(spec.default);
    if (spec.choices) opt.choices(spec.choices);
    if (spec.hidden) opt.hideHelp();
    if (spec.conflicts) opt.conflicts(spec.conflicts);
    cmd.addOption(opt);
  }
  return cmd;
}

/** Option parser: a whole number within [min, max]; anything else is a usage error. */
export function intIn(name: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    if (/^-\d+$/.test(value)) throw usageError(`${name} must be between ${min} and ${max}, got ${value}`);
    if (!/^\d+$/.test(value)) throw usageError(`${name} must be a whole number, got '${value}'`);
    const n = Number(value);
    if (n < min || n > max) throw usageError(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

/** Option parser collecting repeated `name=value` options into a list. */
export function collectNameValue(value: string, previous: unknown): string[] {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*=[^\s"=]+$/.test(value)) {
    throw usageError(`--param expects name=value without spaces or quotes, got '${value}'`);
  }
  const list = Array.isArray(previous) ? (previous as string[]) : [];
  return [...list, value];
}
