import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { numberField, textField, type DeviceEvent } from "../protocol/event-line";
import type { Door } from "./door";
import type { FobButton, SimFob } from "./fob";
import type { IgnitionSwitch } from "./ignition";
import { PERSON_STEPS } from "./person-steps";

/** How a person holds a fob for the ZKE procedure by hand. */
export interface HandTiming {
  /** Hold unlock this long before the first lock tap. */
  holdBeforeTapMs: number;
  tapMs: number;
  gapMs: number;
  /** Keep unlock held this long after the last tap. */
  releaseAfterMs: number;
}

export interface UserOptions {
  /** Time from a prompt to the action. Default 1500 ms. */
  reactionMs: number;
  /** Per prompt id, a different reaction time (a slow user: `{ "ign-off": 6000 }`). */
  delays: { [promptId: string]: number };
  /** Prompt ids the user does not act on ("*" = every prompt). */
  ignores: string[];
  /** Degraded mode `ign-cycle`: how long the key stays in position 1. */
  ignCycleOnMs: number;
  /** `kl15-cycle`: how long the key stays in position 2. */
  kl15OnMs: number;
  hand: HandTiming;
  /** After `end` opened the door, close it again this much later (0 = leave it open). */
  doorCloseAfterMs: number;
  /** Send `ack` after a hand-guided key (the firmware asks for it when it cannot see the locks). */
  ackHandKey: boolean;
  /** Counted steps (ignition, key, door cycles): one every this many ms instead of the prompt's pace. */
  paceMs?: number;
  /** Counted steps: this many more than the prompt asks (a 4th key cycle on a Mazda). */
  extraCycles: number;
  /** Per prompt id, ack this much later than the step was done (a person who acks late). */
  ackDelays: { [promptId: string]: number };
}

export const USER_DEFAULTS: UserOptions = {
  reactionMs: 1500,
  delays: {},
  ignores: [],
  ignCycleOnMs: 2000,
  kl15OnMs: 1500,
  hand: { holdBeforeTapMs: 600, tapMs: 250, gapMs: 400, releaseAfterMs: 500 },
  doorCloseAfterMs: 3000,
  ackHandKey: false,
  extraCycles: 0,
  ackDelays: {},
};

const BUTTONS: FobButton[] = ["unlock", "lock", "boot"];

/**
 * What a hand-key prompt asks, from its fields (`prompt id=hand-key key=3 hold=unlock tap=lock n=3`,
 * or only `tap=lock n=1`): no hold without a `hold` field; tap lock 3x for a tap field that is missing or not a button.
 */
export function readHandRecipe(ev: DeviceEvent): { hold?: FobButton; tap: FobButton; taps: number } {
  const button = (k: string): FobButton | undefined => {
    const v = textField(ev, k) as FobButton;
    return BUTTONS.includes(v) ? v : undefined;
  };
  const n = numberField(ev, "n");
  return { hold: button("hold"), tap: button("tap") ?? "lock", taps: n >= 1 && n <= 9 ? n : 3 };
}

/** What the user can reach. `handFob(key)` is the spare fob they hold for key number `key`. */
export interface UserWorld {
  clock: VirtualClock;
  ignition: IgnitionSwitch;
  door: Door;
  handFob(key: number): SimFob | undefined;
  /** The fob of key `key`, wired or in the hand. */
  fobFor(key: number): SimFob | undefined;
  /** Tell the car what the person did that the rig cannot sense. */
  personDid(action: string, fob: string): void;
  send(line: string): void;
}

/**
 * A simulated person at the car: reads the firmware's events and acts on
 * `prompt` events by id after a reaction time. In degraded mode (no ignition
 * input) they confirm what they did with `ack`. Every action (and every
 * confusion) lands in `actions` with its virtual time.
 */
/** Session ends after which the person puts the car back at rest: nobody asked for the state it was left in. */
const CUT_SHORT = ["abort", "host-lost", "error"];

export class SimUser {
  readonly options: UserOptions;
  readonly actions: { t: number; text: string }[] = [];
  private world: UserWorld;
  private degraded = false;

  constructor(world: UserWorld, options: Partial<UserOptions> = {}) {
    const o: UserOptions = { ...USER_DEFAULTS, ...options, hand: { ...USER_DEFAULTS.hand, ...options.hand } };
    if (typeof o.ackHandKey !== "boolean") throw new Error(`user: ackHandKey must be true or false, got ${o.ackHandKey}`);
    for (const [k, v] of Object.entries({ reactionMs: o.reactionMs, ignCycleOnMs: o.ignCycleOnMs, kl15OnMs: o.kl15OnMs, doorCloseAfterMs: o.doorCloseAfterMs, ...o.hand, ...o.delays })) {
      if (!(Number.isInteger(v) && v >= 0)) throw new Error(`user: ${k} must be an integer >= 0 ms, got ${v}`);
    }
    this.options = o;
    this.world = world;
  }

  /** Feed one firmware event. */
  see(ev: DeviceEvent): void {
    if (ev.event === "degraded" || (ev.event === "session.start" && textField(ev, "mode") === "degraded")) this.degraded = true;
    if (ev.event === "boot" || ev.event === "session.end") this.degraded = false;
    // told a session was cut short, a person takes the key out: the next session starts from a car
    // at rest (the board refuses one with the ignition on: not-ready)
    if (ev.event === "session.end" && CUT_SHORT.includes(textField(ev, "reason"))) {
      this.world.clock.after(this.options.reactionMs, () => this.safely(() => this.world.ignition.state.keyIn && this.ignitionOff("session cut short: position 0, key out")));
      return;
    }
    if (ev.event !== "prompt") return;
    const id = textField(ev, "id");
    if (this.options.ignores.includes("*") || this.options.ignores.includes(id)) return this.note(`ignores prompt ${id}`);
    const delay = this.options.delays[id] ?? this.options.reactionMs;
    const key = numberField(ev, "key");
    this.world.clock.after(delay, () => this.act(id, key, ev));
  }

  private act(id: string, key: number, ev: DeviceEvent): void {
    try {
      this.perform(id, key, ev);
    } catch (e) {
      this.note(`could not do ${id}: ${(e as Error).message}`);
    }
  }

  private perform(id: string, key: number, ev: DeviceEvent): void {
    const w = this.world;
    const o = this.options;
    switch (id) {
      case "ign-on":
        return this.ignitionTo(1, "ign-on: key in, position 1");
      case "ign-off":
        return this.ignitionOff("ign-off: position 0, key out");
      case "ign-cycle":
        this.ignitionTo(1, "ign-cycle: key in, position 1");
        w.clock.after(o.ignCycleOnMs, () => this.safely(() => {
          this.ignitionOff("ign-cycle: position 0, key out");
          this.ack();
        }));
        return;
      case "kl15-cycle":
        this.ignitionTo(2, "kl15-cycle: key in, position 2");
        w.clock.after(o.kl15OnMs, () => this.safely(() => {
          this.ignitionOff("kl15-cycle: position 0, key out");
          if (this.degraded) this.ack();
        }));
        return;
      case "hand-key":
        return this.handKey(key, ev);
      case "end":
        w.door.setOpen(true);
        this.note("end: opens the door");
        if (o.doorCloseAfterMs > 0) w.clock.after(o.doorCloseAfterMs, () => {
          w.door.setOpen(false);
          this.note("closes the door");
        });
        return;
      default: {
        const step = PERSON_STEPS[id];
        if (!step) return this.note(`does not know what prompt ${id} asks`);
        const doneIn = step({ ...w, note: (text) => this.note(`${id}: ${text}`) }, ev, { paceMs: o.paceMs, extra: o.extraCycles });
        if (numberField(ev, "ack") === 1) w.clock.after(doneIn + (o.ackDelays[id] ?? 0), () => this.ack());
      }
    }
  }

  private ignitionTo(position: 1 | 2, text: string): void {
    const ign = this.world.ignition;
    if (!ign.state.keyIn) ign.insertKey();
    ign.turnTo(position);
    this.note(text);
  }

  private ignitionOff(text: string): void {
    const ign = this.world.ignition;
    if (ign.state.keyIn) {
      ign.turnTo(0);
      ign.removeKey();
    }
    this.note(text);
  }

  /** Hold, tap, release as the prompt's fields say (default: hold unlock, tap lock 3x) on the spare fob for `key`. */
  private handKey(key: number, ev: DeviceEvent): void {
    const fob = this.world.handFob(key);
    if (!fob) return this.note(`hand-key: has no spare fob for key ${key}`);
    const r = readHandRecipe(ev);
    const h = this.options.hand;
    const clock = this.world.clock;
    const t0 = clock.now();
    const hold = r.hold;
    if (hold) fob.hand(hold, true);
    this.note(`hand-key: ${hold ? `holds ${hold} on ${fob.id}, ` : `on ${fob.id} `}taps ${r.tap} ${r.taps}x`);
    for (let i = 0; i < r.taps; i++) {
      const down = t0 + h.holdBeforeTapMs + i * (h.tapMs + h.gapMs);
      clock.at(down, () => fob.hand(r.tap, true));
      clock.at(down + h.tapMs, () => fob.hand(r.tap, false));
    }
    const release = t0 + h.holdBeforeTapMs + r.taps * h.tapMs + Math.max(0, r.taps - 1) * h.gapMs + h.releaseAfterMs;
    clock.at(release, () => {
      if (hold) fob.hand(hold, false);
      this.note(`hand-key: ${hold ? `releases ${hold} on ${fob.id}` : "done"}`);
      if (this.options.ackHandKey) this.ack();
    });
  }

  private ack(): void {
    this.note("sends ack");
    this.world.send("ack");
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.note(`confused: ${(e as Error).message}`);
    }
  }

  private note(text: string): void {
    this.actions.push({ t: this.world.clock.now(), text });
  }
}
