/**
 * The demo on a simulated board behind a pseudo-terminal (the `fobsync sim`
 * machinery): the REAL Espruino interpreter with the simulated bench on its
 * pins when one is found, else fobsync's model of Espruino, said so in one
 * line (host/sim/boards/choose-board.ts), driven by the same code as the
 * commands a user runs on hardware:
 *
 *   1. the board starts EMPTY (a bare Espruino REPL, like a new ESP32);
 *   2. `fobsync flash --port <pty>`: the built dist/espruino/fobsync.js is
 *      uploaded and verified (CRC, boot banner build id);
 *   3. `fobsync pair --recipe bmw-zke --keys 2 --yes --port <pty>`: the log
 *      streams, the simulated user follows the prompts, the simulated car
 *      gives its verdict, the summary ends it;
 *   4. the session log and its timing diagram are written to the out folder.
 */
import { resolve } from "node:path";
import type { CommandContext } from "../command-module";
import { checkCommand } from "../../serial/firmware-command";
import { chooseEspruinoBoard, startEspruinoBoard } from "../../sim/boards/choose-board";
import { flashBundleTo } from "../commands/flash";
import { pairOn } from "../commands/pair";
import { findRecipe } from "../../../firmware/recipes/table";
import { expectedRecipe } from "../../recipes/installed";
import { confirmKeyCount } from "../pair/confirm-keys";
import { packageRoot } from "../session/package-root";
import { readCarVerdict, type CarVerdict } from "./car-verdict";
import { demoExit, showFiles, DEMO_FOBS, DEMO_KEYS, DEMO_RECIPE } from "./demo-outcome";
import { readBuiltBundle, requireSocat } from "./prerequisites";
import { PtyBoardSession } from "./pty-board-session";
import { writeDemoFiles, type DemoFiles } from "./session-files";

export interface PtyDemoOptions {
  /** fobsync's JavaScript model of Espruino even when the real interpreter is found. */
  virtual: boolean;
  /** Virtual seconds per real second (only with `virtual`). */
  speed?: number;
  /** Line rate the virtual UART models (0 = unlimited). */
  baud: number;
  /** Folder for the log and the timing diagram (relative to the cwd). */
  out: string;
  /** The bundle to flash (relative to the cwd); default the package's dist/espruino/fobsync.js. */
  bundle?: string;
}

/** The serial rate the host opens the port at (a real ESP32's Espruino default). */
const HOST_BAUD = 115200;

/** Run the demo on a pty board; resolves to the exit code. */
export async function runPtyDemo(opts: PtyDemoOptions, ctx: CommandContext): Promise<number> {
  const { out } = ctx;
  requireSocat();
  const root = packageRoot();
  const bundle = readBuiltBundle(root, opts.bundle === undefined ? undefined : resolve(ctx.cwd, opts.bundle));
  const dir = resolve(ctx.cwd, opts.out);
  const choice = await chooseEspruinoBoard({ model: opts.virtual });
  // faster than real time, the board's 5 s host watch would outrun the host's 1 s heartbeat: the
  // bench (in this process, which is also the host) sends it in the board's time instead
  const faster = (opts.speed ?? 1) !== 1;
  const board = await startEspruinoBoard(choice, { speed: opts.speed, car: "zke", baud: opts.baud, benchHeartbeat: faster, log: (text) => out.emit({ type: "sim", text }, text, "dim") });
  const time = board.speed === 1 ? "real time" : `virtual time x${board.speed}`;
  try {
    if (choice.kind === "model" && choice.note) out.emit({ type: "board-choice", board: "model", text: choice.note }, `fobsync demo: ${choice.note}.`, "warn");
    out.emit({ type: "demo", mode: "pty", board: board.kind, runsOn: board.runsOn, speed: board.speed, baud: opts.baud, firmware: bundle.path, build: bundle.build, recipe: DEMO_RECIPE, keys: DEMO_KEYS }, [
      `fobsync demo: pairing ${DEMO_KEYS} keys (${DEMO_RECIPE}) on a simulated board behind a pseudo-terminal, ${time}.`,
      `The board runs on ${board.runsOn}, empty like a new ESP32; its pins are wired to a`,
      "simulated car (ZKE: MINI from 07/2004 / BMW), two fobs on its relays and a simulated user at the car.",
      "fobsync itself is not simulated: it flashes and drives the board over the serial port with the same",
      "code as `fobsync flash` and `fobsync pair`.",
    ], "heading");
    const port = board.hostPath;
    out.emit({ type: "sim-port", path: port, car: "zke", target: "espruino", speed: board.speed }, `simulated board on ${port}: Espruino REPL, empty Storage, UART ${opts.baud ? `${opts.baud} baud` : "unlimited"}`, "dim");

    step(ctx, 1, `fobsync flash --port ${port}`);
    out.say(`firmware ${bundle.version} build ${bundle.build} (${bundle.path}, from npm run build): ${bundle.bytes.length} bytes`, "dim");
    await flashBundleTo(port, HOST_BAUD, bundle, ctx);

    step(ctx, 2, `fobsync pair --recipe ${DEMO_RECIPE} --keys ${DEMO_KEYS} --yes --port ${port}`);
    const confirmed = await confirmKeyCount({ recipe: findRecipe(DEMO_RECIPE)!, keys: DEMO_KEYS, yes: true }, ctx);
    const command = checkCommand(`pair ${DEMO_RECIPE} keys=${DEMO_KEYS} confirm=${confirmed}`);
    const description = `simulated Espruino board on ${port} at ${HOST_BAUD} baud (simulated ZKE car, ${DEMO_FOBS.join(" and ")} on relays, ${time})`;
    const session = await PtyBoardSession.open(board, HOST_BAUD, description);
    const after: { car?: CarVerdict; files?: DemoFiles } = {};
    try {
      const head = [{ type: "session", on: description, command }];
      const summary = await pairOn(session, command, DEMO_RECIPE, DEMO_KEYS, ctx, {
        // the board holds the built-in the demo names: `fobsync pair` checks that as on hardware
        expected: { recipe: expectedRecipe(findRecipe(DEMO_RECIPE)!, DEMO_RECIPE, "built-in"), port },
        afterRun: async (onLine) => {
          after.car = await readCarVerdict(board.bench, session, onLine, out, ctx.signal);
          after.files = writeDemoFiles(dir, head, session.lines, [after.car]);
          out.emit(after.files, null);
        },
      });
      if (after.files) showFiles(out, after.files);
      return demoExit(summary, after.car ?? null, out);
    } finally {
      await session.close();
    }
  } finally {
    await board.stop();
  }
}

/** A step heading: the command a user would type for it. */
function step({ out }: CommandContext, n: number, command: string): void {
  out.say("");
  out.emit({ type: "step", n, command }, `== ${n}/2  ${command}`, "heading");
}

