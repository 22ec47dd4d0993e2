/**
 * Which simulated Espruino board a command gets, decided here and nowhere
 * else (`fobsync sim`, the demo, the bench and the tests ask this module):
 *
 *   - asked for the model (`--virtual`): fobsync's model of Espruino;
 *   - else the real interpreter when one is found and answers with a
 *     supported version (host/espruino/check-interpreter.ts);
 *   - else, none found: the model, with one line saying so and how the real
 *     one would be used; or, with FOBSYNC_REQUIRE_INTERPRETER set, exit 9;
 *   - an interpreter named (ESPRUINO_BIN) or found but unusable: exit 9 with
 *     the reason, never a quiet switch to the model.
 */
import { checkInterpreter } from "../../espruino/check-interpreter";
import { howToGetInterpreter, interpreterRequired, REQUIRE_INTERPRETER_ENV, type EspruinoInterpreter } from "../../espruino/interpreter";
import { CliError, EXIT, usageError } from "../../common/errors";
import { startInterpreterBoard } from "./interpreter-board";
import { startModelBoard } from "./model-board";
import type { PtyBoardOptions } from "./pty-console";
import type { SimBoard } from "./sim-board";

export type EspruinoBoardChoice =
  | { kind: "interpreter"; interpreter: EspruinoInterpreter }
  /** `note`: why the model, when it was not asked for (one line for the user). */
  | { kind: "model"; note?: string };

export async function chooseEspruinoBoard(opts: { model: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<EspruinoBoardChoice> {
  if (opts.model) return { kind: "model" };
  const found = await checkInterpreter(env);
  if (found.kind === "ok") return { kind: "interpreter", interpreter: found };
  if (found.kind === "broken") {
    throw new CliError("not-set-up", found.problem, EXIT.notSetUp, "fix or unset it, or add --virtual to run on fobsync's model of Espruino");
  }
  if (interpreterRequired(env)) {
    throw new CliError("not-set-up", `no real Espruino interpreter (ESPRUINO_BIN unset, none at ${found.cachePath}) and ${REQUIRE_INTERPRETER_ENV} asks for one`, EXIT.notSetUp, howToGetInterpreter(env));
  }
  return {
    kind: "model",
    note: `no real Espruino interpreter found (ESPRUINO_BIN unset, none at ${found.cachePath}), so the board runs on fobsync's model of Espruino; to run it on the real one, ${howToGetInterpreter(env)}`,
  };
}

export interface EspruinoBoardOptions extends PtyBoardOptions {
  /** Firmware already in Storage at power-on (default: none, like a new board). */
  bundle?: string;
  /** The radios the model's ESP32 keeps on (the interpreter's Linux build has none). */
  radios?: { wifi: boolean; ble: boolean };
}

/** Start the chosen board. `--speed` other than 1 is for the model only: the interpreter runs in real time. */
export async function startEspruinoBoard(choice: EspruinoBoardChoice, opts: EspruinoBoardOptions): Promise<SimBoard> {
  if (choice.kind === "model") return startModelBoard(opts);
  if (opts.speed !== undefined && opts.speed !== 1) throw usageError(`--speed ${opts.speed} needs --virtual: the real Espruino interpreter runs in real time`);
  return startInterpreterBoard({ ...opts, interpreter: choice.interpreter });
}
