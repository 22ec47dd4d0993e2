import type { BoardDescription } from "../../hal/board";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import { roleDriver } from "./wiring";

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
    this.history.push({ kind: ev.kind, fob: ev.fob, counter: ev.counter, buttons: ev.buttons.slice(), t: ev.t });
    const listeners = this.listeners;
    for (let k = 0; k < listeners.length; k++) listeners[k](ev);
  }

  /** Ids of the fobs transmitting now. */
  transmitting(): string[] {
    return [...this.onAir];
  }

  /** Whether any fob transmits now (without copying the list). */
  busy(): boolean {
    return this.onAir.length > 0;
  }
}

/**
 * The board's 315/433 MHz receiver module: its data pin (`rf`) is active
 * while any fob transmits. Does nothing when the board has no `rf` role.
 */
export function attachRfReceiver(air: Air, pins: VirtualPins, board: BoardDescription): void {
  const rf = roleDriver(pins, board, "rf");
  if (!rf) return;
  rf(false);
  air.listen(() => rf(air.busy()));
}
