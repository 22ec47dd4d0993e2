/**
 * `fobsync sim`: a simulated board on a pseudo-terminal: the real Espruino
 * interpreter with the simulated bench on its pins when one is found (else,
 * or with --virtual, fobsync's model of Espruino, said so; or the NodeMCU
 * model: host/sim/boards/). Its first output line
 * is the port path; every other command (flash, monitor, pair, test-fob)
 * then works against it as against hardware. Runs until Ctrl-C.
 * Needs `socat` (Debian package socat).
 */
import { accessSync, constants, lstatSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CAR_KINDS } from "../../sim/bench";
import type { SimCar } from "../../sim/car";
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { CliError, EXIT, usageError } from "../../common/errors";
import { luaAvailable } from "../../sim/runtime/nodemcu-bridge";
import type { PtyBoardOptions } from "../../sim/boards/pty-console";
import { chooseEspruinoBoard, startEspruinoBoard } from "../../sim/boards/choose-board";
import { startNodeMcuBoard } from "../../sim/boards/nodemcu-board";
import type { SimBoard } from "../../sim/boards/sim-board";

interface SimOptions {
  car: string;
  target: string;
  virtual?: boolean;
  speed?: number;
  baud: number;
  link?: string;
  faultCorruptAt?: number;
  faultUnplugAt?: number;
  replugAfter?: number;
  radios?: { wifi: boolean; ble: boolean };
}

/** `--radios`: the radios the modelled ESP32 keeps on. */
function parseRadios(value: string): { wifi: boolean; ble: boolean } {
  const names = value.split(",").map((x) => x.trim());
  if (names.length === 0 || names.some((n) => n !== "wifi" && n !== "ble")) throw usageError(`--radios takes wifi, ble or wifi,ble, got '${value}'`);
  return { wifi: names.includes("wifi"), ble: names.includes("ble") };
}

/** `--speed`: virtual seconds per real second, 0.1 to 1000. */
function parseSpeed(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n >= 0.1 && n <= 1000)) throw usageError(`--speed must be a number from 0.1 to 1000, got '${value}'`);
  return n;
}

const OPTIONS: OptionSpec[] = [
  { flags: "--car <car>", description: `simulated car: ${CAR_KINDS.join(", ")}`, default: "zke", choices: CAR_KINDS },
  { flags: "--target <target>", description: "simulated board: espruino (the real Espruino interpreter when found, else fobsync's model of it; empty Storage) or nodemcu (Lua REPL in lua5.1 with a NodeMCU model, empty file system)", default: "espruino" },
  { flags: "--virtual", description: "espruino: run fobsync's own JavaScript model of Espruino even when the real interpreter is found (virtual time, --speed)" },
  { flags: "--speed <factor>", description: "with --virtual or --target nodemcu: virtual time runs this many times faster than real time (default 1); above 3, a session driven over the port ends host-lost (the board's 5 s host watch outruns the host's 1 s heartbeat)", parse: parseSpeed },
  { flags: "--baud <rate>", description: "line rate the virtual UART models, bytes limited to rate/10 per second (0 = unlimited)", parse: intIn("--baud", 0, 4_000_000), default: 115200 },
  { flags: "--radios <list>", description: "with --virtual: the modelled ESP32 keeps these radios on (wifi, ble or wifi,ble), to see what flash, doctor and the page say about them", parse: parseRadios },
  { flags: "--link <path>", description: "also make the port reachable at this path (a symlink that stays the same across re-plugs)" },
  { flags: "--fault-corrupt-at <n>", description: "test fault: change one letter at received byte n", parse: intIn("--fault-corrupt-at", 0, 1e9), hidden: true },
  { flags: "--fault-unplug-at <n>", description: "test fault: pull the cable after n received bytes", parse: intIn("--fault-unplug-at", 1, 1e9), hidden: true },
  { flags: "--replug-after <ms>", description: "test fault: plug back in (power-on) this many ms after an unplug", parse: intIn("--replug-after", 0, 600_000), hidden: true },
];

export const simCommand: CommandModule<SimOptions> = {
  name: "sim",
  summary: "start a simulated board (the real Espruino interpreter, or fobsync's model of it) on a pseudo-terminal and print its port path",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nExamples (a shell session; the board runs in the background until `kill %1` or Ctrl-C):\n" +
        "  $ fobsync sim --link /tmp/fobsync-board &\n" +
        "  $ sleep 5; fobsync flash --port /tmp/fobsync-board\n" +
        "  $ kill %1\n" +
        "The board starts empty (no firmware) like a new one; Storage (Espruino) and files (NodeMCU) survive resets and re-plugs.",
    );
  },
  async run(opts, { out, signal }) {
    if (opts.target !== "espruino" && opts.target !== "nodemcu") throw usageError(`--target must be espruino or nodemcu, got '${opts.target}'`);
    if (opts.virtual && opts.target !== "espruino") throw usageError("--virtual applies to --target espruino only (the NodeMCU board is always fobsync's model)");
    if (opts.link) checkLinkPath(opts.link);
    if (opts.radios && !opts.virtual) throw usageError("--radios needs --virtual: only fobsync's model of Espruino acts an ESP32's radios (the real interpreter's Linux build has none)");
    const boardOptions: PtyBoardOptions = {
      car: opts.car as SimCar["kind"],
      baud: opts.baud,
      hostLink: opts.link,
      corruptAtByte: opts.faultCorruptAt,
      unplugAtByte: opts.faultUnplugAt,
      replugAfterMs: opts.replugAfter,
      log: (text) => out.emit({ type: "sim", text }, text, "dim"),
    };
    if (opts.target === "espruino" && !opts.virtual && opts.speed !== undefined && opts.speed !== 1) {
      throw usageError(`--speed ${opts.speed} needs --virtual: the real Espruino interpreter runs in real time`);
    }
    let board: SimBoard;
    let note: string | undefined;
    if (opts.target === "nodemcu") {
      board = await startNodeMcu({ ...boardOptions, speed: opts.speed ?? 1 });
    } else {
      const choice = await chooseEspruinoBoard({ model: opts.virtual ?? false });
      if (choice.kind === "model") note = choice.note;
      board = await startEspruinoBoard(choice, { ...boardOptions, speed: opts.speed, radios: opts.radios });
    }
    const { speed, runsOn } = board;
    out.emit({ type: "sim-port", path: board.hostPath, car: opts.car, target: opts.target, board: board.kind, speed, runsOn }, board.hostPath);
    // the port path stays the first line (scripts read it); why the model runs comes next
    if (note) out.emit({ type: "sim", text: note }, note, "warn");
    out.say(`${opts.target} board on ${runsOn}, ${opts.car} car, ${speed === 1 ? "real time" : `time x${speed}`}; Ctrl-C stops it`, "dim");
    await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));
    await board.stop();
    return EXIT.ok;
  },
};

/** The NodeMCU board needs Debian's lua5.1: say so as a set-up problem (exit 9), not a crash. */
async function startNodeMcu(options: PtyBoardOptions) {
  if (!luaAvailable("lua5.1")) throw new CliError("not-set-up", "sim --target nodemcu runs the Lua in lua5.1, which is not installed", EXIT.notSetUp, "install it: sudo apt-get install lua5.1");
  return startNodeMcuBoard(options);
}

/** `--link`: a symlink socat makes (and replaces); its folder must exist and be writable, and the path may not be a real file. */
function checkLinkPath(link: string): void {
  let st;
  try {
    st = lstatSync(link);
  } catch {
    st = null;
  }
  if (st && !st.isSymbolicLink()) throw usageError(`--link ${link} exists and is not a symlink: fobsync sim will not replace it`);
  let folder;
  try {
    folder = statSync(dirname(resolve(link)));
  } catch {
    throw usageError(`--link ${link}: the folder ${dirname(resolve(link))} does not exist`);
  }
  if (!folder.isDirectory()) throw usageError(`--link ${link}: ${dirname(resolve(link))} is not a folder`);
  try {
    accessSync(dirname(resolve(link)), constants.W_OK);
  } catch {
    throw usageError(`--link ${link}: the folder ${dirname(resolve(link))} is not writable`);
  }
}
