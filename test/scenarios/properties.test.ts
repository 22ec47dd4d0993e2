import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { runScenario, switchViolations, type Scenario } from "./scenarios";

/** Random user timings for a 1..3-key ZKE pairing. */
const userTimings = fc.record({
  keys: fc.integer({ min: 1, max: 3 }),
  reactionMs: fc.integer({ min: 100, max: 4000 }),
  ignOffMs: fc.integer({ min: 100, max: 8000 }),
  holdBeforeTapMs: fc.integer({ min: 100, max: 2000 }),
  tapMs: fc.integer({ min: 20, max: 600 }),
  gapMs: fc.integer({ min: 20, max: 3000 }),
});

type UserTimings = typeof userTimings extends fc.Arbitrary<infer T> ? T : never;

/** A ZKE pairing whose user acts with timings `t`. */
function pairing(t: UserTimings): Scenario {
  const ids = ["key1", "key2", "key3"].slice(0, t.keys);
  return {
    name: "random-user",
    about: "random user timings",
    bench: {
      car: { kind: "zke", knownKeys: ["old"] },
      fobs: ids.map((id, i) => (i < 2 ? { id, slot: i + 1 } : { id })),
      user: { reactionMs: t.reactionMs, delays: { "ign-off": t.ignOffMs }, hand: { holdBeforeTapMs: t.holdBeforeTapMs, tapMs: t.tapMs, gapMs: t.gapMs, releaseAfterMs: 300 } },
    },
    commands: [{ at: 100, line: `pair bmw-zke keys=${t.keys} confirm=${t.keys}` }],
    until: "session.end",
    limitMs: 400_000,
    settleMs: 40_000,
    expect: {},
  };
}

/** Command lines a confused host or a noisy serial line might send. */
const garbageLine = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("abort", "ack", "status", "help", "version", "recipes", "test-fob", "test-fob fob=2 press=5000", "pair bmw-zke keys=2 confirm=1", "pair bmw-zke keys=9 confirm=9", "pair nope keys=1 confirm=1", "pair bmw-zke keys=1 confirm=1 tapMs=99999"),
  fc.tuple(fc.integer({ min: -1, max: 5 }), fc.constantFrom("unlock", "lock", "boot", "x"), fc.integer({ min: -5, max: 70000 })).map(([f, b, ms]) => `press ${f} ${b} ${ms}`),
);

describe("whole bench properties (in-process core)", () => {
  it("whatever the user's timing: no stuck switch, no press past the cap, and the firmware never confirms a key the car did not learn", () => {
    fc.assert(
      fc.property(userTimings, (t) => {
        const s = pairing(t);
        const r = runScenario(s, inProcessBackend);
        expect(switchViolations(r)).toEqual([]);
        const confirmed = r.events.filter((e) => e.event === "key.result" && e.fields.result === "confirmed").length;
        expect(r.car.cycles).toBeGreaterThanOrEqual(confirmed);
        const end = r.events.find((e) => e.event === "session.end");
        expect(end).toBeDefined();
        if (end!.fields.ok === 1) expect(r.car.knownKeys).toEqual(["key1", "key2", "key3"].slice(0, t.keys));
        if (t.ignOffMs + 50 > 5000) {
          expect(r.events.some((e) => e.event === "violation" && e.fields.id === "ign-off")).toBe(true);
          expect(r.car.knownKeys).toEqual(["old"]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("random garbage commands at random times, during and outside a session: no stuck switch, no press past the cap, no fault", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), garbageLine), { maxLength: 12 }), (cmds) => {
        const s: Scenario = {
          name: "garbage",
          about: "garbage commands",
          bench: { car: { kind: "zke", knownKeys: ["key1"] } },
          commands: [{ at: 50, line: "pair bmw-zke keys=2 confirm=2" }, ...cmds.map(([at, line]) => ({ at: 100 + at, line }))].sort((a, b) => a.at - b.at),
          until: "no-such-event",
          limitMs: 200_000,
          settleMs: 0,
          expect: {},
        };
        const r = runScenario(s, inProcessBackend);
        expect(switchViolations(r)).toEqual([]);
        expect(r.events.filter((e) => e.event === "fault")).toEqual([]);
        const seqs = r.events.map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }),
      { numRuns: 60 },
    );
  });
});
