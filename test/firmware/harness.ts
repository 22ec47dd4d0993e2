import { findPin, type BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import type { Platform } from "../../hal/contracts";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import type { Firmware } from "../../firmware/firmware";
import { freshFirmware } from "../../host/sim/firmware-instance";
import { recipeFiles } from "../../firmware/recipes/table";
import { memoryFiles } from "../../host/sim/memory-files";
import { parseEventLine, type DeviceEvent } from "../../host/protocol/event-line";
import { HEARTBEAT_MS } from "../../host/session/board-session";

/** A press seen on an output pin: role, start, length (ms). */
export interface Press {
  role: string;
  at: number;
  ms: number;
}

/**
 * The firmware core on a virtual clock and virtual pins, with the test playing
 * the car: `set(role, active)` drives an input respecting its polarity.
 */
export class Bench {
  readonly clock = new VirtualClock();
  readonly pins = new VirtualPins(this.clock);
  readonly lines: string[] = [];
  readonly board: BoardDescription;
  fw!: Firmware;
  private handler: (line: string) => void = () => {};
  /** The session the test's host is sending heartbeats for (0: none; it stops with `hostSilent`). */
  private beating = 0;
  private sessions = 0;
  private silent = false;

  constructor(
    board: BoardDescription = ESP32_RELAY8,
    inputs: { [role: string]: boolean } = {},
    /** The board's files: the built-in recipes unless given. */
    readonly files: { [name: string]: string } = recipeFiles(),
    /** The radios the platform reports on (Platform.radios). */
    readonly radios = "off",
  ) {
    this.board = board;
    // The car at rest: ignition off, door closed, locks unlocked, no RF.
    for (const p of board.pins) if (p.debounceMs !== undefined) this.set(p.role, inputs[p.role] ?? false);
  }

  start(): this {
    const platform: Platform = {
      clock: this.clock,
      link: { write: (l) => this.written(l), onLine: (fn) => (this.handler = fn) },
      output: (pin, drive, high) => this.pins.output(pin, drive, high),
      input: (pin, pull, db) => this.pins.input(pin, pull, db),
      analog: (pin) => this.pins.analog(pin),
      files: memoryFiles(this.files),
      radios: this.radios,
    };
    this.fw = freshFirmware().startFirmware(platform, () => this.board, { version: "0.1.0", build: "test1234", target: "core" });
    return this;
  }

  /** The host stops sending anything from now on (a killed program, a pulled cable). */
  hostSilent(): void {
    this.silent = true;
  }

  /**
   * A firmware line. While a session runs, the test stands in for the host and
   * sends `hb` every second, as fobsync's run loop does (firmware/host-watch.ts).
   */
  private written(line: string): void {
    this.lines.push(line);
    const ev = parseEventLine(line);
    if (ev?.event === "session.start") {
      const of = (this.beating = ++this.sessions);
      const beat = () => {
        if (this.beating !== of || this.silent) return;
        this.handler("hb");
        this.clock.after(HEARTBEAT_MS, beat);
      };
      this.clock.after(HEARTBEAT_MS, beat);
    } else if (ev?.event === "session.end") this.beating = 0;
  }

  /** Send a line the way the host does (through the link). */
  send(line: string): DeviceEvent[] {
    const n = this.lines.length;
    this.handler(line);
    return this.lines.slice(n).map(parse);
  }

  /** Drive an input role to active/inactive (electrical level from the board's polarity). */
  set(role: string, active: boolean): void {
    const p = findPin(this.board, role);
    if (!p) throw new Error("no pin for " + role);
    this.pins.drive(p.pin, p.active === "high" ? active : !active);
  }

  pin(role: string): number {
    const p = findPin(this.board, role);
    if (!p) throw new Error("no pin for " + role);
    return p.pin;
  }

  /** Is the switch for `role` pressed now (from the pin level)? */
  isPressed(role: string): boolean {
    const p = findPin(this.board, role)!;
    return this.pins.outputLevel(p.pin) === (p.active === "high");
  }

  events(): DeviceEvent[] {
    return this.lines.map(parse);
  }

  find(event: string, fields: Record<string, string | number> = {}): DeviceEvent[] {
    return this.events().filter((e) => e.event === event && Object.keys(fields).every((k) => e.fields[k] === fields[k]));
  }

  one(event: string, fields: Record<string, string | number> = {}): DeviceEvent {
    const f = this.find(event, fields);
    if (f.length !== 1) throw new Error(`expected one ${event} ${JSON.stringify(fields)}, got ${f.length}:\n${this.lines.join("\n")}`);
    return f[0];
  }

  /** Every completed or open press from the recorded pin timeline (open ones end at now). */
  presses(): Press[] {
    const out: Press[] = [];
    for (const p of this.board.pins) {
      if (p.drive === undefined) continue;
      const on = p.active === "high";
      let since = -1;
      for (const c of this.pins.timeline) {
        if (c.dir !== "out" || c.pin !== p.pin) continue;
        if (c.high === on && since < 0) since = c.t;
        else if (c.high !== on && since >= 0) {
          out.push({ role: p.role, at: since, ms: c.t - since });
          since = -1;
        }
      }
      if (since >= 0) out.push({ role: p.role, at: since, ms: this.clock.now() - since });
    }
    return out.sort((a, b) => a.at - b.at || a.role.localeCompare(b.role));
  }
}

function parse(line: string): DeviceEvent {
  const e = parseEventLine(line);
  if (!e) throw new Error("not an event line: " + line);
  return e;
}
