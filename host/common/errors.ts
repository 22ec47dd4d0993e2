/**
 * Typed CLI errors. Every failure the user can meet carries a stable `code`
 * string (for scripts reading `--json`) and a process exit code. Helpers throw;
 * only the top-level catch in `program.ts` prints and sets the exit code.
 */

/** Exit codes of every fobsync command (documented in `--help` and docs/cli.md). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  portNotFound: 3,
  portBusy: 4,
  noAnswer: 5,
  verifyFailed: 6,
  aborted: 7,
  garbage: 8,
  notSetUp: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One row per exit code: what it means to the user. */
export const EXIT_CODES: ReadonlyArray<{ exit: ExitCode; meaning: string }> = [
  { exit: EXIT.ok, meaning: "success (every key confirmed, every button PASS, every check ok)" },
  { exit: EXIT.failed, meaning: "the procedure or test ran and failed (a key not confirmed, a button FAIL, a check failed)" },
  { exit: EXIT.usage, meaning: "usage error: unknown command or option, bad value, missing confirmation" },
  { exit: EXIT.portNotFound, meaning: "serial port not found" },
  { exit: EXIT.portBusy, meaning: "serial port busy or permission denied" },
  { exit: EXIT.noAnswer, meaning: "the board does not answer" },
  { exit: EXIT.verifyFailed, meaning: "verification failed (flashed code differs, firmware version mismatch)" },
  { exit: EXIT.aborted, meaning: "aborted by the user (Ctrl-C); the board was told to release every switch" },
  { exit: EXIT.garbage, meaning: "garbage on the line: probably a baud-rate mismatch" },
  { exit: EXIT.notSetUp, meaning: "not set up: a tool or build it needs is missing (run npm run setup / npm run build)" },
];

/** An error the CLI reports to the user and turns into an exit code. */
export class CliError extends Error {
  /** Stable machine-readable code, e.g. "usage", "port-not-found". */
  readonly code: string;
  /** Process exit code. */
  readonly exit: ExitCode;
  /** Optional advice printed under the message. */
  readonly hint?: string;

  constructor(code: string, message: string, exit: ExitCode, hint?: string) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.exit = exit;
    this.hint = hint;
  }
}

/** Bad command line: exit 2. */
export function usageError(message: string, hint?: string): CliError {
  return new CliError("usage", message, EXIT.usage, hint);
}

/** The procedure ran and failed: exit 1. */
export function failedError(message: string, hint?: string): CliError {
  return new CliError("failed", message, EXIT.failed, hint);
}

/** The exit-code table as help text (for the `--help` epilog). */
export function exitCodesHelp(): string {
  const lines = EXIT_CODES.map((row) => `  ${String(row.exit).padStart(2)}  ${row.meaning}`);
  return ["Exit codes:", ...lines].join("\n");
}
