import { fobCount, isWired, type BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { validateBoard } from "../../hal/board-validate";
import { VirtualClock } from "../../hal/sim/virtual-clock";
import { VirtualPins } from "../../hal/sim/virtual-pins";
import { parseEventLine, type DeviceEvent } from "../protocol/event-line";
import type { BoardBackend, BoardBackendFactory } from "./backend";
import { attachCar, wireLockFeedback, type SimCar } from "./car";
import { MiniEarlyCar, type CodedKey, type MiniEarlyParams } from "./car-mini-early";
import { ZkeCar, type ZkeParams } from "./car-zke";
import { FordCar, type FordParams } from "./car-ford";
import { GmCar, type GmParams } from "./car-gm";
import { HondaCar, type HondaParams } from "./car-honda";
import { MazdaCar, type MazdaParams } from "./car-mazda";
import { NissanCar, type NissanParams } from "./car-nissan";
import { VwCar, type VwParams } from "./car-vw";
import { wireHazards } from "./lamps";
import { Door, wireDoor } from "./door";
import { SimFob, wireFob, type FobOptions } from "./fob";
import { IgnitionSwitch, wireIgnition } from "./ignition";
import { inProcessBackend } from "./in-process-backend";
import { Air, attachRfReceiver } from "./radio";
import { SimUser, type UserOptions } from "./user";
import { scheduleWorld, type WorldAction } from "./world-actions";
import { recipeFiles } from "../../firmware/recipes/table";

/** A fob on the bench: wired to board slot `slot` (1..N), or a spare the user holds (no slot). */
export interface FobSpec extends FobOptions {
  slot?: number;
}

type LearnCarSpec<K, P> = { kind: K; params?: Partial<P>; knownKeys?: string[]; locked?: boolean };

export type CarSpec =
  | { kind: "zke"; params?: Partial<ZkeParams>; knownKeys?: string[]; locked?: boolean }
  | { kind: "mini-early"; params?: Partial<MiniEarlyParams>; knownKeys?: CodedKey[]; locked?: boolean }
  | LearnCarSpec<"ford", FordParams>
  | LearnCarSpec<"honda", HondaParams>
  | LearnCarSpec<"nissan", NissanParams>
  | LearnCarSpec<"mazda", MazdaParams>
  | LearnCarSpec<"vw", VwParams>
  | LearnCarSpec<"gm", GmParams>;

/** Everything but `backend` is plain data, so scenario tables can hold it. */
export interface BenchOptions {
  /** Default ESP32_RELAY8. */
  board?: BoardDescription;
  /** Default: a ZKE car that knows no key. */
  car?: CarSpec;
  /** Default: key1 on slot 1, key2 on slot 2 (3 buttons, full cells). */
  fobs?: FobSpec[];
  /** The simulated user; false = nobody acts on prompts. */
  user?: Partial<UserOptions> | false;
  /** Timed things happening in the world. */
  world?: WorldAction[];
  /** Files on the board's flash besides the firmware; default every built-in recipe (what `fobsync flash` installs). */
  files?: { [name: string]: string };
  /** What runs the firmware: default the in-process core; null = no firmware (the world alone). */
  backend?: BoardBackendFactory | null;
  /**
   * The host the bench stands in for while a session runs: it sends `hb`
   * every HOST_HEARTBEAT_MS (firmware/host-watch.ts) until `silentFrom`
   * (virtual ms; default never). `false`: a real host drives this bench (a
   * pty board, the CLI's --sim), so the bench sends nothing of its own.
   */
  host?: { silentFrom?: number } | false;
}

/** How often a host says it is there during a session (docs/protocol.md: at least every HOST_SILENCE_MS). */
export const HOST_HEARTBEAT_MS = 1000;

export interface Bench {
  clock: VirtualClock;
  pins: VirtualPins;
  board: BoardDescription;
  air: Air;
  car: SimCar;
  fobs: SimFob[];
  fob(id: string): SimFob;
  ignition: IgnitionSwitch;
  door: Door;
  user: SimUser | null;
  /** null when the bench runs without firmware (world only). */
  backend: BoardBackend | null;
  /** Every line the firmware wrote, in order. */
  lines: string[];
  /** The event lines among them, parsed. */
  events: DeviceEvent[];
  /** Send a command line to the firmware now. */
  send(line: string): void;
  /** Move virtual time forward by `ms`, firing everything due. */
  runFor(ms: number): void;
  /** Fire timers until none is due (throws past `limitMs` of virtual time: a firmware with periodic timers never idles). */
  runUntilIdle(limitMs?: number): void;
  /** Step timer by timer until `pred()` holds; false when `limitMs` of virtual time passed first. */
  runUntil(pred: () => boolean, limitMs: number): boolean;
  /** Run until an event named `name` (and matching `match`, if given) appears after the call; null on timeout. */
  runUntilEvent(name: string, limitMs: number, match?: (ev: DeviceEvent) => boolean): DeviceEvent | null;
  close(): void;
}

export const DEFAULT_FOBS: FobSpec[] = [
  { id: "key1", slot: 1 },
  { id: "key2", slot: 2 },
];

/**
 * Wire the simulated bench: clock, pins, board, air, car, fobs, ignition,
 * door, user, and the firmware through `backend` (any BoardBackendFactory:
 * the in-process core, the built Espruino bundle, the built Lua; null = no
 * firmware). World inputs are driven to their rest levels before the
 * firmware starts. Bad options throw before anything runs.
 */
export function createBench(options: BenchOptions): Bench {
  const backend = options.backend === undefined ? inProcessBackend : options.backend;
  const board = options.board ?? ESP32_RELAY8;
  const problems = validateBoard(board);
  if (problems.length) throw new Error(`bench: invalid board ${board.id}: ${problems.join("; ")}`);
  const specs = options.fobs ?? DEFAULT_FOBS;
  checkFobSpecs(specs, fobCount(board));

  const clock = new VirtualClock();
  const pins = new VirtualPins(clock);
  const air = new Air();
  const ignition = new IgnitionSwitch(clock);
  const door = new Door(clock);
  const car = makeCar(clock, options.car ?? { kind: "zke" });
  const fobs = specs.map((s) => new SimFob(clock, air, s));
  const fob = (id: string): SimFob => {
    const f = fobs.find((x) => x.id === id);
    if (!f) throw new Error(`bench: no fob '${id}'`);
    return f;
  };

  attachCar(car, air, ignition, door);
  attachRfReceiver(air, pins, board);
  wireIgnition(ignition, pins, board);
  wireDoor(door, pins, board);
  wireLockFeedback(car.locks, pins, board);
  if (car.hazards) wireHazards(car.hazards, pins, board);
  specs.forEach((s, i) => {
    if (s.slot !== undefined) wireFob(fobs[i], pins, board, s.slot);
  });

  const lines: string[] = [];
  const events: DeviceEvent[] = [];
  let be: BoardBackend | null = null;
  const send = (line: string) => {
    if (!be) throw new Error("bench: no firmware on this bench");
    be.send(line);
  };
  const spares = fobs.filter((_, i) => specs[i].slot === undefined);
  const wiredCount = specs.filter((s) => s.slot !== undefined).length;
  const user =
    options.user === false
      ? null
      : new SimUser(
          {
            clock,
            ignition,
            door,
            send,
            handFob: (key) => spares[key - 1 - wiredCount],
            fobFor: (key) => (key <= wiredCount ? fobs.find((_, i) => specs[i].slot === key) : spares[key - 1 - wiredCount]),
            personDid: (action, fob) => car.personDid?.(action, fob, clock.now()),
          },
          { ackHandKey: !isWired(board, "lock.feedback"), ...options.user },
        );
  scheduleWorld(options.world ?? [], fobs.map((f) => f.id), { door, ignition, fob, at: (t, fn) => clock.at(t, fn) });

  const heartbeat = options.host === false ? null : hostHeartbeat(clock, send, options.host?.silentFrom ?? Infinity);
  if (backend) {
    be = backend({
      clock,
      pins,
      board,
      files: options.files ?? recipeFiles(),
      onLine: (line) => {
        lines.push(line);
        const ev = parseEventLine(line);
        if (!ev) return;
        events.push(ev);
        heartbeat?.see(ev);
        user?.see(ev);
      },
    });
  }

  const runUntil = (pred: () => boolean, limitMs: number): boolean => {
    const end = clock.now() + limitMs;
    while (!pred()) {
      const next = clock.nextDue();
      if (next === undefined || next > end) {
        clock.runUntil(end);
        return pred();
      }
      clock.runUntil(next);
    }
    return true;
  };

  return {
    clock, pins, board, air, car, fobs, fob, ignition, door, user, backend: be, lines, events, send,
    runFor: (ms) => clock.runFor(ms),
    runUntilIdle: (limitMs) => clock.runUntilIdle(limitMs),
    runUntil,
    runUntilEvent(name, limitMs, match) {
      // Events only ever get appended: look at each new one once.
      let next = events.length;
      let found: DeviceEvent | null = null;
      const seen = (): boolean => {
        while (found === null && next < events.length) {
          const e = events[next++];
          if (e.event === name && (!match || match(e))) found = e;
        }
        return found !== null;
      };
      runUntil(seen, limitMs);
      seen();
      return found;
    },
    close: () => be?.close(),
  };
}

/** The simulated host's heartbeat: `hb` every HOST_HEARTBEAT_MS from a session's start to its end, none from `silentFrom` on. */
function hostHeartbeat(clock: VirtualClock, send: (line: string) => void, silentFrom: number): { see(ev: DeviceEvent): void } {
  /** The session being watched (a count, so a beat scheduled in an earlier session stops). */
  let watching = 0;
  let sessions = 0;
  const beat = (of: number) => {
    if (of !== watching || clock.now() >= silentFrom) return;
    send("hb");
    clock.after(HOST_HEARTBEAT_MS, () => beat(of));
  };
  return {
    see(ev) {
      if (ev.event === "session.start") {
        const of = (watching = ++sessions);
        clock.after(HOST_HEARTBEAT_MS, () => beat(of));
      } else if (ev.event === "session.end") watching = 0;
    },
  };
}

function makeCar(clock: VirtualClock, spec: CarSpec): SimCar {
  switch (spec.kind) {
    case "zke":
      return new ZkeCar(clock, spec);
    case "mini-early":
      return new MiniEarlyCar(clock, spec);
    case "ford":
      return new FordCar(clock, spec);
    case "honda":
      return new HondaCar(clock, spec);
    case "nissan":
      return new NissanCar(clock, spec);
    case "mazda":
      return new MazdaCar(clock, spec);
    case "vw":
      return new VwCar(clock, spec);
    case "gm":
      return new GmCar(clock, spec);
  }
  throw new Error(`bench: unknown car kind '${(spec as { kind: string }).kind}' (${CAR_KINDS.join(" | ")})`);
}

/** Every kind of simulated car. */
export const CAR_KINDS: SimCar["kind"][] = ["zke", "mini-early", "ford", "honda", "nissan", "mazda", "vw", "gm"];

function checkFobSpecs(specs: FobSpec[], slots: number): void {
  const ids: string[] = [];
  const used: number[] = [];
  for (const s of specs) {
    if (ids.includes(s.id)) throw new Error(`bench: fob id '${s.id}' used twice`);
    ids.push(s.id);
    if (s.slot === undefined) continue;
    if (!(Number.isInteger(s.slot) && s.slot >= 1 && s.slot <= slots)) throw new Error(`bench: fob ${s.id}: slot must be 1..${slots} on this board, got ${s.slot}`);
    if (used.includes(s.slot)) throw new Error(`bench: slot ${s.slot} has two fobs`);
    used.push(s.slot);
  }
}
