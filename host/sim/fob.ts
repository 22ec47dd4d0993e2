import type { BoardDescription } from "../../hal/board";
import type { VirtualClock } from "../../hal/sim/virtual-clock";
import type { VirtualPins } from "../../hal/sim/virtual-pins";
import type { Air, FobButton } from "./radio";
import { setBatteryPin, watchRole } from "./wiring";

export type { FobButton } from "./radio";

/** Who closes a button's contact: the board's switch (relay/opto) or the user's hand. */
export type PressSource = "switch" | "hand";

export interface FobOptions {
  id: string;
  /** 2 (unlock, lock: early MINI) or 3 (unlock, lock, boot). Default 3. */
  buttons?: 2 | 3;
  /** Cell voltage. >= 2600 all buttons; 2200..2599 only unlock transmits; < 2200 nothing. Default 3000. */
  batteryMv?: number;
  /** Buttons with a worn switch or a cracked joint: pressing them does nothing. */
  broken?: FobButton[];
  /** Rolling counter of the last telegram sent; the next one carries counter + 1. Default 0. */
  counter?: number;
  /** Time the chip needs to wake from sleep. Default 25 ms. */
  wakeMs?: number;
  /** A button must be held this long before the fob reports it. Default 40 ms. */
  minPressMs?: number;
  /** Each telegram stays on the air at least this long. Default 180 ms. */
  burstMinMs?: number;
}

export const FOB_DEFAULTS = { buttons: 3, batteryMv: 3000, counter: 0, wakeMs: 25, minPressMs: 40, burstMinMs: 180 };
const ORDER: FobButton[] = ["unlock", "lock", "boot"];

/**
 * A simulated key fob. It transmits the set of held buttons (so a car can see
 * "unlock held + lock tapped"): a button counts once held `minPressMs` with the
 * chip awake; each change of the reported set is a new telegram with the next
 * rolling counter; each telegram lasts at least `burstMinMs`; the transmission
 * ends when nothing is held any more.
 */
export class SimFob {
  readonly id: string;
  readonly buttons: FobButton[];
  readonly broken: FobButton[];
  readonly wakeMs: number;
  readonly minPressMs: number;
  readonly burstMinMs: number;
  private mv: number;
  private count: number;
  private clock: VirtualClock;
  private air: Air;
  private closedBy: { [b: string]: PressSource[] } = {};
  private closedSince: { [b: string]: number } = {};
  private awakeAt: number | null = null;
  private tx: FobButton[] | null = null;
  private txStart = 0;
  private timer = 0;
  private batteryListeners: ((mv: number) => void)[] = [];

  constructor(clock: VirtualClock, air: Air, options: FobOptions) {
    const o = { ...FOB_DEFAULTS, ...options };
    if (!o.id) throw new Error("fob: id is required");
    if (o.buttons !== 2 && o.buttons !== 3) throw new Error(`fob ${o.id}: buttons must be 2 or 3, got ${o.buttons}`);
    for (const k of ["wakeMs", "minPressMs", "burstMinMs", "counter"] as const) {
      if (!(Number.isInteger(o[k]) && o[k] >= 0)) throw new Error(`fob ${o.id}: ${k} must be an integer >= 0, got ${o[k]}`);
    }
    this.buttons = ORDER.slice(0, o.buttons);
    for (const b of o.broken ?? []) if (!this.buttons.includes(b)) throw new Error(`fob ${o.id}: broken button '${b}' is not on this fob`);
    checkMv(o.id, o.batteryMv);
    this.id = o.id;
    this.broken = [...(o.broken ?? [])];
    this.wakeMs = o.wakeMs;
    this.minPressMs = o.minPressMs;
    this.burstMinMs = o.burstMinMs;
    this.mv = o.batteryMv;
    this.count = o.counter;
    this.clock = clock;
    this.air = air;
  }

  get batteryMv(): number {
    return this.mv;
  }

  /** Swap or drain the cell. */
  setBatteryMv(mv: number): void {
    checkMv(this.id, mv);
    this.mv = mv;
    for (const fn of this.batteryListeners) fn(mv);
    this.reevaluate();
  }

  /** Called with the new voltage whenever the cell changes. */
  onBattery(fn: (mv: number) => void): void {
    this.batteryListeners.push(fn);
  }

  /** Rolling counter of the last telegram sent. */
  get counter(): number {
    return this.count;
  }

  /** Whether the fob is on the air now. */
  isTransmitting(): boolean {
    return this.tx !== null;
  }

  /** Buttons whose contact is closed now (by any source), broken ones included. */
  pressedButtons(): FobButton[] {
    return ORDER.filter((b) => (this.closedBy[b] ?? []).length > 0);
  }

  /** Close or open one source's contact across a button. */
  setContact(button: FobButton, source: PressSource, closed: boolean): void {
    if (!this.buttons.includes(button)) throw new Error(`fob ${this.id} has no '${button}' button`);
    const by = (this.closedBy[button] ??= []);
    const wasClosed = by.length > 0;
    const i = by.indexOf(source);
    if (closed && i < 0) by.push(source);
    if (!closed && i >= 0) by.splice(i, 1);
    const isClosed = by.length > 0;
    if (wasClosed === isClosed || this.broken.includes(button)) return;
    const now = this.clock.now();
    if (isClosed) {
      this.closedSince[button] = now;
      if (this.awakeAt === null) this.awakeAt = now + this.wakeMs;
    } else {
      delete this.closedSince[button];
    }
    this.reevaluate();
  }

  /** The user's hand presses (`down` true) or lets go of a button. */
  hand(button: FobButton, down: boolean): void {
    this.setContact(button, "hand", down);
  }

  /** Buttons the chip reports now: held long enough, awake, and enough battery for them. */
  private reported(now: number): FobButton[] {
    if (this.awakeAt === null || now < this.awakeAt) return [];
    return ORDER.filter((b) => this.closedSince[b] !== undefined && now >= this.closedSince[b] + this.minPressMs && this.batteryAllows(b));
  }

  private batteryAllows(b: FobButton): boolean {
    return this.mv >= 2600 || (this.mv >= 2200 && b === "unlock");
  }

  /** Bring the air up to date with the contacts, and schedule the next moment something can change. */
  private reevaluate(): void {
    const now = this.clock.now();
    const want = this.reported(now);
    if (this.tx === null) {
      if (want.length > 0) this.send("start", want, now);
    } else if (!sameSet(want, this.tx) && now >= this.txStart + this.burstMinMs) {
      if (want.length === 0) this.send("end", [], now);
      else this.send("change", want, now);
    }
    if (this.tx === null && Object.keys(this.closedSince).length === 0) this.awakeAt = null;
    this.scheduleNext(now);
  }

  private send(kind: "start" | "change" | "end", buttons: FobButton[], now: number): void {
    if (kind === "end") {
      this.tx = null;
    } else {
      this.count++;
      this.tx = buttons;
      this.txStart = now;
    }
    this.air.emit({ kind, fob: this.id, counter: this.count, buttons: [...buttons], t: now });
  }

  private scheduleNext(now: number): void {
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = 0;
    let next = Infinity;
    for (const b of Object.keys(this.closedSince)) {
      const at = Math.max(this.closedSince[b] + this.minPressMs, this.awakeAt ?? 0);
      if (at > now) next = Math.min(next, at);
    }
    if (this.tx !== null && !sameSet(this.reported(now), this.tx)) next = Math.min(next, Math.max(this.txStart + this.burstMinMs, now + 1));
    if (next !== Infinity) this.timer = this.clock.at(next, () => {
      this.timer = 0;
      this.reevaluate();
    });
  }
}

function sameSet(a: FobButton[], b: FobButton[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function checkMv(id: string, mv: number): void {
  if (!(Number.isFinite(mv) && mv >= 0 && mv <= 4000)) throw new Error(`fob ${id}: battery must be 0..4000 mV, got ${mv}`);
}

/**
 * Wire a fob to board slot `slot` (1..4): each `fob<slot>.<button>` switch output
 * closes the fob's contact while active (polarity per board), and the cell shows
 * on `fob<slot>.battery` when wired. Returns the roles actually connected.
 */
export function wireFob(fob: SimFob, pins: VirtualPins, board: BoardDescription, slot: number): string[] {
  const roles: string[] = [];
  for (const b of fob.buttons) {
    const role = `fob${slot}.${b}`;
    if (watchRole(pins, board, role, (active) => fob.setContact(b, "switch", active))) roles.push(role);
  }
  if (setBatteryPin(pins, board, slot, fob.batteryMv)) {
    roles.push(`fob${slot}.battery`);
    fob.onBattery((mv) => setBatteryPin(pins, board, slot, mv));
  }
  return roles;
}
