import type { PinChange } from "../../hal/sim/virtual-pins";
import type { DeviceEvent } from "../../host/protocol/event-line";
import { parseEventLine } from "../../host/protocol/event-line";
import type { BoardBackendFactory } from "../../host/sim/backend";
import { createBench, type Bench, type BenchOptions } from "../../host/sim/bench";
import { MORE_CAR_SCENARIOS } from "./more-cars";
import { FOUR_FOB_BOARD, NO_FEEDBACK_BOARD, NO_IGNITION_BOARD } from "./boards";

/**
 * The scenario table: whole-bench runs (firmware + simulated car, fobs, user)
 * as plain data, so every backend (core in-process, built Espruino bundle,
 * built Lua) runs the same table and must print the same event lines.
 *
 * Another backend reuses it like this:
 *   for (const s of SCENARIOS) {
 *     const core = runScenario(s, inProcessBackend);
 *     const mine = runScenario(s, myBackendFactory);
 *     expect(mine.eventLines).toEqual(core.eventLines);       // same lines, boot build/target as `*`
 *     expect(unmetExpectations(s, mine)).toEqual([]);         // and what the car/user saw holds
 *     expect(switchViolations(mine)).toEqual([]);
 *   }
 */

/** An event that must appear; `fields` is a subset of its fields. */
export interface ExpectedEvent {
  event: string;
  fields?: Record<string, string | number>;
}

export interface ScenarioExpect {
  /** The car's key list at the end (fob ids, in order). */
  knownKeys?: string[];
  /** How many times the car's locks cycled (initialization/resync confirmations). */
  cycles?: number;
  /** Events that must appear in this order (others may come between). */
  events?: ExpectedEvent[];
  /** Event names that must not appear at all. */
  absent?: string[];
  /** Substrings that must each appear in some line of the car's log. */
  carSaw?: string[];
}

export interface Scenario {
  name: string;
  /** One sentence: what a user would see. */
  about: string;
  bench: Omit<BenchOptions, "backend">;
  /** Command lines sent at virtual times (ms). */
  commands: { at: number; line: string }[];
  /** Run until this event appears after the last command ... */
  until: string;
  /** ... or this much virtual time passed. */
  limitMs: number;
  /** Then run this much longer so the car finishes (start window, lock cycle). */
  settleMs: number;
  expect: ScenarioExpect;
}

export interface ScenarioResult {
  /** Every line the firmware wrote, as written. */
  lines: string[];
  /** The event lines only, with build-specific boot fields replaced by `*`: compare these across backends. */
  eventLines: string[];
  events: DeviceEvent[];
  car: { kind: string; knownKeys: string[]; locked: boolean; cycles: number; log: string[] };
  userActions: string[];
  timeline: PinChange[];
  maxPressMs: number;
  /** Output pins of fob switches with their active level, for stuck-switch / cap checks. */
  switchPins: { role: string; pin: number; activeHigh: boolean }[];
}

const KEYS2 = [{ id: "key1", slot: 1 }, { id: "key2", slot: 2 }];
const PAIR_LIMIT = 300_000;

/** A ZKE pairing scenario with `n` keys on the default board (keys past 2 by hand) or the 4-fob board. */
function pairKeys(n: number, fourFobBoard: boolean): Scenario {
  const ids = ["key1", "key2", "key3", "key4"].slice(0, n);
  const fobs = fourFobBoard ? ids.map((id, i) => ({ id, slot: i + 1, buttons: 2 as const })) : ids.map((id, i) => (i < 2 ? { id, slot: i + 1 } : { id }));
  return {
    name: `zke-pair-${n}${fourFobBoard ? "-wired" : ""}`,
    about: `pairing ${n} key(s) on a ZKE car${fourFobBoard ? " with every fob wired" : n > 2 ? " (keys past 2 by hand)" : ""} succeeds: the car knows them in order`,
    bench: { board: fourFobBoard ? FOUR_FOB_BOARD : undefined, car: { kind: "zke", knownKeys: ["old"] }, fobs },
    commands: [{ at: 100, line: `pair bmw-zke keys=${n} confirm=${n}` }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ids,
      cycles: n,
      events: [
        { event: "session.start", fields: { recipe: "bmw-zke", keys: n } },
        ...ids.map((_, i) => ({ event: "key.result", fields: { key: i + 1, result: "confirmed" } })),
        { event: "session.end", fields: { ok: 1 } },
      ],
      absent: ["violation", "cap", "fault"],
    },
  };
}

/** A ZKE car not as bmw-zke starts (`state`: the car locked, or what the world does at 0): pair is refused with not-ready naming `role`, nothing pressed. */
function notReady(name: string, about: string, state: { locked?: boolean; world?: BenchOptions["world"] }, role: string): Scenario {
  return {
    name,
    about,
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"], locked: state.locked }, fobs: KEYS2, user: false, world: state.world },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "error",
    limitMs: 10_000,
    settleMs: 1_000,
    expect: {
      knownKeys: ["key1", "key2"],
      cycles: 0,
      events: [{ event: "error", fields: { cmd: "pair", code: "not-ready", role, state: 1 } }],
      absent: ["session.start", "switch", "prompt"],
    },
  };
}

export const SCENARIOS: Scenario[] = [
  ...MORE_CAR_SCENARIOS,
  pairKeys(1, false),
  pairKeys(2, false),
  pairKeys(3, false),
  pairKeys(4, false),
  pairKeys(4, true),
  {
    name: "zke-variant-hold-lock",
    about: "a car built for the hold-lock / tap-unlock variant, paired with the recipe's hold=lock tap=unlock: both keys learned",
    bench: { car: { kind: "zke", params: { holdButton: "lock", tapButton: "unlock" } }, fobs: KEYS2 },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2 hold=1 tap=0" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ["key1", "key2"],
      cycles: 2,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "key.result", fields: { key: 2, result: "confirmed" } }, { event: "session.end", fields: { ok: 1 } }],
    },
  },
  {
    name: "zke-no-feedback-hand-key",
    about: "a board without lock feedback: wired keys are unverified (check by eye), the hand-guided third key is acked by the user; the car learns all three",
    bench: { board: NO_FEEDBACK_BOARD, car: { kind: "zke" }, fobs: [...KEYS2, { id: "key3" }] },
    commands: [{ at: 100, line: "pair bmw-zke keys=3 confirm=3" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ["key1", "key2", "key3"],
      cycles: 3,
      events: [
        { event: "key.result", fields: { key: 1, result: "unverified" } },
        { event: "key.result", fields: { key: 2, result: "unverified" } },
        { event: "prompt", fields: { id: "hand-key", key: 3 } },
        { event: "key.result", fields: { key: 3, result: "unverified" } },
        { event: "session.end" },
      ],
      absent: ["violation", "error"],
    },
  },
  {
    name: "zke-tap-window-short",
    about: "a car whose tap window is shorter than the recipe's taps (2 s; the recipe's third tap comes 2.5 s after the hold): the car never confirms and the firmware says the key failed",
    bench: { car: { kind: "zke", params: { tapWindowMs: 2000 }, knownKeys: ["key1"] }, fobs: KEYS2 },
    commands: [{ at: 100, line: "pair bmw-zke keys=1 confirm=1" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 0,
      events: [{ event: "key.result", fields: { key: 1, result: "failed" } }, { event: "session.end", fields: { ok: 0 } }],
      carSaw: ["taps too late"],
    },
  },
  {
    name: "zke-recipe-gaps-past-tap-window",
    about: "recipe overrides that put the third tap past the car's 10 s tap window are refused before anything is pressed",
    bench: { car: { kind: "zke", knownKeys: ["key1"] }, fobs: KEYS2 },
    commands: [{ at: 100, line: "pair bmw-zke keys=1 confirm=1 gapMs=5000" }],
    until: "error",
    limitMs: 10_000,
    settleMs: 1_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 0,
      events: [{ event: "error", fields: { cmd: "pair", code: "recipe-invalid" } }],
      absent: ["switch", "session.start"],
    },
  },
  {
    name: "zke-tap-too-short-for-fob",
    about: "lock taps shorter than the fob's minimum press are never transmitted: the car sees no taps, the key fails",
    bench: { car: { kind: "zke" }, fobs: [{ id: "key1", slot: 1, minPressMs: 80 }, { id: "key2", slot: 2 }] },
    commands: [{ at: 100, line: "pair bmw-zke keys=1 confirm=1 tapMs=60" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: [],
      cycles: 0,
      events: [{ event: "key.result", fields: { key: 1, result: "failed" } }, { event: "session.end", fields: { ok: 0 } }],
      carSaw: ["0 lock taps while unlock held"],
    },
  },
  notReady("zke-ignition-already-on", "the ignition is already on (left on from an earlier session): the board refuses before anything is pressed, naming the ignition, instead of skipping 'insert key 1'", { world: [{ at: 0, do: "ignition", position: 1 }] }, "ignition.klr"),
  notReady("zke-car-locked", "the car shows locked (a ZKE car then does not arm its learn mode): the board refuses before anything is pressed, naming the locks", { locked: true }, "lock.feedback"),
  notReady("zke-door-open", "a door is open (which would end the session at once): the board refuses before anything is pressed, naming the door", { world: [{ at: 0, do: "door", open: true }] }, "door"),
  {
    name: "zke-host-lost-mid-session",
    about: "the host stops talking during key 1 (a killed program, a closed page, a pulled cable): 5 s after its last word the board ends the session by itself in the middle of key 2, every relay released; key 1 is kept, key 2 is lost",
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"] }, fobs: KEYS2, host: { silentFrom: 5_000 } },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [
        { event: "key.result", fields: { key: 1, result: "confirmed" } },
        { event: "session.end", fields: { ok: 0, reason: "host-lost", lost: 2 } },
      ],
      absent: ["fault", "cap"],
    },
  },
  {
    name: "zke-door-opened-mid-session",
    about: "a door opened while key 2 is being initialized ends the session: key 1 is kept, key 2 is lost",
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"] }, fobs: KEYS2, world: [{ at: 11_000, do: "door", open: true }] },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "session.end", fields: { ok: 0, reason: "door" } }],
      carSaw: ["a door was opened", "de-programmed key2"],
    },
  },
  {
    name: "zke-ignition-on-mid-session",
    about: "the ignition switched on again during key 2 ends the session: key 1 is kept, key 2 is lost",
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"] }, fobs: KEYS2, world: [{ at: 11_000, do: "ignition", position: 1 }] },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "session.end", fields: { ok: 0, reason: "ignition" } }],
      carSaw: ["key inserted in the ignition", "de-programmed key2"],
    },
  },
  {
    name: "zke-slow-user-misses-ign-off",
    about: "a user who turns the ignition off after 6 s misses the 5 s window: the firmware reports a violation and presses nothing",
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"] }, fobs: KEYS2, user: { delays: { "ign-off": 6000 } } },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1", "key2"],
      cycles: 0,
      events: [{ event: "violation", fields: { id: "ign-off" } }, { event: "session.end", fields: { ok: 0, reason: "violation" } }],
      absent: ["key.start"],
      carSaw: ["learn mode not armed: ignition on for"],
    },
  },
  {
    name: "seed-dealer-zke-on-early-mini",
    about: "the seed: the dealer's ZKE procedure on a 2004 MINI: no lock cycle, and the firmware hints at mini-r50-early",
    bench: {
      car: { kind: "mini-early", knownKeys: [{ id: "key1", counter: 100 }] },
      fobs: [{ id: "key1", slot: 1, buttons: 2, counter: 9000 }, { id: "key2", slot: 2, buttons: 2 }],
    },
    commands: [{ at: 100, line: "pair bmw-zke keys=1 confirm=1" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 0,
      events: [{ event: "key.result", fields: { key: 1, result: "failed" } }, { event: "hint" }, { event: "session.end", fields: { ok: 0 } }],
      carSaw: ["unlock+lock together is not a command on this car"],
    },
  },
  {
    name: "seed-early-mini-method-a",
    about: "mini-r50-early method A (unlock 4 times) resyncs the out-of-sync known key: the locks cycle",
    bench: {
      car: { kind: "mini-early", knownKeys: [{ id: "key1", counter: 100 }] },
      fobs: [{ id: "key1", slot: 1, buttons: 2, counter: 9000 }, { id: "key2", slot: 2, buttons: 2 }],
    },
    commands: [{ at: 100, line: "pair mini-r50-early keys=1 confirm=1" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "session.end", fields: { ok: 1 } }],
      carSaw: ["re-synchronised by method A"],
    },
  },
  {
    name: "seed-early-mini-method-b",
    about: "mini-r50-early method B (KL 15 on/off, unlock then lock within 10 s) resyncs the known key",
    bench: {
      car: { kind: "mini-early", knownKeys: [{ id: "key1", counter: 100 }] },
      fobs: [{ id: "key1", slot: 1, buttons: 2, counter: 9000 }, { id: "key2", slot: 2, buttons: 2 }],
    },
    commands: [{ at: 100, line: "pair mini-r50-early keys=1 confirm=1 method=1" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 5_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "session.end", fields: { ok: 1 } }],
      carSaw: ["re-synchronised by method B"],
    },
  },
  {
    name: "zke-key-left-out-dies",
    about: "a ZKE car knowing 2 keys, paired with keys=1: key 2 is de-programmed and stops working",
    bench: { car: { kind: "zke", knownKeys: ["key1", "key2"] }, fobs: KEYS2, world: [{ at: 20_000, do: "press", fob: "key2", button: "lock", ms: 400 }] },
    commands: [{ at: 100, line: "pair bmw-zke keys=1 confirm=1" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 20_000,
    expect: {
      knownKeys: ["key1"],
      cycles: 1,
      events: [{ event: "key.result", fields: { key: 1, result: "confirmed" } }, { event: "session.end", fields: { ok: 1 } }],
      carSaw: ["de-programmed key2", "key2: unknown key ignored"],
    },
  },
  {
    name: "bench-press-weak-battery",
    about: "a bench press (the host's fob test): the cell read with the button held (2.4 V), the fob's RF burst reported with device times",
    bench: { car: { kind: "zke" }, fobs: [{ id: "key1", slot: 1, batteryMv: 2400 }, { id: "key2", slot: 2 }], user: false },
    commands: [{ at: 100, line: "press 1 unlock 400" }],
    until: "battery",
    limitMs: 10_000,
    settleMs: 3_000,
    expect: {
      events: [
        { event: "switch", fields: { role: "fob1.unlock", on: 1 } },
        { event: "battery", fields: { fob: 1, mv: 2400 } },
        { event: "input", fields: { role: "rf", on: 1 } },
        { event: "switch", fields: { role: "fob1.unlock", on: 0, held: 400 } },
        { event: "input", fields: { role: "rf", on: 0 } },
      ],
    },
  },
  {
    name: "bench-press-broken-unlock",
    about: "the seed's last post: a press on the broken unlock switch gives no RF edge; lock transmits",
    bench: { car: { kind: "zke" }, fobs: [{ id: "key1", slot: 1, broken: ["unlock"] }, { id: "key2", slot: 2 }], user: false },
    commands: [
      { at: 100, line: "press 1 unlock 400" },
      { at: 2_000, line: "press 1 lock 400" },
    ],
    until: "battery",
    limitMs: 10_000,
    settleMs: 4_000,
    expect: {
      events: [
        { event: "switch", fields: { role: "fob1.unlock", on: 1 } },
        { event: "switch", fields: { role: "fob1.unlock", on: 0 } },
        { event: "switch", fields: { role: "fob1.lock", on: 1 } },
        { event: "input", fields: { role: "rf", on: 1 } },
      ],
    },
  },
  {
    name: "zke-degraded-no-ignition-input",
    about: "a board without an ignition input: the firmware runs degraded, the user does the ignition cycle and acks, both keys are learned",
    bench: { board: NO_IGNITION_BOARD, car: { kind: "zke" }, fobs: KEYS2 },
    commands: [{ at: 100, line: "pair bmw-zke keys=2 confirm=2" }],
    until: "session.end",
    limitMs: PAIR_LIMIT,
    settleMs: 40_000,
    expect: {
      knownKeys: ["key1", "key2"],
      cycles: 2,
      events: [{ event: "degraded" }, { event: "prompt", fields: { id: "ign-cycle" } }, { event: "session.end", fields: { ok: 1 } }],
    },
  },
];

/** The scenario named `name`; throws when there is none. */
export function scenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario '${name}'`);
  return s;
}

/** An event line with the build-specific `boot` fields (build, target) replaced by `*`. */
export function normaliseEventLine(line: string): string {
  const text = line.endsWith("\r") ? line.slice(0, -1) : line;
  const ev = parseEventLine(text);
  if (!ev || ev.event !== "boot") return text;
  return text.replace(/ build=\S+/, " build=*").replace(/ target=\S+/, " target=*");
}

/** Run one scenario on a backend; the bench is closed afterwards. */
export function runScenario(s: Scenario, backend: BoardBackendFactory): ScenarioResult {
  const bench = createBench({ ...s.bench, backend });
  try {
    let sent = 0;
    let mark = -1;
    for (const c of s.commands) {
      bench.clock.at(c.at, () => {
        bench.send(c.line);
        if (++sent === s.commands.length) mark = bench.events.length;
      });
    }
    bench.runUntil(() => mark >= 0 && bench.events.slice(mark).some((e) => e.event === s.until), s.limitMs);
    bench.runFor(s.settleMs);
    return scenarioResult(bench);
  } finally {
    bench.close();
  }
}

/** What a bench recorded, as a scenario's result (any backend, virtual or real time). */
export function scenarioResult(bench: Bench): ScenarioResult {
  const car = bench.car;
  const switchPins = bench.board.pins
    .filter((p) => /^fob\d\.(unlock|lock|boot)$/.test(p.role))
    .map((p) => ({ role: p.role, pin: p.pin, activeHigh: p.active === "high" }));
  return {
    lines: [...bench.lines],
    eventLines: bench.lines.filter((l) => parseEventLine(l) !== null).map(normaliseEventLine),
    events: [...bench.events],
    car: { kind: car.kind, knownKeys: car.knownKeys, locked: car.locks.locked, cycles: car.locks.cycles, log: car.log.map((l) => `${l.t} ${l.text}`) },
    userActions: (bench.user?.actions ?? []).map((a) => `${a.t} ${a.text}`),
    timeline: [...bench.pins.timeline],
    maxPressMs: bench.board.maxPressMs,
    switchPins,
  };
}

/** Event fields that are durations or times in ms: on the real interpreter they carry its timer jitter. */
const TIME_FIELDS = ["held", "at", "ms", "from", "to"];

/**
 * Every expectation of `s` that `r` does not meet, as sentences (empty = the
 * scenario holds). `jitterMs`: how far a time field may be from the expected
 * value (0 in virtual time; a few ms where time is real).
 */
export function unmetExpectations(s: Scenario, r: ScenarioResult, jitterMs = 0): string[] {
  const out: string[] = [];
  const e = s.expect;
  if (e.knownKeys && JSON.stringify(r.car.knownKeys) !== JSON.stringify(e.knownKeys)) out.push(`car knows [${r.car.knownKeys}], expected [${e.knownKeys}]`);
  if (e.cycles !== undefined && r.car.cycles !== e.cycles) out.push(`locks cycled ${r.car.cycles} times, expected ${e.cycles}`);
  const matches = (k: string, got: string | number | undefined, want: string | number) =>
    got === want || (TIME_FIELDS.includes(k) && typeof got === "number" && typeof want === "number" && Math.abs(got - want) <= jitterMs);
  let from = 0;
  for (const want of e.events ?? []) {
    const i = r.events.findIndex((ev, j) => j >= from && ev.event === want.event && Object.entries(want.fields ?? {}).every(([k, v]) => matches(k, ev.fields[k], v)));
    if (i < 0) {
      out.push(`no ${want.event} ${JSON.stringify(want.fields ?? {})} after event #${from}`);
      continue;
    }
    from = i + 1;
  }
  for (const name of e.absent ?? []) if (r.events.some((ev) => ev.event === name)) out.push(`unexpected ${name} event`);
  for (const text of e.carSaw ?? []) if (!r.car.log.some((l) => l.includes(text))) out.push(`the car never logged '${text}'`);
  return out;
}

/**
 * Switch misuse in a pin timeline: a fob switch still pressed at the end, or
 * held longer than the board's cap. Empty when the firmware behaved.
 */
export function switchViolations(r: ScenarioResult): string[] {
  const out: string[] = [];
  for (const sp of r.switchPins) {
    let since: number | null = null;
    for (const c of r.timeline) {
      if (c.pin !== sp.pin || c.dir !== "out") continue;
      const active = c.high === sp.activeHigh;
      if (active && since === null) since = c.t;
      if (!active && since !== null) {
        if (c.t - since > r.maxPressMs) out.push(`${sp.role} held ${c.t - since} ms at ${since} (cap ${r.maxPressMs})`);
        since = null;
      }
    }
    if (since !== null) out.push(`${sp.role} still pressed at the end (since ${since})`);
  }
  return out;
}
