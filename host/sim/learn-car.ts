import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { lockCommand, type CarLogEntry, type SimCar } from "./car";
import type { IgnitionState } from "./ignition";
import { HazardLamps } from "./lamps";
import { Locks } from "./locks";
import type { AirEvent } from "./radio";

/** Things a person does at the car that the rig cannot do or sense (the user's `ack` steps). */
export type PersonAction = "lock-switch" | "unlock-switch" | "unlock-switch-hold" | "unlock-switch-release" | "key-blade-lock";

export interface LearnCarOptions {
  /** Remotes the car knows before the session. */
  knownKeys?: string[];
  locked?: boolean;
}

/** A finished learn session, for assertions. */
export interface LearnSession {
  startedAt: number;
  endedAt: number;
  reason: string;
  learned: string[];
}

/**
 * What the simulated cars that learn remotes on board share
 * (shared/domain-more-cars.md): the remotes they know, the locks and hazard
 * lamps they answer with, a learn mode that replaces the key list with the
 * remotes learned in it (the remotes left out are erased), and the log of
 * what they saw and decided. Each make decides how the mode is entered.
 */
export abstract class LearnCar implements SimCar {
  abstract readonly kind: SimCar["kind"];
  readonly locks: Locks;
  readonly hazards: HazardLamps;
  readonly log: CarLogEntry[] = [];
  readonly sessions: LearnSession[] = [];
  protected keys: string[];
  protected learned: string[] = [];
  protected learning = false;
  private startedAt = 0;

  constructor(
    protected readonly clock: VirtualClock,
    protected readonly maxKeys: number,
    options: LearnCarOptions,
  ) {
    this.keys = [...(options.knownKeys ?? [])];
    this.locks = new Locks(clock, options.locked ?? false);
    this.hazards = new HazardLamps(clock);
  }

  get knownKeys(): string[] {
    return [...this.keys];
  }

  get inLearnMode(): boolean {
    return this.learning;
  }

  ignitionChanged(_now: IgnitionState, _before: IgnitionState, _t: number): void {}
  doorChanged(_open: boolean, _t: number): void {}
  personDid(action: PersonAction, _fob: string, t: number): void {
    this.note(`${action}: nothing happens`, t);
  }

  hear(ev: AirEvent): void {
    if (ev.kind !== "start") return;
    if (!this.learning) this.remoteCommand(ev);
  }

  protected note(text: string, t = this.clock.now()): void {
    this.log.push({ t, text });
  }

  /** Learn mode on; `erase`: the car forgets every remote now (Honda, Nissan, Mazda). */
  protected enterLearning(why: string, erase: boolean, t: number): void {
    this.learning = true;
    this.learned = [];
    this.startedAt = t;
    if (erase) this.keys = [];
    this.note(`learn mode entered (${why})${erase ? ": every remote erased" : ""}`, t);
  }

  /** A remote to learn: false (and why, in the log) when it is not taken. */
  protected learnKey(fob: string, t: number): boolean {
    if (this.learned.includes(fob)) {
      this.note(`${fob} already learned in this session`, t);
      return false;
    }
    if (this.learned.length >= this.maxKeys) this.learned.shift();
    this.learned.push(fob);
    this.note(`${fob} learned as remote ${this.learned.length}`, t);
    return true;
  }

  /** Learn mode off: the car now knows exactly the remotes learned (when any were, or when entering erased them). */
  protected exitLearning(reason: string, t: number, replaceKeys = true): void {
    if (!this.learning) return;
    this.learning = false;
    this.sessions.push({ startedAt: this.startedAt, endedAt: t, reason, learned: [...this.learned] });
    if (replaceKeys && this.learned.length > 0) {
      const dropped = this.keys.filter((k) => !this.learned.includes(k));
      this.keys = [...this.learned];
      this.note(`learn mode ended (${reason}): car now knows ${this.keys.join(",")}` + (dropped.length ? `; erased ${dropped.join(",")}` : ""), t);
    } else this.note(`learn mode ended (${reason}): car knows ${this.keys.join(",") || "no remote"}`, t);
  }

  /** Outside learn mode a known remote locks or unlocks; an unknown one does nothing. */
  protected remoteCommand(ev: AirEvent): void {
    this.note(lockCommand(this.knownKeys, this.locks, ev), ev.t);
  }
}

/** Edges counted within a window that starts at the first: `add(t)` the count so far (older edges dropped). */
export class EdgeWindow {
  private at: number[] = [];
  constructor(private readonly windowMs: number) {}

  add(t: number): number {
    this.at = this.at.filter((x) => t - x <= this.windowMs).concat(t);
    return this.at.length;
  }

  clear(): void {
    this.at = [];
  }

  get count(): number {
    return this.at.length;
  }
}
