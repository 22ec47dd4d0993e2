/**
 * `fobsync demo` (`npm start`): a simulated board on a pseudo-terminal (the
 * real Espruino interpreter when found, else or with --virtual fobsync's model of it), flashed
 * with the built firmware through the real `flash` path, then a 2-key
 * bmw-zke `pair` session over the port against the simulated car, with the
 * log streamed, the car's verdict, the summary, a session log and its timing
 * diagram. `--no-pty` runs the session in-process instead and says so.
 */
import { resolve } from "node:path";
import { checkOutputFolder } from "../../common/paths";
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { usageError } from "../../common/errors";
import { SIM_FIRMWARES, type SimFirmware } from "../session/sim-bench";
import { runInProcessDemo } from "../demo/in-process-demo";
import { runPtyDemo } from "../demo/pty-demo";

interface DemoOptions {
  pty: boolean;
  virtual: boolean;
  speed?: number;
  baud: number;
  out: string;
  simFirmware?: string;
  bundle?: string;
}

/** `--speed`: virtual seconds per real second, 0.1 to 1000. */
function parseSpeed(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n >= 0.1 && n <= 1000)) throw usageError(`--speed must be a number from 0.1 to 1000, got '${value}'`);
  return n;
}

const OPTIONS: OptionSpec[] = [
  { flags: "--virtual", description: "run the board on fobsync's own JavaScript model of Espruino even when the real interpreter is found (virtual time, --speed)" },
  { flags: "--speed <factor>", description: "with --virtual: virtual time runs this many times faster than real time (default 1)", parse: parseSpeed },
  { flags: "--out <dir>", description: "folder for the session log (session.ndjson) and timing diagram (timing.svg)", default: "fobsync-demo" },
  { flags: "--baud <rate>", description: "line rate the virtual board's UART models during the upload and session (0 = unlimited)", parse: intIn("--baud", 0, 4_000_000), default: 115200 },
  { flags: "--no-pty", description: "no virtual serial port and no flashing: run the session on the in-process simulated bench" },
  { flags: "--sim-firmware <fw>", description: "with --no-pty: firmware on the in-process board: auto | core | espruino" },
  { flags: "--bundle <file>", description: "the built Espruino bundle to flash (default dist/espruino/fobsync.js)", hidden: true },
];

export const demoCommand: CommandModule<DemoOptions> = {
  name: "demo",
  summary: "flash a simulated board (the real Espruino interpreter, or fobsync's model of it) on a pseudo-terminal and pair 2 keys (bmw-zke) on a simulated car (no hardware needed)",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nThe board is the real Espruino interpreter when one is found (ESPRUINO_BIN, else\n" +
        "${XDG_CACHE_HOME:-~/.cache}/fobsync/espruino/espruino: fobsync doctor says which), else fobsync's model\n" +
        "so; the simulated car and fobs are on its pins. It starts empty and the demo runs the same code as\n" +
        "  fobsync flash --port <pty>   and   fobsync pair --recipe bmw-zke --keys 2 --yes --port <pty>\n" +
        "then writes <out>/session.ndjson and <out>/timing.svg. Needs socat (npm run setup) and the built\n" +
        "firmware (npm run build); without them it stops with exit 9. On a real board: the same two commands\n" +
        "with --port <path>.",
    );
  },
  async run(opts, ctx) {
    checkOutputFolder(resolve(ctx.cwd, opts.out), "--out");
    if (opts.simFirmware !== undefined && opts.pty) throw usageError("--sim-firmware only applies with --no-pty (the pty demo flashes the built firmware)");
    if (opts.speed !== undefined && !opts.virtual) throw usageError("--speed needs --virtual: the real Espruino interpreter runs in real time");
    if (!opts.pty) {
      const fw = opts.simFirmware ?? "auto";
      if (!SIM_FIRMWARES.includes(fw as SimFirmware)) throw usageError(`--sim-firmware must be ${SIM_FIRMWARES.join(", ")}, got '${fw}'`);
      return runInProcessDemo({ firmware: fw as SimFirmware, out: opts.out }, ctx);
    }
    return runPtyDemo({ virtual: opts.virtual ?? false, speed: opts.speed, baud: opts.baud, out: opts.out, bundle: opts.bundle }, ctx);
  },
};
