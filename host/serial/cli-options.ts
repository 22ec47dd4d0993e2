/**
 * Serial options shared by flash and monitor, as data (command-module.ts).
 */
import type { OptionSpec } from "../common/option-spec";
import { usageError } from "../common/errors";
import { DEFAULT_BAUD, STANDARD_BAUDS } from "./link";

/** `--baud`: one of the standard rates; anything else is a usage error (exit 2). */
export function parseBaud(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !(STANDARD_BAUDS as readonly number[]).includes(n)) {
    throw usageError(`--baud must be one of ${STANDARD_BAUDS.join(", ")}, got '${value}'`);
  }
  return n;
}

/** `--port`: a path, never empty (`--port ''` from a script whose variable was unset). */
export function parsePortPath(value: string): string {
  if (value.trim() === "") throw usageError("--port needs a path (the board's serial port, e.g. /dev/ttyUSB0; see: fobsync ports)");
  return value;
}

export const PORT_OPTION: OptionSpec = {
  flags: "--port <path>",
  description: "serial port of the board (e.g. /dev/ttyUSB0, or the path `fobsync sim` printed)",
  parse: parsePortPath,
};

export const BAUD_OPTION: OptionSpec = {
  flags: "--baud <rate>",
  description: "baud rate",
  parse: parseBaud,
  default: DEFAULT_BAUD,
};

/** The port, or a usage error naming the command. */
export function requirePort(port: string | undefined, command: string): string {
  if (port === undefined || port === "") throw usageError(`${command} needs --port <path> (the board's serial port; see: fobsync ports)`);
  return port;
}
