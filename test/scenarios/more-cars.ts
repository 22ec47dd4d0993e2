import type { ExpectedEvent, Scenario } from "./scenarios";

/**
 * Scenarios of the makes beyond BMW and MINI (shared/domain-more-cars.md):
 * each recipe's success on its simulated car, and each documented failure
 * (too slow, too fast, a 4th key cycle, an ack after the car's window, a
 * hold too short, remotes left out erased). Part of the shared table, so
 * every backend runs them, the real Espruino interpreter included.
 */

const KEYS2 = [{ id: "key1", slot: 1 }, { id: "key2", slot: 2 }];
const LIMIT = 300_000;
const END = "session.end";
const BOTH_CONFIRMED: ExpectedEvent[] = [
  { event: "key.result", fields: { key: 1, result: "confirmed" } },
  { event: "key.result", fields: { key: 2, result: "confirmed" } },
  { event: END, fields: { ok: 1 } },
];

/** A session of `recipe` with 2 keys on a car of `kind` that knew `old` before (forum recipes accepted). */
function pair2(name: string, about: string, kind: Scenario["bench"]["car"] extends infer C ? C : never, recipe: string, expect: Scenario["expect"], user = {}): Scenario {
  return {
    name,
    about,
    bench: { car: kind, fobs: KEYS2, user },
    commands: [{ at: 100, line: `pair ${recipe} keys=2 confirm=2 forum=1` }],
    until: END,
    limitMs: LIMIT,
    settleMs: 8_000,
    expect,
  };
}

export const MORE_CAR_SCENARIOS: Scenario[] = [
  pair2("ford-pair-2", "Ford: 8 turns to RUN in 7 s enter programming; both remotes learned, the one left out (old3) is erased", { kind: "ford", knownKeys: ["key1", "old3"] }, "ford-8x", {
    knownKeys: ["key1", "key2"],
    events: [{ event: "count", fields: { n: 8, of: 8 } }, ...BOTH_CONFIRMED],
    carSaw: ["learn mode entered (8 turns to RUN", "erased old3"],
  }),
  pair2("ford-too-slow", "Ford: a user who takes 1.5 s per cycle misses the 10 s window: the board says too slow, the car never entered programming", { kind: "ford", knownKeys: ["key1", "key2"] }, "ford-8x", {
    knownKeys: ["key1", "key2"],
    cycles: 0,
    events: [{ event: "violation", fields: { id: "cycles", reason: "too-slow" } }, { event: END, fields: { ok: 0, reason: "violation" } }],
    absent: ["key.start"],
  }, { paceMs: 1500 }),
  pair2("honda-pair-2", "Honda: every step 1 to 4 s apart (the board presses 2 s after each ON); entering erased every remote, both learned", { kind: "honda", knownKeys: ["old1"] }, "honda-4s", {
    knownKeys: ["key1", "key2"],
    events: BOTH_CONFIRMED,
    carSaw: ["every remote erased"],
  }),
  pair2("honda-too-fast", "Honda: a key turned to ON 0.3 s after LOCK is too fast: the board ends the session, the car's sequence broke", { kind: "honda", knownKeys: ["key1"] }, "honda-4s", {
    knownKeys: ["key1"],
    events: [{ event: "violation", fields: { id: "step", reason: "too-fast" } }, { event: END, fields: { ok: 0, reason: "violation" } }],
    absent: ["key.start"],
    carSaw: ["too fast"],
  }, { delays: { "kl15-on": 300 } }),
  pair2("honda-too-slow", "Honda: back to LOCK 4.5 s after the press is too slow: the board ends the session, the car's sequence broke", { kind: "honda", knownKeys: ["key1"] }, "honda-4s", {
    knownKeys: ["key1"],
    events: [{ event: "violation", fields: { id: "step", reason: "too-slow" } }, { event: END, fields: { ok: 0, reason: "violation" } }],
    absent: ["key.start"],
  }, { delays: { "ign-lock": 4500 } }),
  pair2("nissan-pair-2", "Nissan: key in and out 6 times paced by the board, ACC, a button within 5 s; the hazards flash twice for each remote", { kind: "nissan", knownKeys: ["old1"] }, "nissan-6x", {
    knownKeys: ["key1", "key2"],
    events: [{ event: "prompt", fields: { id: "key-in-out", n: 6 } }, ...BOTH_CONFIRMED],
    carSaw: ["every remote erased", "driver's door opened"],
  }),
  pair2("nissan-too-fast", "Nissan: the key in and out every 0.3 s is too fast: no learn mode, the hazards never flash, key 1 fails", { kind: "nissan", knownKeys: ["key1"] }, "nissan-6x", {
    knownKeys: ["key1"],
    events: [{ event: "key.result", fields: { key: 1, result: "failed", reason: "no-hazard" } }, { event: "hint", fields: { id: "nissan-no-flash" } }, { event: END, fields: { ok: 0, reason: "failed" } }],
    carSaw: ["too fast", "no learn mode"],
  }, { paceMs: 300 }),
  pair2("mazda-pair-2", "Mazda: 3 key cycles, the door 3 times, any button twice per remote; removing the key ends it", { kind: "mazda", knownKeys: ["old1"] }, "mazda-3x", {
    knownKeys: ["key1", "key2"],
    events: [{ event: "count", fields: { id: "cycles", n: 3, of: 3 } }, { event: "count", fields: { id: "door-cycles", n: 3, of: 3 } }, ...BOTH_CONFIRMED],
    carSaw: ["every remote erased", "key removed"],
  }),
  pair2("mazda-fourth-cycle", "Mazda: a 4th key cycle starts the diagnostic mode: the board ends the session at once, no remote is touched", { kind: "mazda", knownKeys: ["key1"] }, "mazda-3x", {
    knownKeys: ["key1"],
    cycles: 0,
    events: [{ event: END, fields: { ok: 0, reason: "ignition" } }],
    absent: ["key.start"],
    carSaw: ["diagnostic mode"],
  }, { extraCycles: 1 }),
  pair2("vw-pair-2", "VW/Audi: key 1 into slot 1, key 2 into slot 2 (the board presses unlock N times); slot 3's remote is kept", { kind: "vw", knownKeys: ["old1", "old2", "old3"] }, "vw-audi-90s", {
    knownKeys: ["key1", "key2", "old3"],
    events: BOTH_CONFIRMED,
    carSaw: ["key1 coded into slot 1", "key2 coded into slot 2 (overwrote old2)"],
  }),
  pair2("vw-late-ack", "VW/Audi: a user who acks 6 s after locking the door misses the car's 5 s: the remote is not coded, the hazards stay dark", { kind: "vw", knownKeys: ["old1"] }, "vw-audi-90s", {
    knownKeys: ["old1"],
    events: [{ event: "key.result", fields: { key: 1, result: "failed", reason: "no-hazard" } }, { event: "hint", fields: { id: "vw-lock-then-ack" } }, { event: END, fields: { ok: 0, reason: "failed" } }],
    carSaw: ["not coded"],
  }, { ackDelays: { "door-lock-key": 6000 } }),
  pair2("gm-pair-2", "GM truck (forum only): lock+unlock held 16 s per remote; ignition ON ends it and the remote left out is erased", { kind: "gm", knownKeys: ["old1"] }, "gm-truck", {
    knownKeys: ["key1", "key2"],
    events: BOTH_CONFIRMED,
    carSaw: ["erased old1"],
  }),
  pair2("gm-needs-30s", "GM truck that wants 30 s: a 16 s hold is not enough, key 1 fails with the hint to hold longer", { kind: "gm", params: { holdMs: 30000 }, knownKeys: ["key1"] }, "gm-truck", {
    events: [{ event: "key.result", fields: { key: 1, result: "failed", reason: "no-lock-cycle" } }, { event: "hint", fields: { id: "gm-hold-longer" } }, { event: END, fields: { ok: 0 } }],
    carSaw: ["not learned"],
  }),
];
