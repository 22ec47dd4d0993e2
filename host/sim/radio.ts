import type { BoardDescription } from "../../hal/board";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import { driveRole } from "./wiring";

export type FobButton = "unlock" | "lock" | "boot";

/**
 * What a fob puts on the air. A transmission is a sequence of telegrams:
 * `start` when the fob begins to transmit, `change` when the set of held
 * buttons it reports changes (a new telegram with the next rolling counter),
 * `end` when it stops. `buttons` is empty on `end`.
 */
export interface AirEvent {
  kind: "start" | "change" | "end";
  fob: string;
  counter: number;
  buttons: FobButton[];
  t: number;
}

export type AirListener = (ev: AirEvent) => void;

/** The air between the fobs and every receiver (the car, the board's RF module). */
export class Air {
  private listeners: AirListener[] = [];
  private onAir: string[] = [];
  /** Every event ever transmitted, for assertions. */
  readonly history: AirEvent[] = [];

  listen(fn: AirListener): void {
    this.listeners.push(fn);
  }

  /** A fob transmits. */
  emit(ev: AirEvent): void {
    const i = this.onAir.indexOf(ev.fob);
    if (ev.kind === "end") {
      if (i >= 0) this.onAir.splice(i, 1);
    } else if (i < 0) {
      this.onAir.push(ev.fob);
    }
    this.history.push({ ...ev, buttons: [...ev.buttons] });
    for (const fn of this.listeners) fn(ev);
  }

  /** Ids of the fobs transmitting now. */
  transmitting(): string[] {
    return [...this.onAir];
  }
}

/**
 * The board's 315/433 MHz receiver module: its data pin (`rf`) is active
 * while any fob transmits. Does nothing when the board has no `rf` role.
 */
export function attachRfReceiver(air: Air, pins: VirtualPins, board: BoardDescription): void {
  driveRole(pins, board, "rf", false);
  air.listen(() => driveRole(pins, board, "rf", air.transmitting().length > 0));
}
