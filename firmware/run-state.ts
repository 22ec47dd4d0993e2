import type { Params } from "./recipes/params";
import type { RecipeCore, Step } from "./recipes/types";

/** The sequencer's states; `status` names them (`step=<state>:<op>`) from STATE_NAMES. */
export const enum State {
  Idle,
  Run,
  Press,
  Edge,
  Confirm,
}
export const STATE_NAMES = "idle run press edge conf";

/** What a step's `exec` returns when it waits (the sequencer arms `run.wakeAt`) or ended the session. */
export const WAIT = -1;
/** What `confirmTimeout` returns when the key failed: the sequencer ends the session. */
export const KEY_FAILED = -2;

/**
 * The running procedure, shared by the sequencer (sequencer.ts: the run
 * loop, the waits for edges) and the current key's steps (key-run.ts).
 */
export const run = {
  state: State.Idle,
  recipe: undefined as RecipeCore | undefined,
  params: {} as Params,
  step: undefined as Step | undefined,
  pc: 0,
  /** Where the next wait is measured from: the last input edge, ack or lock cycle. */
  anchor: 0,
  /** End of the window the keys must fit in (0: none). */
  windowEnd: 0,
  deadline: 0,
  /** When the sequencer's one timer is due while the run waits. */
  wakeAt: 0,
  /** A prompt waits for the user's `ack`. */
  waitsAck: false,
  /** Edges an `edge` step counted so far. */
  counted: 0,
};
