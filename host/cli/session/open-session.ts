/**
 * Choose what a command talks to: a real board (`--port`) or the simulated
 * bench (`--sim`). Always explicit: a missing or broken port is an error,
 * never a silent switch to the simulator.
 */
import { usageError } from "../../common/errors";
import type { BoardDescription } from "../../../hal/board";
import { loadBoard } from "../../pictures/board-source";
import { PictureInputError } from "../../pictures/errors";
import type { BoardSession } from "../../session/board-session";
import type { RecipeCore } from "../../../firmware/recipes/types";
import { openSerialSession } from "../../session/open-serial-session";
import { openSimSession, SIM_CARS, type SimCarKind, type SimFault, type SimFirmware } from "./sim-bench";

export interface TargetOptions {
  port?: string;
  sim?: string | boolean;
  baud: number;
  /** Firmware target on the real board (for messages; both wrap commands as fs("...")). */
  target?: string;
  simFault?: SimFault[];
  simFirmware?: SimFirmware;
  /** Board of the simulated bench: a profile id or a board JSON file. */
  simBoard?: string;
}

/** The simulated car asked for, or undefined for a real board. Throws a usage error for both/neither/unknown. */
export function chosenSimCar(opts: TargetOptions, command: string, defaultCar?: SimCarKind): SimCarKind | undefined {
  const wantsSim = opts.sim !== undefined && opts.sim !== false;
  if (wantsSim && opts.port !== undefined) throw usageError(`${command}: give either --port or --sim, not both`);
  if (!wantsSim && opts.port === undefined) {
    throw usageError(`${command} needs a board: --port <path> for a real board, or --sim ${SIM_CARS.join("|")} for the simulated bench`);
  }
  if (opts.simFault?.length && !wantsSim) throw usageError("--sim-fault only applies to the simulated bench (--sim)");
  if (opts.simBoard !== undefined && !wantsSim) throw usageError("--sim-board only applies to the simulated bench (--sim)");
  if (!wantsSim) return undefined;
  const car = opts.sim === true ? defaultCar : (opts.sim as string);
  if (car === undefined) throw usageError(`${command}: --sim needs a car: ${SIM_CARS.join(" or ")}`);
  if (!SIM_CARS.includes(car as SimCarKind)) throw usageError(`unknown simulated car '${car}': use ${SIM_CARS.join(" or ")}`);
  return car as SimCarKind;
}

/**
 * Open the session (after the user confirmed what is needed). On the
 * simulator `keys` fobs are made (default: one per fob slot of the board);
 * a `--sim-board` file is read relative to `cwd`; `recipes` are installed on
 * the simulated board besides the built-ins (a user's recipe file).
 */
export async function openSession(opts: TargetOptions, simCar: SimCarKind | undefined, keys?: number, cwd = process.cwd(), recipes: RecipeCore[] = [], carKnowsFobs = false): Promise<BoardSession> {
  if (simCar) {
    const board = opts.simBoard === undefined ? undefined : simBoard(opts.simBoard, cwd);
    return openSimSession({ car: simCar, keys, faults: opts.simFault ?? [], firmware: opts.simFirmware ?? "auto", board, recipes, carKnowsFobs });
  }
  return openSerialSession(opts.port as string, opts.baud, opts.target);
}

/** The `--sim-board` board (a profile id or a board JSON file, validated); a usage error when it is not one. */
function simBoard(spec: string, cwd: string): BoardDescription {
  try {
    return loadBoard(spec, cwd);
  } catch (err) {
    if (err instanceof PictureInputError) throw usageError(err.message.replace(/^--board /, "--sim-board "), "see docs/wiring.md for the board description format");
    throw err;
  }
}
