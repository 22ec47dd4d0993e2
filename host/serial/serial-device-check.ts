import { statSync, type Stats } from "node:fs";
import type { CliError } from "../common/errors";
import { notSerial, portNotFound } from "./port-errors";

/**
 * The error to give before serving a port that is not there or plainly not a
 * serial device (`fobsync web --port`, which opens it only when the page
 * connects); null when it may be one.
 */
export function portProblem(path: string): CliError | null {
  try {
    statSync(path);
  } catch {
    return portNotFound(path);
  }
  return notASerialDevice(path);
}

/** When `path` exists and is plainly not a serial device (a regular file, a folder, a pipe, a null device), the error to give before opening it; else null. */
export function notASerialDevice(path: string): CliError | null {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return null; // missing: opening it says "not found"
  }
  if (st.isFile()) return notSerial(path, "a regular file");
  if (st.isDirectory()) return notSerial(path, "a folder");
  if (st.isFIFO() || st.isSocket()) return notSerial(path, "a pipe or socket");
  // the memory devices (/dev/null, /dev/zero, /dev/random...) are character devices of major 1 on Linux
  if (st.isCharacterDevice() && Math.floor(st.rdev / 256) === 1) return notSerial(path, "a memory device such as /dev/null");
  return null;
}
