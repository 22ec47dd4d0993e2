/**
 * Serial failures as the user's typed CLI errors (host/common/errors.ts): one
 * clear line and a distinct exit code for each thing that can go wrong with a port.
 */
import { CliError, EXIT } from "../common/errors";

/** The port does not exist (wrong path, board unplugged). Exit 3. */
export function portNotFound(path: string): CliError {
  return new CliError(
    "port-not-found",
    `serial port ${path} not found`,
    EXIT.portNotFound,
    "check the cable and the path (ls /dev/ttyUSB* /dev/ttyACM*), or start a virtual board with `fobsync sim`",
  );
}

/**
 * Another program holds the port. Exit 4. `holders` names the programs when
 * this machine shows them ("fobsync monitor (pid 77)"), with their pids for `kill`.
 */
export function portBusy(path: string, holders: { names: string[]; pids: number[] } = { names: [], pids: [] }): CliError {
  const named = holders.names.length > 0;
  return new CliError(
    "port-busy",
    `serial port ${path} is busy (${named ? `held by ${holders.names.join(", ")}` : "another program has it open"})`,
    EXIT.portBusy,
    named
      ? `close it (serial monitor, screen, minicom, another fobsync), or: kill ${holders.pids.join(" ")}; then try again`
      : "close the other terminal, IDE or fobsync monitor using it, then try again",
  );
}

/** No permission to open the port. Exit 4 (same family as busy: the port exists but is not ours). */
export function portPermission(path: string): CliError {
  return new CliError(
    "port-permission",
    `no permission to open serial port ${path}`,
    EXIT.portBusy,
    "add yourself to the port's group (often `dialout`: sudo usermod -aG dialout $USER, then log in again)",
  );
}

/** The port vanished while in use. Exit 3. */
export function portDisconnected(path: string, during: string): CliError {
  return new CliError(
    "port-disconnected",
    `serial port ${path} disappeared during ${during}`,
    EXIT.portNotFound,
    "reconnect the board and run the command again; the board can be flashed again as it is",
  );
}

/** Nothing sensible came back in time. Exit 5. */
export function boardNotAnswering(path: string, waitedMs: number, expected: string): CliError {
  return new CliError(
    "no-answer",
    `the board on ${path} did not answer within ${(waitedMs / 1000).toFixed(1)} s (waiting for ${expected})`,
    EXIT.noAnswer,
    "check that the board is powered and runs Espruino/NodeMCU, and that nothing else talks to it",
  );
}

/** Undecodable bytes: nearly always a baud-rate mismatch. Exit 8. */
export function garbageOnLine(path: string, baudRate: number, detail: string): CliError {
  return new CliError(
    "garbage",
    `garbage from the board on ${path} at ${baudRate} baud (${detail})`,
    EXIT.garbage,
    "the baud rate is probably wrong: Espruino on ESP32 and NodeMCU use 115200 (--baud 115200)",
  );
}

/** `path` is not a serial device: exit 2, saying what it is. */
export function notSerial(path: string, what: string): CliError {
  return new CliError(
    "not-a-serial-port",
    `${path} is not a serial device (it is ${what})`,
    EXIT.usage,
    "give the board's port (see fobsync ports: /dev/ttyUSB0, /dev/ttyACM0), or the path fobsync sim printed",
  );
}

/** Text of an error from a binding, lower-cased. */
function text(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).toLowerCase();
}

/**
 * Map an error from opening a port (real `@serialport/bindings-cpp` or the
 * mock binding) to the typed error the user sees.
 */
export function openErrorToCli(path: string, err: unknown): CliError {
  if (err instanceof CliError) return err;
  const t = text(err);
  const code = (err as { code?: string } | null)?.code ?? "";
  if (code === "ENOENT" || t.includes("no such file") || t.includes("does not exist")) return portNotFound(path);
  if (code === "EACCES" || t.includes("permission denied")) return portPermission(path);
  if (code === "EBUSY" || t.includes("cannot lock") || t.includes("locked") || t.includes("busy") || t.includes("temporarily unavailable")) {
    return portBusy(path);
  }
  if (code === "ENOTTY" || t.includes("inappropriate ioctl")) return notSerial(path, "a device that is not a terminal");
  if (t.includes("baud")) {
    return new CliError("usage", `the port ${path} refused the baud rate (${t})`, EXIT.usage);
  }
  return new CliError("port-error", `cannot open serial port ${path}: ${t}`, EXIT.portNotFound);
}
