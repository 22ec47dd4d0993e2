/**
 * The doctor's checks: each reads the injected SystemView and returns
 * ok / warn / fail / skip with a fix the user can type.
 */
import type { SystemView } from "./system-view";
import { holderLabel } from "../ports/port-holders";
import { lockRadiosStep, radiosOnInWords, radiosProblem } from "../flash/radios-warning";
import { parseEventLine, textField } from "../protocol/event-line";
import { guessBaudMismatch } from "./baud-guess";
import { EXIT, type ExitCode } from "../common/errors";
import { describeInterpreter, type InterpreterCheck } from "../espruino/check-interpreter";
import { REQUIRE_INTERPRETER_ENV } from "../espruino/interpreter";
import { compareVersions, formatVersion, MIN_ESPRUINO_VERSION, parseVersion } from "../espruino/versions";
import type { BoardStorage } from "../flash/espruino-storage-space";
import { otherFiles, otherFilesInWords } from "../flash/board-file-kinds";
import { BOOT_FILE } from "../flash/espruino-chunks";

export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it (a command when there is one). */
  fix?: string;
  /** Exit code the doctor uses when this check fails. */
  exit?: ExitCode;
  /** More lines of what was found (a board's files). */
  notes?: string[];
}

export interface DoctorInput {
  /** The port the user named, if any. */
  port?: string;
  /** USB serial ports found by the listing (used when no port was named). */
  candidates: string[];
  /** Bytes read from the port at 115200 baud, if a capture was made. */
  sample?: Uint8Array;
  /** What the board answered at its REPL after the capture (null: nothing); undefined when it was not asked. */
  board?: BoardStorage | null;
}

/**
 * The real Espruino interpreter that `fobsync sim`, the demo and the tests run
 * the shipped bytes on, or that none was found and fobsync's model of
 * Espruino stands in. A board does not need it: missing is a warning, and a
 * failure (exit 9) only when FOBSYNC_REQUIRE_INTERPRETER asks for one.
 */
export function checkInterpreter(found: InterpreterCheck, opts: { required: boolean; howTo: string }): CheckResult {
  const id = "interpreter";
  const title = "real Espruino interpreter for sim, demo and tests";
  const missing = (detail: string): CheckResult =>
    opts.required
      ? { id, title, status: "fail", exit: EXIT.notSetUp, detail: `${detail}; ${REQUIRE_INTERPRETER_ENV} asks for one`, fix: opts.howTo }
      : { id, title, status: "warn", detail, fix: opts.howTo };
  if (found.kind === "none") return missing(`none found (ESPRUINO_BIN unset, none at ${found.cachePath}): sim and the demo run on fobsync's model of Espruino`);
  if (found.kind === "broken") return missing(found.problem);
  const note = found.note ? `; ${found.note}` : "";
  return { id, title, status: "ok", detail: `${describeInterpreter(found)}: sim and the demo run the shipped bytes on it${note}` };
}

/** Run every check in order. */
export function runChecks(view: SystemView, input: DoctorInput): CheckResult[] {
  const port = input.port ?? input.candidates[0];
  const results: CheckResult[] = [checkPortExists(view, input)];
  const present = port !== undefined && view.exists(port);
  const kind = present ? portKind(view, port) : undefined;
  results.push(kind ? kind.result : skipped("kind", "what the port is", "no port to check"));
  const serial = kind !== undefined && kind.result.status !== "fail";
  results.push(serial ? checkPermission(view, port) : skipped("permission", "permission to open the port", present ? "not a serial device" : "no port to check"));
  results.push(serial ? checkHolders(view, port, kind.simSocat) : skipped("holders", "no other program holds the port", present ? "not a serial device" : "no port to check"));
  results.push(checkBrltty(view), checkModemManager(view), checkUdevadm(view));
  results.push(input.sample ? checkBaud(input.sample) : skipped("baud", "baud rate (bytes read at 115200)", "no capture (use --listen <ms> or --sample <file>)"));
  results.push(input.sample ? checkRadios(input.sample, port ?? "<port>") : skipped("radios", RADIOS_TITLE, "no capture (use --listen <ms>: it resets the board, and the boot line says which radios are on)"));
  results.push(input.board !== undefined ? checkBoard(input.board, port ?? "<port>", input.sample) : skipped("board", BOARD_TITLE, "not asked (use --listen <ms>)"));
  return results;
}

const BOARD_TITLE = "what the board runs";

/** An ESP32's ROM after a reset with IO0 low (its boot mode is DOWNLOAD_BOOT). */
const DOWNLOAD_MODE = /waiting for download/;
/** The ROM's own reset messages (ESP32: "rst:0x1 (POWERON_RESET),boot:0x13 ..."; both chips: "ets <date>"). */
const ROM_BOOT = /rst:0x[0-9a-f]+ \(|ets [A-Z][a-z]{2} {1,2}\d/;

/**
 * The board's answer at its REPL: which Espruino, whether fobsync is stored,
 * and what else is on it (another program's boot files first).
 */
function checkBoard(board: BoardStorage | null, port: string, sample: Uint8Array | undefined): CheckResult {
  if (board === null) {
    const heard = sample ? Buffer.from(sample).toString("latin1") : "";
    if (DOWNLOAD_MODE.test(heard)) {
      return {
        id: "board", title: BOARD_TITLE, status: "warn", exit: EXIT.noAnswer,
        detail: "the board is in download mode: its ROM says \"waiting for download\" (BOOT/IO0 was held low at reset), so no program runs",
        fix: `to run what it holds, press EN/RESET without holding BOOT; to put Espruino on it: fobsync install-espruino --port ${port} --from <the release zip>`,
      };
    }
    if (ROM_BOOT.test(heard)) {
      return {
        id: "board", title: BOARD_TITLE, status: "warn", exit: EXIT.noAnswer,
        detail: "the chip's ROM booted (its reset messages were heard), then no Espruino answered: the board holds no Espruino, or another program",
        fix: `put Espruino on the board: fobsync install-espruino --port ${port} --from <the release zip> (espruino.com/Download), then fobsync flash --port ${port}; for NodeMCU: fobsync install-nodemcu --port ${port} --from <your NodeMCU build>`,
      };
    }
    return {
      id: "board", title: BOARD_TITLE, status: "warn", exit: EXIT.noAnswer,
      detail: "no answer at an Espruino REPL (a NodeMCU board answers in Lua: this check is for Espruino)",
      fix: `a board without Espruino needs it first: fobsync install-espruino --port ${port} --from <the release zip>; an Espruino board that is busy or booting: run the doctor again`,
    };
  }
  const v = parseVersion(board.version);
  if (!v || compareVersions(v, MIN_ESPRUINO_VERSION) < 0) {
    return {
      id: "board", title: BOARD_TITLE, status: "warn",
      detail: `Espruino ${board.version}: fobsync needs ${formatVersion(MIN_ESPRUINO_VERSION)} or newer`,
      fix: `put a newer Espruino on the board: fobsync install-espruino --port ${port} --from <the release zip> (espruino.com/Download)`,
      notes: otherFilesInWords(board).map((l) => l.text),
    };
  }
  const stored = board.files.some((f) => f.name === BOOT_FILE) ? "a program in .bootcde" : "no program in .bootcde";
  const { foreign } = otherFiles(board);
  const base = { id: "board", title: BOARD_TITLE, notes: otherFilesInWords(board).map((l) => l.text) };
  if (foreign.length > 0) {
    return { ...base, status: "warn", detail: `Espruino ${board.version}, ${stored}; ${foreign.map((f) => f.name).join(", ")} also run at boot`, fix: `fobsync flash --port ${port}   (removes them; --keep keeps them)` };
  }
  return { ...base, status: "ok", detail: `Espruino ${board.version}, ${stored}` };
}

const RADIOS_TITLE = "no radio console (Wi-Fi, Bluetooth) on the board";

/**
 * The radios the board keeps on, from the `radios=` field of a fobsync boot
 * or version line in the capture: each is a console anyone in range can
 * reach, and the console presses the fobs.
 */
function checkRadios(sample: Uint8Array, port: string): CheckResult {
  const lines = Buffer.from(sample).toString("latin1").split(/\r?\n/);
  const said = lines.map(parseEventLine).filter((e) => e !== null && (e.event === "boot" || e.event === "version") && e.fields.radios !== undefined).pop();
  if (!said) return skipped("radios", RADIOS_TITLE, "no fobsync boot or version line in the capture (flash fobsync, or press reset while --listen runs)");
  const field = textField(said, "radios");
  const on = radiosOnInWords(field);
  if (on === "") return { id: "radios", title: RADIOS_TITLE, status: "ok", detail: field === "-" ? "the board's Espruino has no radios it reports (not an ESP32)" : "the board says its radios are off" };
  return { id: "radios", title: RADIOS_TITLE, status: "warn", detail: radiosProblem(on), fix: lockRadiosStep(port) };
}

function skipped(id: string, title: string, detail: string): CheckResult {
  return { id, title, status: "skip", detail };
}

function checkPortExists(view: SystemView, input: DoctorInput): CheckResult {
  const title = "serial port present";
  if (input.port !== undefined) {
    if (view.exists(input.port)) return { id: "port", title, status: "ok", detail: `${input.port} exists` };
    return {
      id: "port", title, status: "fail", exit: EXIT.portNotFound,
      detail: `${input.port} does not exist`,
      fix: "run `fobsync ports` to see the ports; plug the board in with a DATA cable (charge-only cables have no data lines); if the port appears and vanishes, see the brltty check",
    };
  }
  if (input.candidates.length === 0) {
    return {
      id: "port", title, status: "warn",
      detail: "no USB serial port found",
      fix: "plug the board in with a data cable, then run `fobsync doctor --port <port>`",
    };
  }
  return { id: "port", title, status: "ok", detail: `found ${input.candidates.join(", ")}; checking ${input.candidates[0]} (name one with --port)` };
}

/** Linux device majors: 1 the memory devices (/dev/null...), 136-143 pseudo-terminal ends (/dev/pts/N). */
const MEMORY_MAJOR = 1;
const PTY_MAJORS = [136, 137, 138, 139, 140, 141, 142, 143];

/**
 * What the port is: a serial device, a `fobsync sim` virtual board (a pty held
 * by socat under `fobsync sim`), a pty of another program, or not a serial
 * device at all (a regular file, a folder, /dev/null).
 */
function portKind(view: SystemView, port: string): { result: CheckResult; sim: boolean; simSocat?: number } {
  const title = "what the port is";
  const st = view.stat(port);
  const type = st ? st.mode & 0o170000 : 0;
  const not = (what: string): { result: CheckResult; sim: boolean } => ({
    sim: false,
    result: { id: "kind", title, status: "fail", exit: EXIT.usage, detail: `${port} is ${what}, not a serial device`, fix: "name the board's port: fobsync ports lists them (/dev/ttyUSB0, /dev/ttyACM0)" },
  });
  if (type === 0o100000) return not("a regular file");
  if (type === 0o040000) return not("a folder");
  if (type !== 0o020000) return not("neither a file nor a device");
  const major = Math.floor((st?.rdev ?? 0) / 256);
  if (major === MEMORY_MAJOR) return not("a memory device such as /dev/null");
  if (!PTY_MAJORS.includes(major)) return { sim: false, result: { id: "kind", title, status: "ok", detail: `${port} is a serial device` } };
  const holders = view.holders(port);
  const sim = holders.find((h) => h.command === "socat" && /fobsync(\.js|\.mjs)? sim\b/.test(view.parentCommandLine(h.pid) ?? ""));
  if (sim) return { sim: true, simSocat: sim.pid, result: { id: "kind", title, status: "ok", detail: `${port} is a fobsync sim virtual board (socat pid ${sim.pid}): flash, monitor and pair can use it` } };
  const others = holders.map((h) => `${h.command} (pid ${h.pid})`).join(", ");
  return {
    sim: false,
    result: {
      id: "kind", title, status: "warn",
      detail: others ? `${port} is a pseudo-terminal of ${others}, not a USB board` : `${port} is a pseudo-terminal that no program holds`,
      fix: "for a board, name its USB port (fobsync ports); for the simulated board, the path `fobsync sim` printed",
    },
  };
}

function checkPermission(view: SystemView, port: string): CheckResult {
  const title = "permission to open the port";
  const user = view.user();
  if (user.uid === 0) return { id: "permission", title, status: "ok", detail: "running as root" };
  if (view.canReadWrite(port)) return { id: "permission", title, status: "ok", detail: `${user.name} can read and write ${port}` };
  const st = view.stat(port);
  const group = st ? view.groupName(st.gid) ?? `gid ${st.gid}` : "dialout";
  if (st && view.groupMembers(group).includes(user.name) && !user.gids.includes(st.gid)) {
    return {
      id: "permission", title, status: "fail", exit: EXIT.portBusy,
      detail: `${user.name} was added to group ${group}, but this login session started before that`,
      fix: `log out and back in (or run \`newgrp ${group}\` in this terminal)`,
    };
  }
  return {
    id: "permission", title, status: "fail", exit: EXIT.portBusy,
    detail: `${user.name} cannot open ${port} (owned by group ${group})`,
    fix: `sudo usermod -aG ${group} ${user.name}   then log out and back in`,
  };
}

/**
 * Programs holding the port, named as a person knows them (`fobsync monitor`,
 * not `node`); a `fobsync sim` board's own socat (`simSocat`) is the board, not
 * a holder.
 */
function checkHolders(view: SystemView, port: string, simSocat?: number): CheckResult {
  const title = "no other program holds the port";
  const holders = view.holders(port).filter((h) => h.pid !== simSocat);
  if (holders.length === 0) return { id: "holders", title, status: "ok", detail: simSocat ? `only fobsync sim's own socat (pid ${simSocat}) holds ${port}, as it should` : `${port} is free` };
  const list = holders.map((h) => holderLabel(h, view.commandLine(h.pid))).join(", ");
  const mm = holders.some((h) => h.command === "ModemManager");
  return {
    id: "holders", title, status: "fail", exit: EXIT.portBusy,
    detail: `${port} is open in ${list}`,
    fix: mm
      ? "sudo systemctl stop ModemManager   (and see the ModemManager check)"
      : `close that program (serial monitor, screen, minicom, another fobsync) or: kill ${holders.map((h) => h.pid).join(" ")}`,
  };
}

function checkBrltty(view: SystemView): CheckResult {
  const title = "brltty (braille driver) not grabbing USB serial adapters";
  const running = view.runningCommands().includes("brltty");
  const installed = running || view.hasCommand("brltty");
  if (!installed) return { id: "brltty", title, status: "ok", detail: "brltty is not installed" };
  return {
    id: "brltty", title, status: "warn",
    detail: `brltty is ${running ? "running" : "installed"}: its udev rules claim CH340/CP210x adapters, so /dev/ttyUSB0 appears and vanishes`,
    fix: "if you do not use a braille display: sudo apt remove brltty   (or: sudo systemctl mask brltty-udev.service), then replug the board",
  };
}

function checkModemManager(view: SystemView): CheckResult {
  const title = "ModemManager not probing the port";
  if (!view.runningCommands().includes("ModemManager")) return { id: "modemmanager", title, status: "ok", detail: "ModemManager is not running" };
  return {
    id: "modemmanager", title, status: "warn",
    detail: "ModemManager is running: it opens new serial ports to probe for modems and sends AT commands for several seconds",
    fix: "sudo systemctl disable --now ModemManager   (or a udev rule with ENV{ID_MM_DEVICE_IGNORE}=\"1\" for the adapter)",
  };
}

function checkUdevadm(view: SystemView): CheckResult {
  const title = "udevadm available (port listing)";
  if (view.hasCommand("udevadm")) return { id: "udevadm", title, status: "ok", detail: "udevadm found" };
  return {
    id: "udevadm", title, status: "warn",
    detail: "udevadm is missing: serialport cannot list ports; `fobsync ports` reads /sys/class/tty instead",
    fix: "sudo apt-get install udev   (optional: the fallback works)",
  };
}

function checkBaud(sample: Uint8Array): CheckResult {
  const guess = guessBaudMismatch(sample);
  const title = "baud rate (bytes read at 115200)";
  const figures = `${sample.length} bytes, ${Math.round(guess.printableRatio * 100)}% printable`;
  if (guess.verdict === "clean" || guess.verdict === "boot-noise") return { id: "baud", title, status: "ok", detail: `${guess.text} (${figures})` };
  if (guess.verdict === "empty") {
    return { id: "baud", title, status: "warn", exit: EXIT.noAnswer, detail: guess.text, fix: "press the board's reset button while `fobsync doctor --listen 3000` runs" };
  }
  return {
    id: "baud", title, status: "fail", exit: EXIT.garbage,
    detail: `${guess.text} (${figures})`,
    fix: "flash the fobsync firmware (`fobsync flash`): it talks at 115200; check ground between board and adapter",
  };
}

/** The doctor's exit code: the first failing check's code, else 0. */
export function doctorExit(results: CheckResult[]): ExitCode {
  const failed = results.find((r) => r.status === "fail");
  return failed ? failed.exit ?? EXIT.failed : EXIT.ok;
}
