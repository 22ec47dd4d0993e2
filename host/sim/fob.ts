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
/** Every set of buttons as a bit mask (unlock 1, lock 2, boot 4) -> the buttons in ORDER, for reading only. */
const SETS: readonly FobButton[][] = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ORDER.filter((_, i) => m & (1 << i)));

/** The bit of a button (unlock 1, lock 2, boot 4); 0 for anything else. */
function bitOf(b: string): number {
  return b === "unlock" ? 1 : b === "lock" ? 2 : b === "boot" ? 4 : 0;
}

/** `options[key]` when the caller set it (even to undefined, as a spread over the defaults would), else `fallback`. */
function option<K extends keyof FobOptions>(options: FobOptions, key: K, fallback: NonNullable<FobOptions[K]>): FobOptions[K] {
  return Object.prototype.hasOwnProperty.call(options, key) ? options[key] : fallback;
}

/**
 * A simulated key fob. It transmits the set of held buttons (so a car can see
 * "unlock held + lock tapped"): a button counts once held `minPressMs` with the
 * chip awake; each change of the reported set is a new telegram with the next
 * rolling counter; each telegram lasts at least `burstMinMs`; the transmission
 * ends when nothing is held any more.
 *
 * Sets of buttons are bit masks inside (unlock 1, lock 2, boot 4): the bench
 * runs thousands of sessions, and a fob changes state on every switch edge.
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
  /** Buttons on this fob, and the broken ones among them. */
  private hasMask: number;
  private brokenMask: number;
  /** Contacts closed by the board's switch, by the user's hand. */
  private bySwitch = 0;
  private byHand = 0;
  /** Closed, working buttons, and since when each one is closed (index = bit position). */
  private closedMask = 0;
  private closedSince = [0, 0, 0];
  private awakeAt: number | null = null;
  /** The set on the air (-1: not transmitting). */
  private tx = -1;
  private txStart = 0;
  private timer = 0;
  private readonly onTimer = (): void => {
    this.timer = 0;
    this.reevaluate();
  };
  private batteryListeners: ((mv: number) => void)[] = [];

  constructor(clock: VirtualClock, air: Air, options: FobOptions) {
    const id = options.id;
    if (!id) throw new Error("fob: id is required");
    const buttons = option(options, "buttons", 3);
    if (buttons !== 2 && buttons !== 3) throw new Error(`fob ${id}: buttons must be 2 or 3, got ${buttons}`);
    const wakeMs = checkCount(id, "wakeMs", option(options, "wakeMs", FOB_DEFAULTS.wakeMs));
    const minPressMs = checkCount(id, "minPressMs", option(options, "minPressMs", FOB_DEFAULTS.minPressMs));
    const burstMinMs = checkCount(id, "burstMinMs", option(options, "burstMinMs", FOB_DEFAULTS.burstMinMs));
    const counter = checkCount(id, "counter", option(options, "counter", FOB_DEFAULTS.counter));
    this.buttons = ORDER.slice(0, buttons);
    this.hasMask = buttons === 3 ? 7 : 3;
    const broken = options.broken ?? [];
    this.brokenMask = 0;
    for (const b of broken) {
      if (!(this.hasMask & bitOf(b))) throw new Error(`fob ${id}: broken button '${b}' is not on this fob`);
      this.brokenMask |= bitOf(b);
    }
    const mv = option(options, "batteryMv", FOB_DEFAULTS.batteryMv) as number;
    checkMv(id, mv);
    this.id = id;
    this.broken = broken.slice();
    this.wakeMs = wakeMs;
    this.minPressMs = minPressMs;
    this.burstMinMs = burstMinMs;
    this.mv = mv;
    this.count = counter;
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
    return this.tx >= 0;
  }

  /** Buttons whose contact is closed now (by any source), broken ones included. */
  pressedButtons(): FobButton[] {
    return SETS[this.bySwitch | this.byHand].slice();
  }

  /** Close or open one source's contact across a button. */
  setContact(button: FobButton, source: PressSource, closed: boolean): void {
    const bit = bitOf(button);
    if (!(this.hasMask & bit)) throw new Error(`fob ${this.id} has no '${button}' button`);
    const wasClosed = ((this.bySwitch | this.byHand) & bit) !== 0;
    if (source === "hand") this.byHand = closed ? this.byHand | bit : this.byHand & ~bit;
    else this.bySwitch = closed ? this.bySwitch | bit : this.bySwitch & ~bit;
    const isClosed = ((this.bySwitch | this.byHand) & bit) !== 0;
    if (wasClosed === isClosed || this.brokenMask & bit) return;
    const now = this.clock.now();
    if (isClosed) {
      this.closedMask |= bit;
      this.closedSince[bit >> 1] = now;
      if (this.awakeAt === null) this.awakeAt = now + this.wakeMs;
    } else {
      this.closedMask &= ~bit;
    }
    this.reevaluate();
  }

  /** The user's hand presses (`down` true) or lets go of a button. */
  hand(button: FobButton, down: boolean): void {
    this.setContact(button, "hand", down);
  }

  /** Buttons the chip reports now (a mask): held long enough, awake, and enough battery for them. */
  private reported(now: number): number {
    if (this.awakeAt === null || now < this.awakeAt) return 0;
    let mask = 0;
    for (let i = 0, bit = 1; i < 3; i++, bit <<= 1) {
      if (this.closedMask & bit && now >= this.closedSince[i] + this.minPressMs && this.batteryAllows(bit)) mask |= bit;
    }
    return mask;
  }

  private batteryAllows(bit: number): boolean {
    return this.mv >= 2600 || (this.mv >= 2200 && bit === 1);
  }

  /** Bring the air up to date with the contacts, and schedule the next moment something can change. */
  private reevaluate(): void {
    const now = this.clock.now();
    const want = this.reported(now);
    if (this.tx < 0) {
      if (want !== 0) this.send("start", want, now);
    } else if (want !== this.tx && now >= this.txStart + this.burstMinMs) {
      if (want === 0) this.send("end", 0, now);
      else this.send("change", want, now);
    }
    if (this.tx < 0 && this.closedMask === 0) this.awakeAt = null;
    this.scheduleNext(now);
  }

  private send(kind: "start" | "change" | "end", buttons: number, now: number): void {
    if (kind === "end") {
      this.tx = -1;
    } else {
      this.count++;
      this.tx = buttons;
      this.txStart = now;
    }
    this.air.emit({ kind, fob: this.id, counter: this.count, buttons: SETS[buttons].slice(), t: now });
  }

  private scheduleNext(now: number): void {
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = 0;
    let next = Infinity;
    const awake = this.awakeAt ?? 0;
    for (let i = 0, bit = 1; i < 3; i++, bit <<= 1) {
      if (!(this.closedMask & bit)) continue;
      const at = Math.max(this.closedSince[i] + this.minPressMs, awake);
      if (at > now && at < next) next = at;
    }
    if (this.tx >= 0 && this.reported(now) !== this.tx) next = Math.min(next, Math.max(this.txStart + this.burstMinMs, now + 1));
    if (next !== Infinity) this.timer = this.clock.at(next, this.onTimer);
  }
}

/** An option that must be an integer >= 0; returns it. */
function checkCount(id: string, key: string, v: unknown): number {
  if (!(Number.isInteger(v) && (v as number) >= 0)) throw new Error(`fob ${id}: ${key} must be an integer >= 0, got ${v}`);
  return v as number;
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
