/**
 * The simulated bench the CLI runs on with `--sim <car>`: the board profile,
 * a simulated car of the kind asked for, one fob per key (wired to the board's
 * fob slots, the rest held by the simulated user), optional faults, and the
 * firmware core in this process.
 */
import { fobCount, type BoardDescription } from "../../../hal/board";
import { ESP32_RELAY8 } from "../../../hal/board-profiles";
import type { SimCar } from "../../sim/car";
import { recipeFiles } from "../../../firmware/recipes/table";
import type { RecipeCore } from "../../../firmware/recipes/types";
import { CAR_KINDS, createBench, type CarSpec, type FobSpec } from "../../sim/bench";
import { inProcessBackend } from "../../sim/in-process-backend";
import { builtEspruinoBackend, ESPRUINO_BUNDLE_PATH } from "../../sim/runtime/espruino-backend";
import type { BoardBackendFactory } from "../../sim/backend";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root";
import type { FobButton } from "../../sim/radio";
import { usageError } from "../../common/errors";
import { BenchSession } from "./bench-session";

export type SimCarKind = SimCar["kind"];
export const SIM_CARS: SimCarKind[] = CAR_KINDS;

/** What each simulated car is, as `--sim` output says it. */
const CAR_TEXT: { [kind in SimCarKind]: string } = {
  zke: "simulated ZKE car (MINI from 07/2004 / BMW)",
  "mini-early": "simulated MINI built before 07/2004",
  ford: "simulated Ford (before about 2011)",
  honda: "simulated Honda (2003 Accord / 2005-06 Odyssey)",
  nissan: "simulated Nissan keyless entry",
  mazda: "simulated Mazda3 / Protegé",
  vw: "simulated VW/Audi late-1990s comfort module",
  gm: "simulated GM truck (forum-reported behaviour)",
};

/** A fault on a simulated fob: a dead button or a weak cell. */
export interface SimFault {
  fob: number;
  button?: FobButton;
  batteryMv?: number;
}

/** What runs the firmware on the simulated board. */
export type SimFirmware = "auto" | "core" | "espruino";
export const SIM_FIRMWARES: SimFirmware[] = ["auto", "core", "espruino"];

export interface SimOptions {
  car: SimCarKind;
  /** auto: the built Espruino bundle when it exists, else the TypeScript core. */
  firmware: SimFirmware;
  /** Keys in the session (fobs created); default one fob per fob slot of the board. */
  keys?: number;
  faults: SimFault[];
  /** The simulated board; default ESP32_RELAY8 (the board the built Espruino bundle is for). */
  board?: BoardDescription;
  /** Recipes installed on the simulated board besides the built-ins (a user's recipe file). */
  recipes?: RecipeCore[];
  /** The car already knows the bench's fobs (they are the user's own keys: a bench test near the car reaches it). */
  carKnowsFobs?: boolean;
}

/** Rolling counter of an early-MINI key that fell out of step (more than the car's look-ahead). */
const OUT_OF_SYNC_COUNTER = 5000;

/** Parse `--sim-fault` values: `fob1.unlock` (switch dead) or `fob2.battery=2400` (cell mV). */
export function parseSimFault(value: string, previous: unknown): SimFault[] {
  const list = Array.isArray(previous) ? (previous as SimFault[]) : [];
  const button = /^fob([1-9])\.(unlock|lock|boot)$/.exec(value);
  if (button) return [...list, { fob: Number(button[1]), button: button[2] as FobButton }];
  const cell = /^fob([1-9])\.battery=(\d{3,4})$/.exec(value);
  if (cell) return [...list, { fob: Number(cell[1]), batteryMv: Number(cell[2]) }];
  throw usageError(`--sim-fault expects fob<N>.unlock|lock|boot or fob<N>.battery=<mV>, got '${value}'`);
}

/** Create the bench and a session on it. Bad options throw a usage error before anything runs. */
export function openSimSession(opts: SimOptions): BenchSession {
  const board = opts.board ?? ESP32_RELAY8;
  const slots = fobCount(board);
  const fobs: FobSpec[] = [];
  for (let i = 1; i <= Math.max(opts.keys ?? slots, 1); i++) {
    const spec: FobSpec = { id: `key${i}`, buttons: opts.car === "mini-early" ? 2 : 3 };
    if (i <= slots) spec.slot = i;
    if (opts.car === "mini-early") spec.counter = OUT_OF_SYNC_COUNTER;
    fobs.push(spec);
  }
  for (const f of opts.faults) {
    const spec = fobs[f.fob - 1];
    if (!spec) throw usageError(`--sim-fault fob${f.fob}: the simulated bench has ${fobs.length} fob(s)`);
    if (f.button) spec.broken = [...(spec.broken ?? []), f.button];
    if (f.batteryMv !== undefined) spec.batteryMv = f.batteryMv;
  }
  const car: CarSpec =
    opts.car === "mini-early"
      ? { kind: "mini-early", knownKeys: fobs.map((f) => ({ id: f.id, counter: 0 })) }
      : opts.car === "zke" && opts.carKnowsFobs
        ? { kind: "zke", knownKeys: fobs.map((f) => f.id) }
        : { kind: opts.car };
  const firmware = pickFirmware(opts.firmware, board);
  // the CLI is the host (its run loop sends the heartbeat): the bench sends none of its own
  const bench = createBench({ board, car, fobs, backend: firmware.backend, files: { ...recipeFiles(), ...recipeFiles(opts.recipes ?? []) }, host: false });
  const carText = CAR_TEXT[opts.car];
  return new BenchSession(bench, `${carText}, board ${board.id}, ${firmware.text} (virtual time)`);
}

/** The firmware backend for the simulated board, with how to say what it is. */
function pickFirmware(choice: SimFirmware, board: BoardDescription): { backend: BoardBackendFactory; text: string } {
  const root = packageRoot();
  const bundle = join(root, ESPRUINO_BUNDLE_PATH);
  if (board !== ESP32_RELAY8) {
    // the built bundle has its board (ESP32_RELAY8) baked in
    if (choice === "espruino") throw usageError(`${ESPRUINO_BUNDLE_PATH} is built for ${ESP32_RELAY8.id}, not ${board.id}: use --sim-firmware core with --sim-board`);
    return { backend: inProcessBackend, text: "firmware core (TypeScript) running in-process" };
  }
  if (choice === "espruino" || (choice === "auto" && existsSync(bundle))) {
    if (!existsSync(bundle)) throw usageError(`${ESPRUINO_BUNDLE_PATH} is not built: run \`npm run build\` (or use --sim-firmware core)`);
    return { backend: builtEspruinoBackend(root), text: `built Espruino firmware ${ESPRUINO_BUNDLE_PATH} on a virtual Espruino` };
  }
  const note = choice === "auto" ? `; ${ESPRUINO_BUNDLE_PATH} not built, so not the Espruino bundle` : "";
  return { backend: inProcessBackend, text: `firmware core (TypeScript) running in-process${note}` };
}
