import type { Door } from "./door";
import type { SimFob } from "./fob";
import type { IgnitionSwitch } from "./ignition";
import type { FobButton } from "./radio";

/**
 * Things that happen in the world at a set virtual time, as plain data so a
 * scenario table can hold them: a door opened at T, the ignition turned on at
 * T, a hand press, a cell swapped.
 */
export type WorldAction =
  | { at: number; do: "door"; open: boolean }
  | { at: number; do: "ignition"; position: 0 | 1 | 2 }
  | { at: number; do: "remove-key" }
  | { at: number; do: "press"; fob: string; button: FobButton; ms: number }
  | { at: number; do: "battery"; fob: string; mv: number };

export interface WorldHandles {
  door: Door;
  ignition: IgnitionSwitch;
  fob(id: string): SimFob;
  at(t: number, fn: () => void): void;
}

/** Check one action; throws a sentence naming what is wrong. */
export function validateWorldAction(a: WorldAction, fobIds: string[]): void {
  if (!(Number.isInteger(a.at) && a.at >= 0)) throw new Error(`world action ${a.do}: at must be an integer >= 0 ms, got ${a.at}`);
  if ((a.do === "press" || a.do === "battery") && !fobIds.includes(a.fob)) throw new Error(`world action ${a.do}: no fob '${a.fob}' on the bench`);
  if (a.do === "press" && !(Number.isInteger(a.ms) && a.ms > 0)) throw new Error(`world action press: ms must be a positive integer, got ${a.ms}`);
}

/** Schedule every action (validated first: nothing is scheduled when one is bad). */
export function scheduleWorld(actions: WorldAction[], fobIds: string[], w: WorldHandles): void {
  for (const a of actions) validateWorldAction(a, fobIds);
  for (const a of actions) w.at(a.at, () => perform(a, w));
}

function perform(a: WorldAction, w: WorldHandles): void {
  switch (a.do) {
    case "door":
      return w.door.setOpen(a.open);
    case "ignition":
      if (!w.ignition.state.keyIn) w.ignition.insertKey();
      return w.ignition.turnTo(a.position);
    case "remove-key":
      if (w.ignition.state.keyIn) {
        w.ignition.turnTo(0);
        w.ignition.removeKey();
      }
      return;
    case "press": {
      const fob = w.fob(a.fob);
      fob.hand(a.button, true);
      return w.at(a.at + a.ms, () => fob.hand(a.button, false));
    }
    case "battery":
      return w.fob(a.fob).setBatteryMv(a.mv);
  }
}
