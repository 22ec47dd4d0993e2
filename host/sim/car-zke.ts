import type { VirtualClock } from "../../hal/sim/virtual-clock";
import { lockCommand, seconds, type CarLogEntry, type SimCar } from "./car";
import { klr, type IgnitionState } from "./ignition";
import { Locks } from "./locks";
import type { AirEvent, FobButton } from "./radio";

/**
 * The documented windows of ZKE remote-key initialization (shared/domain.md §2),
 * as parameters so scenarios can model the variants sources report.
 */
export interface ZkeParams {
  /** KL R on, then off within this, arms the learn mode. */
  ignOffMaxMs: number;
  /** Time to start each key (hold the button) after arming or after the previous accepted key. */
  startMs: number;
  /** All taps within this, counted from the start of the hold. */
  tapWindowMs: number;
  taps: number;
  maxKeys: number;
  holdButton: FobButton;
  tapButton: FobButton;
  /** Confirmation: lock, then unlock this much later. */
  cycleGapMs: number;
}

export const ZKE_DEFAULTS: ZkeParams = {
  ignOffMaxMs: 5000,
  startMs: 30000,
  tapWindowMs: 10000,
  taps: 3,
  maxKeys: 4,
  holdButton: "unlock",
  tapButton: "lock",
  cycleGapMs: 600,
};

export type ZkeSessionState = "idle" | "learning";

/** A finished learn session, for assertions. */
export interface ZkeSessionRecord {
  startedAt: number;
  endedAt: number;
  reason: string;
  learned: string[];
}

interface Attempt {
  holdStart: number;
  taps: number[];
  tapHeld: boolean;
}

/**
 * A BMW/MINI ZKE (GM) body module's remote-key learn mode.
 *
 *   idle --KL R on..off within ignOffMaxMs, car unlocked, doors closed--> learning
 *   learning: hold + `taps` taps within tapWindowMs, released  -> key accepted, locks cycle,
 *             start window restarted
 *   learning --KL R on | door opened | key inserted | start window expired--> idle;
 *             if >= 1 key learned, the key list becomes exactly the learned keys, in order.
 *
 * Outside a session a known key's lock/unlock press locks/unlocks; an unknown key does nothing.
 */
export class ZkeCar implements SimCar {
  readonly kind = "zke";
  readonly locks: Locks;
  readonly params: ZkeParams;
  readonly log: CarLogEntry[] = [];
  readonly sessions: ZkeSessionRecord[] = [];
  private keys: string[];
  private clock: VirtualClock;
  private doorOpen = false;
  private klrOnAt: number | null = null;
  private state: ZkeSessionState = "idle";
  private sessionStart = 0;
  private learned: string[] = [];
  private deadline = 0;
  private expiryTimer = 0;
  private expired = false;
  private attempts: { [fob: string]: Attempt } = {};

  constructor(clock: VirtualClock, options: { params?: Partial<ZkeParams>; knownKeys?: string[]; locked?: boolean } = {}) {
    const p = { ...ZKE_DEFAULTS, ...options.params };
    for (const k of ["ignOffMaxMs", "startMs", "tapWindowMs", "taps", "maxKeys", "cycleGapMs"] as const) {
      if (!(Number.isInteger(p[k]) && p[k] > 0)) throw new Error(`zke car: ${k} must be a positive integer, got ${p[k]}`);
    }
    if (p.holdButton === p.tapButton) throw new Error("zke car: holdButton and tapButton must differ");
    const keys = options.knownKeys ?? [];
    if (keys.length > p.maxKeys) throw new Error(`zke car: at most ${p.maxKeys} known keys, got ${keys.length}`);
    this.params = p;
    this.keys = [...keys];
    this.clock = clock;
    this.locks = new Locks(clock, options.locked ?? false);
  }

  get knownKeys(): string[] {
    return [...this.keys];
  }

  get sessionState(): ZkeSessionState {
    return this.state;
  }

  /** Keys accepted so far in the running session. */
  get learnedInSession(): string[] {
    return [...this.learned];
  }

  ignitionChanged(now: IgnitionState, before: IgnitionState, t: number): void {
    if (now.keyIn && !before.keyIn && this.state === "learning") this.endSession("key inserted in the ignition", t);
    if (klr(now) && !klr(before)) {
      if (this.state === "learning") this.endSession("ignition (KL R) switched on again", t);
      this.klrOnAt = t;
    }
    if (!klr(now) && klr(before) && this.klrOnAt !== null) {
      const onFor = t - this.klrOnAt;
      this.klrOnAt = null;
      this.tryArm(onFor, t);
    }
  }

  doorChanged(open: boolean, t: number): void {
    this.doorOpen = open;
    if (open && this.state === "learning") this.endSession("a door was opened", t);
  }

  hear(ev: AirEvent): void {
    if (this.state === "learning") this.learnFrom(ev);
    else if (ev.kind === "start") this.remoteCommand(ev);
  }

  private note(text: string, t = this.clock.now()): void {
    this.log.push({ t, text });
  }

  private tryArm(onFor: number, t: number): void {
    const p = this.params;
    if (onFor > p.ignOffMaxMs) return this.note(`learn mode not armed: ignition on for ${seconds(onFor)} (max ${seconds(p.ignOffMaxMs)})`, t);
    if (this.locks.locked) return this.note("learn mode not armed: car locked", t);
    if (this.doorOpen) return this.note("learn mode not armed: a door is open", t);
    this.state = "learning";
    this.sessionStart = t;
    this.learned = [];
    this.attempts = {};
    this.note(`learn mode armed (ignition on for ${seconds(onFor)}): start key 1 within ${seconds(p.startMs)}`, t);
    this.restartStartWindow(t);
  }

  private restartStartWindow(t: number): void {
    if (this.expiryTimer) this.clock.cancel(this.expiryTimer);
    this.expired = false;
    this.deadline = t + this.params.startMs;
    this.expiryTimer = this.clock.at(this.deadline, () => {
      this.expiryTimer = 0;
      this.expired = true;
      if (Object.keys(this.attempts).length === 0) this.endSession("start window expired", this.deadline);
    });
  }

  private learnFrom(ev: AirEvent): void {
    const p = this.params;
    const att = this.attempts[ev.fob];
    const holding = ev.buttons.includes(p.holdButton);
    const tapping = ev.buttons.includes(p.tapButton);
    if (!att) {
      if (!holding) {
        if (ev.kind !== "end") this.note(`${ev.fob}: ${ev.buttons.join("+")} without ${p.holdButton} held: ignored while learning`, ev.t);
        return;
      }
      if (this.expired) return;
      this.attempts[ev.fob] = { holdStart: ev.t, taps: tapping ? [ev.t] : [], tapHeld: tapping };
      return;
    }
    if (holding) {
      if (tapping && !att.tapHeld) att.taps.push(ev.t);
      att.tapHeld = tapping;
      return;
    }
    delete this.attempts[ev.fob];
    this.judge(ev.fob, att, ev.t);
    if (this.state === "learning" && this.expired && Object.keys(this.attempts).length === 0) this.endSession("start window expired", ev.t);
  }

  /** The hold button was released: accept the key or say why not. */
  private judge(fob: string, att: Attempt, t: number): void {
    const p = this.params;
    const n = att.taps.length;
    if (n !== p.taps) return this.note(`${fob} rejected: ${n} ${p.tapButton} taps while ${p.holdButton} held, expected ${p.taps}`, t);
    const last = att.taps[n - 1] - att.holdStart;
    if (last > p.tapWindowMs) return this.note(`${fob} rejected: taps too late: tap ${n} came ${seconds(last)} after the ${p.holdButton} hold began (window ${seconds(p.tapWindowMs)})`, t);
    if (this.learned.includes(fob)) return this.note(`${fob} rejected: already initialized in this session`, t);
    if (this.learned.length >= p.maxKeys) return this.note(`${fob} rejected: ${p.maxKeys} keys already initialized`, t);
    this.learned.push(fob);
    this.note(`${fob} initialized as key ${this.learned.length}: locks cycle; next key within ${seconds(p.startMs)}`, t);
    this.locks.cycle(p.cycleGapMs);
    this.restartStartWindow(t);
  }

  private endSession(reason: string, t: number): void {
    if (this.expiryTimer) this.clock.cancel(this.expiryTimer);
    this.expiryTimer = 0;
    this.state = "idle";
    for (const fob of Object.keys(this.attempts)) this.note(`${fob}: attempt cut short by the end of the session`, t);
    this.attempts = {};
    this.sessions.push({ startedAt: this.sessionStart, endedAt: t, reason, learned: [...this.learned] });
    if (this.learned.length === 0) return this.note(`learn session ended (${reason}): no key initialized, key list unchanged (${this.keys.join(",") || "none"})`, t);
    const dropped = this.keys.filter((k) => !this.learned.includes(k));
    this.keys = [...this.learned];
    this.note(`learn session ended (${reason}): car now knows ${this.keys.join(",")}` + (dropped.length ? `; de-programmed ${dropped.join(",")}` : ""), t);
  }

  private remoteCommand(ev: AirEvent): void {
    this.note(lockCommand(this.keys, this.locks, ev), ev.t);
  }
}
