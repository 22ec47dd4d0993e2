import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { numberField, type DeviceEvent } from "../protocol/event-line";
import type { Door } from "./door";
import type { SimFob } from "./fob";
import type { IgnitionPosition, IgnitionSwitch } from "./ignition";

/** What a simulated person can reach for the steps of the other makes' recipes. */
export interface PersonReach {
  clock: VirtualClock;
  ignition: IgnitionSwitch;
  door: Door;
  /** The fob of key `key` (wired or a spare in the hand). */
  fobFor(key: number): SimFob | undefined;
  /** Tell the car about something the rig cannot do (cars/learn-car.ts PersonAction). */
  personDid(action: string, fob: string): void;
  note(text: string): void;
}

/** How the person paces counted steps: one every `paceMs` (default: the prompt's `every=`, else 1 s), `extra` more than asked. */
export interface Pace {
  paceMs?: number;
  extra: number;
}

/**
 * The person's side of the prompts of the other makes' recipes
 * (firmware/recipes): each does what the prompt asks, timed, and returns the
 * ms until it is done (when the person acks, if the prompt has `ack=1`).
 */
export const PERSON_STEPS: { [promptId: string]: (r: PersonReach, ev: DeviceEvent, pace: Pace) => number } = {
  "ign-cycles": (r, ev, pace) => cycleIgnition(r, times(ev, pace), period(ev, pace), 2, true),
  "key-cycles": (r, ev, pace) => cycleIgnition(r, times(ev, pace), period(ev, pace), 1, false),
  "kl15-on": (r) => turn(r, 2),
  "key-acc": (r) => turn(r, 1),
  "ign-on-other": (r) => turn(r, 1),
  "ign-lock": (r) => turn(r, 0),
  "key-out": (r) => {
    turn(r, 0);
    r.ignition.removeKey();
    r.note("key-out: key removed");
    return 0;
  },
  "key-in-out": (r, ev, pace) => {
    const n = times(ev, pace);
    const p = period(ev, pace);
    if (r.ignition.state.keyIn) {
      turn(r, 0);
      r.ignition.removeKey();
    }
    for (let i = 0; i < n; i++) {
      r.clock.after(i * p, () => r.ignition.insertKey());
      r.clock.after(i * p + p / 2, () => r.ignition.removeKey());
    }
    r.note(`key-in-out: ${n} times, one every ${p} ms`);
    return (n - 1) * p + p / 2;
  },
  "lock-switch": (r) => person(r, "lock-switch", ""),
  "switch-cycle": (r) => {
    person(r, "unlock-switch", "");
    return person(r, "lock-switch", "");
  },
  "hold-unlock-switch": (r) => person(r, "unlock-switch-hold", ""),
  "release-unlock-switch": (r) => person(r, "unlock-switch-release", ""),
  "door-lock-key": (r, ev) => person(r, "key-blade-lock", r.fobFor(numberField(ev, "key"))?.id ?? "?"),
  "door-open": (r) => {
    r.door.setOpen(true);
    r.note("door-open: opens the driver's door");
    return 0;
  },
  "door-cycles": (r, ev, pace) => {
    const n = times(ev, pace);
    const p = period(ev, pace);
    for (let i = 0; i < n; i++) {
      r.clock.after(i * p, () => r.door.setOpen(false));
      if (i < n - 1) r.clock.after(i * p + p / 2, () => r.door.setOpen(true));
    }
    r.note(`door-cycles: closes the door ${n} times, one every ${p} ms`);
    return (n - 1) * p;
  },
};

function times(ev: DeviceEvent, pace: Pace): number {
  return Math.max(1, numberField(ev, "n")) + pace.extra;
}

function period(ev: DeviceEvent, pace: Pace): number {
  const every = numberField(ev, "every");
  return pace.paceMs ?? (every > 0 ? every : 1000);
}

/** `n` turns from 0 to `to` and back, one every `p` ms; the last stays at `to` when `endOn`. */
function cycleIgnition(r: PersonReach, n: number, p: number, to: IgnitionPosition, endOn: boolean): number {
  if (!r.ignition.state.keyIn) r.ignition.insertKey();
  if (r.ignition.state.position !== 0) r.ignition.turnTo(0);
  for (let i = 0; i < n; i++) {
    r.clock.after(i * p, () => r.ignition.turnTo(to));
    if (i < n - 1 || !endOn) r.clock.after(i * p + p / 2, () => r.ignition.turnTo(0));
  }
  r.note(`ignition 0 -> ${to} ${n} times, one every ${p} ms${endOn ? `, left at ${to}` : ", left at 0"}`);
  return (n - 1) * p + (endOn ? 0 : p / 2);
}

function turn(r: PersonReach, to: IgnitionPosition): number {
  if (!r.ignition.state.keyIn) r.ignition.insertKey();
  r.ignition.turnTo(to);
  r.note(`ignition to position ${to}`);
  return 0;
}

function person(r: PersonReach, action: string, fob: string): number {
  r.personDid(action, fob);
  r.note(`${action}${fob ? ` (${fob})` : ""}`);
  return 0;
}
