import type { BoardDescription } from "../../hal/board";
import type { VirtualClock } from "../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../hal/sim/virtual-pins";

/**
 * A virtual board: something that runs the firmware against the simulated
 * bench's virtual clock and pins. Three implementations share this contract:
 * the TypeScript core in-process, the BUILT Espruino bundle in a Node vm
 * context, and the BUILT Lua bundle in a Lua VM. The scenario tests run on
 * each and must see the same event lines.
 */
export interface BoardBackendContext {
  clock: VirtualClock;
  pins: VirtualPins;
  board: BoardDescription;
  /** Files on the board's flash besides the firmware (the recipes, `fr.<name>`), as `fobsync flash` leaves them. */
  files: { [name: string]: string };
  /** Every line the firmware writes to its console (event lines and any other output). */
  onLine(line: string): void;
}

export interface BoardBackend {
  /** Human name: "core", "espruino", "nodemcu". */
  readonly name: string;
  /** Deliver one command line to the firmware as the host would (for a REPL target: through the global entry `fs("...")`). */
  send(line: string): void;
  /** Release resources (child processes, vm contexts). */
  close(): void;
}

export type BoardBackendFactory = (ctx: BoardBackendContext) => BoardBackend;
