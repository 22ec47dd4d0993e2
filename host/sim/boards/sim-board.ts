/**
 * A simulated board on a pseudo-terminal, whatever runs its firmware: the
 * one interface `fobsync sim`, the demo, the tests and the bench hold.
 *
 * | kind          | runs the firmware                              | time             | module               |
 * | ------------- | ---------------------------------------------- | ---------------- | -------------------- |
 * | `interpreter` | the real Espruino interpreter (a local tool)   | real             | interpreter-board.ts |
 * | `model`       | fobsync's JavaScript model of Espruino         | virtual, x speed | model-board.ts       |
 * | `nodemcu`     | the Lua in lua5.1 under fobsync's NodeMCU model | virtual, x speed | nodemcu-board.ts     |
 *
 * Which Espruino kind a command gets is decided in one place, choose-board.ts.
 */
import type { Bench } from "../bench";
import type { PtyServer } from "./pty-console";

export type SimBoardKind = "interpreter" | "model" | "nodemcu";

export interface SimBoard extends PtyServer {
  readonly kind: SimBoardKind;
  /** The simulated car, fobs and user on the board's pins. */
  readonly bench: Bench;
  /** What runs the firmware, for people: "the real Espruino 2v29 interpreter (/path)", the model, the NodeMCU model. */
  readonly runsOn: string;
  /** Virtual seconds per real second (1 on the real interpreter). */
  readonly speed: number;
}

/**
 * A board of kind `kind` served on `served`: the cable and the pty from the
 * server, `extra` for what only this kind has; `stop` when more than the
 * server must stop (default: the server).
 */
export function servedBoard<K extends SimBoardKind, X extends object>(
  what: { kind: K; runsOn: string; speed: number; bench: Bench },
  served: PtyServer,
  extra: X,
  stop: () => Promise<void> = () => served.stop(),
): SimBoard & { kind: K } & X {
  return {
    ...what,
    ...extra,
    get hostPath() {
      return served.hostPath;
    },
    unplug: () => served.unplug(),
    replug: () => served.replug(),
    syncClock: () => served.syncClock(),
    stop,
  };
}
