/**
 * Choose what a command talks to: a real board (`--port`) or the simulated
 * bench (`--sim`). Always explicit: a missing or broken port is an error,
 * never a silent switch to the simulator.
 */
import { usageError } from "../errors";
import type { BoardSession } from "./board-session";
import { SerialSession } from "./serial-session";
import { openSimSession, SIM_CARS, type SimCarKind, type SimFault, type SimFirmware } from "./sim-bench";

export interface TargetOptions {
  port?: string;
  sim?: string | boolean;
  baud: number;
  /** Firmware target on the real board (for messages; both wrap commands as fs("...")). */
  target?: string;
  simFault?: SimFault[];
  simFirmware?: SimFirmware;
}

/** The simulated car asked for, or undefined for a real board. Throws a usage error for both/neither/unknown. */
export function chosenSimCar(opts: TargetOptions, command: string, defaultCar?: SimCarKind): SimCarKind | undefined {
  const wantsSim = opts.sim !== undefined && opts.sim !== false;
  if (wantsSim && opts.port !== undefined) throw usageError(`${command}: give either --port or --sim, not both`);
  if (!wantsSim && opts.port === undefined) {
    throw usageError(`${command} needs a board: --port <path> for a real board, or --sim ${SIM_CARS.join("|")} for the simulated bench`);
  }
  if (opts.simFault?.length && !wantsSim) throw usageError("--sim-fault only applies to the simulated bench (--sim)");
  if (!wantsSim) return undefined;
  const car = opts.sim === true ? defaultCar : (opts.sim as string);
  if (car === undefined) throw usageError(`${command}: --sim needs a car: ${SIM_CARS.join(" or ")}`);
  if (!SIM_CARS.includes(car as SimCarKind)) throw usageError(`unknown simulated car '${car}': use ${SIM_CARS.join(" or ")}`);
  return car as SimCarKind;
}

/** Open the session (after the user confirmed what is needed). */
export async function openSession(opts: TargetOptions, simCar: SimCarKind | undefined, keys: number): Promise<BoardSession> {
  if (simCar) return openSimSession({ car: simCar, keys, faults: opts.simFault ?? [], firmware: opts.simFirmware ?? "auto" });
  return SerialSession.open(opts.port as string, opts.baud, opts.target);
}
