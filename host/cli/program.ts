/**
 * The fobsync program: builds the commander tree from the command registry
 * and runs it with ONE top-level catch that prints errors and returns the
 * exit code. `main.ts` wires it to the real process; tests call `runCli`.
 */
import { Command, CommanderError } from "commander";
import { commands as registry } from "./commands/index";
import type { CommandContext, CommandModule } from "./command-module";
import { CliError, EXIT, exitCodesHelp } from "../common/errors";
import { colorWanted, Output, type Writer } from "../common/output";

export const VERSION = "0.1.0";

/** The process around the CLI (real streams in main.ts, fakes in tests). */
export interface CliIO {
  stdout: Writer;
  stderr: Writer;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
}

/** Holds the exit code of the command that ran (commander actions return nothing). */
interface RunState {
  exit: number;
  out: Output | null;
}

/** Does argv ask for JSON (so even parse errors come out as a JSON record)? */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

function makeOutput(json: boolean, io: CliIO): Output {
  return new Output({ json, color: colorWanted(io.stdout, io.env), stdout: io.stdout, stderr: io.stderr });
}

/**
 * The commander program for `modules`. Actions store their exit code in
 * `state`. Exported so tests can inspect options and help.
 */
export function buildProgram(
  io: CliIO,
  modules: CommandModule<any>[] = registry,
  state: RunState = { exit: EXIT.ok, out: null },
): Command {
  const program = new Command("fobsync")
    .description("Pair car remote keys with exact timing, bench-test key fobs, and flash the board that drives them.")
    .version(VERSION, "-V, --version", "print the fobsync version")
    .option("--json", "print NDJSON records (one JSON object per line, each with a \"type\")")
    .helpOption("-h, --help", "show help for the command")
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {},
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText("after", `\n${exitCodesHelp()}\n\nDocs: docs/cli.md`);
  program.addHelpCommand(false);
  // `fobsync help exit-codes`: the table once, where every command's help points to it;
  // `fobsync help <command>` is `fobsync <command> --help`
  program
    .command("help [topic]")
    .summary("show help: a command's, or the exit codes (fobsync help exit-codes)")
    .action((topic?: string) => {
      if (topic === undefined) return void program.outputHelp();
      if (topic === "exit-codes") return void io.stdout.write(exitCodesHelp() + "\n");
      const cmd = program.commands.find((c) => c.name() === topic);
      if (!cmd) throw new CliError("usage", `no help on '${topic}': give a command or exit-codes (see: fobsync --help)`, EXIT.usage);
      cmd.outputHelp();
    });

  for (const mod of modules) {
    const cmd = program.command(mod.name).summary(mod.summary).description(mod.summary);
    mod.configure(cmd);
    cmd.addHelpText("after", "\nExit codes: fobsync help exit-codes");
    cmd.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      const opts = self.optsWithGlobals();
      const out = makeOutput(opts.json === true, io);
      state.out = out;
      const ctx: CommandContext = { out, stdin: io.stdin, env: io.env, signal: io.signal, cwd: io.cwd };
      state.exit = await mod.run({ ...opts, args: self.args }, ctx);
    });
  }
  return program;
}

/** Turn a commander parse error into the usage error the user sees. */
function fromCommander(err: CommanderError): CliError {
  const message = err.message.replace(/^error: /, "").split("\n")[0];
  return new CliError("usage", `${message} (see: fobsync --help)`, EXIT.usage);
}

/** Run the CLI with `argv` (without node and script). Resolves to the exit code; never throws. */
export async function runCli(argv: string[], io: CliIO, modules?: CommandModule<any>[]): Promise<number> {
  const state: RunState = { exit: EXIT.ok, out: null };
  try {
    if (argv.length === 0) {
      buildProgram(io, modules, state).outputHelp({ error: true });
      throw new CliError("usage", "no command given (see: fobsync --help)", EXIT.usage);
    }
    await buildProgram(io, modules, state).parseAsync(argv, { from: "user" });
    return state.exit;
  } catch (err) {
    if (err instanceof CommanderError && (err.code === "commander.helpDisplayed" || err.code === "commander.version")) {
      return EXIT.ok;
    }
    const cli = io.signal.aborted && !(err instanceof CliError && err.exit === EXIT.aborted) ? interrupted(err) : err instanceof CliError ? err : err instanceof CommanderError ? fromCommander(err) : internal(err);
    const out = state.out ?? makeOutput(wantsJson(argv), io);
    out.error(
      { type: "error", code: cli.code, message: cli.message, exit: cli.exit, ...(cli.hint ? { hint: cli.hint } : {}) },
      `fobsync: ${cli.message}`,
      cli.hint,
    );
    return cli.exit;
  }
}

/**
 * An error after Ctrl-C or a signal: the signal is what the user did, so it is
 * exit 7. A terminal's Ctrl-C reaches the whole process group: the simulated
 * board's socat may end first, and the command then sees its port vanish.
 */
function interrupted(err: unknown): CliError {
  const cause = err instanceof Error ? err.message : String(err);
  return new CliError("aborted", "interrupted (Ctrl-C or a signal)", EXIT.aborted, `what was still running said: ${cause}`);
}

/** An unexpected exception: still one line, exit 1, with the stack only under FOBSYNC_DEBUG. */
function internal(err: unknown): CliError {
  const message = err instanceof Error ? err.message : String(err);
  if (process.env.FOBSYNC_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + "\n");
  return new CliError("internal", `internal error: ${message}`, EXIT.failed, "set FOBSYNC_DEBUG=1 for the stack trace");
}
