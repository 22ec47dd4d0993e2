/**
 * Host-to-firmware command lines (docs/protocol.md). On Espruino and NodeMCU
 * the console is the interpreter's REPL, so a command travels as a call of
 * the firmware's global entry function: `fs("status")`.
 */
import { usageError } from "../common/errors";

/** Longest command the firmware accepts (protocol.md). */
export const MAX_COMMAND_LENGTH = 120;

/**
 * Check a command typed by a user or built by a command: printable ASCII,
 * at most 120 characters. Throws a usage error otherwise (nothing is sent).
 */
export function checkCommand(command: string): string {
  if (command.length === 0) throw usageError("empty command");
  if (command.length > MAX_COMMAND_LENGTH) {
    throw usageError(`command is ${command.length} characters long; the firmware accepts at most ${MAX_COMMAND_LENGTH}`);
  }
  if (/[^\x20-\x7e]/.test(command)) throw usageError("command contains characters outside printable ASCII");
  return command;
}

/** Escape text for a double-quoted string literal in JavaScript and Lua alike. */
export function quoteForRepl(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * The REPL line that delivers `command` to the firmware, with its line end.
 * `silent` (Espruino only) prefixes DLE (0x10): Espruino then neither echoes
 * the line nor prints its `=undefined` result, so only the firmware's
 * answer comes back. The Lua REPL does not know DLE: never silent there.
 */
export function replCommandLine(command: string, silent = false): string {
  return `${silent ? "\x10" : ""}fs(${quoteForRepl(checkCommand(command))})\n`;
}

/**
 * The command a REPL line carries (`fs("status")` -> `status`, with or without
 * Espruino's DLE), as `replCommandLine` wrote it; null for any other line.
 */
export function commandInReplLine(line: string): string | null {
  const m = /^\x10?fs\("((?:[^"\\]|\\.)*)"\)\s*$/.exec(line);
  return m ? m[1].replace(/\\(.)/g, "$1") : null;
}
