import { describe, expect, it } from "vitest";
import { createBench, type BenchOptions } from "../../host/sim/bench";
import type { ZkeCar } from "../../host/sim/car-zke";
import { ignitionCycle, zkeThroughSwitches } from "./helpers";

function zkeBench(extra: Partial<BenchOptions> = {}, params = {}, knownKeys: string[] = []) {
  const b = createBench({ car: { kind: "zke", params, knownKeys }, user: false, backend: null, ...extra });
  return { b, car: b.car as ZkeCar };
}

const lastLog = (car: ZkeCar) => car.log[car.log.length - 1].text;
const feedback = (b: ReturnType<typeof zkeBench>["b"]) => b.pins.timeline.filter((c) => c.pin === 32).map((c) => [c.t, c.high]);

describe("ZKE car: the documented procedure", () => {
  it("learns two keys in one session, in order, cycling the locks for each", () => {
    const { b, car } = zkeBench({}, {}, ["old"]);
    ignitionCycle(b, 1000, 3000);
    const r1 = zkeThroughSwitches(b, 1, 5000);
    zkeThroughSwitches(b, 2, r1 + 3000);
    b.runFor(20000);
    expect(car.sessionState).toBe("learning");
    expect(car.learnedInSession).toEqual(["key1", "key2"]);
    expect(car.locks.cycles).toBe(2);
    b.door.setOpen(true);
    expect(car.knownKeys).toEqual(["key1", "key2"]);
    expect(lastLog(car)).toMatch(/door was opened.*car now knows key1,key2; de-programmed old/);
  });

  it("shows each confirmation on the lock feedback input: locked then unlocked 600 ms later", () => {
    const { b } = zkeBench();
    ignitionCycle(b, 0, 2000);
    const release = zkeThroughSwitches(b, 1, 4000);
    b.runFor(release + 5000);
    // active low: locked = low
    expect(feedback(b)).toEqual([
      [0, true],
      [release, false],
      [release + 600, true],
    ]);
  });

  it("ends the session when the 30 s start window expires, keeping the learned keys", () => {
    const { b, car } = zkeBench();
    ignitionCycle(b, 0, 2000);
    const r = zkeThroughSwitches(b, 1, 4000);
    b.runFor(r + 29999);
    expect(car.sessionState).toBe("learning");
    b.runFor(1);
    expect(car.sessionState).toBe("idle");
    expect(car.knownKeys).toEqual(["key1"]);
    expect(car.sessions[0].reason).toBe("start window expired");
  });

  it("accepts the hold=lock / tap=unlock variant when the car is built that way", () => {
    const { b, car } = zkeBench({}, { holdButton: "lock", tapButton: "unlock" });
    ignitionCycle(b, 0, 2000);
    zkeThroughSwitches(b, 1, 4000, { hold: "lock", tap: "unlock" });
    b.runFor(60000);
    expect(car.knownKeys).toEqual(["key1"]);
  });

  it("works known keys outside a session and ignores unknown ones", () => {
    const { b, car } = zkeBench({}, {}, ["key1"]);
    b.clock.at(0, () => b.fob("key1").hand("lock", true));
    b.clock.at(300, () => b.fob("key1").hand("lock", false));
    b.runFor(1000);
    expect(car.locks.locked).toBe(true);
    b.fob("key2").hand("unlock", true);
    b.runFor(300);
    b.fob("key2").hand("unlock", false);
    b.runFor(1000);
    expect(car.locks.locked).toBe(true);
    expect(car.log.map((l) => l.text)).toContain("key2: unknown key ignored");
  });
});

describe("ZKE car: what makes it refuse", () => {
  it("does not arm when the ignition stays on longer than 5 s", () => {
    const { b, car } = zkeBench();
    ignitionCycle(b, 0, 6200);
    zkeThroughSwitches(b, 1, 7000);
    b.runFor(60000);
    expect(car.log[0].text).toBe("learn mode not armed: ignition on for 6.2 s (max 5.0 s)");
    expect(car.locks.cycles).toBe(0);
  });

  it("does not arm with the car locked or a door open", () => {
    const locked = createBench({ car: { kind: "zke", locked: true }, user: false, backend: null });
    ignitionCycle(locked, 0, 1000);
    locked.runFor(2000);
    expect(lastLog(locked.car as ZkeCar)).toBe("learn mode not armed: car locked");
    const { b, car } = zkeBench({ world: [{ at: 0, do: "door", open: true }] });
    ignitionCycle(b, 10, 1000);
    b.runFor(2000);
    expect(lastLog(car)).toBe("learn mode not armed: a door is open");
  });

  it("rejects taps that end after the tap window, and says so", () => {
    const { b, car } = zkeBench({}, { tapWindowMs: 2000 });
    ignitionCycle(b, 0, 2000);
    zkeThroughSwitches(b, 1, 4000, { holdBeforeMs: 1000, gapMs: 600 });
    b.runFor(10000);
    expect(car.learnedInSession).toEqual([]);
    expect(car.log.map((l) => l.text)).toContain("key1 rejected: taps too late: tap 3 came 2.6 s after the unlock hold began (window 2.0 s)");
    expect(car.locks.cycles).toBe(0);
  });

  it("counts only taps the fob transmitted: taps shorter than the fob's minimum are missed", () => {
    const { b, car } = zkeBench();
    ignitionCycle(b, 0, 2000);
    zkeThroughSwitches(b, 1, 4000, { tapMs: 30 });
    b.runFor(10000);
    expect(car.log.map((l) => l.text)).toContain("key1 rejected: 0 lock taps while unlock held, expected 3");
  });

  it("sees taps separated by too short a gap as fewer taps (each telegram lasts at least 180 ms)", () => {
    const { b, car } = zkeBench();
    ignitionCycle(b, 0, 2000);
    zkeThroughSwitches(b, 1, 4000, { tapMs: 100, gapMs: 50 });
    b.runFor(10000);
    expect(car.learnedInSession).toEqual([]);
    expect(lastLog(car)).toMatch(/key1 rejected: [12] lock taps/);
  });

  it("ends the session when the ignition goes on again, a door opens or a key goes in", () => {
    for (const [end, reason] of [
      [(b: ReturnType<typeof zkeBench>["b"]) => { b.ignition.insertKey(); b.ignition.turnTo(1); }, "key inserted in the ignition"],
      [(b: ReturnType<typeof zkeBench>["b"]) => b.door.setOpen(true), "a door was opened"],
    ] as const) {
      const { b, car } = zkeBench({}, {}, ["key2"]);
      ignitionCycle(b, 0, 2000);
      const r = zkeThroughSwitches(b, 1, 4000);
      b.clock.at(r + 2000, () => end(b));
      zkeThroughSwitches(b, 2, r + 4000);
      b.runFor(60000);
      expect(car.sessions[0].reason).toBe(reason);
      expect(car.knownKeys).toEqual(["key1"]);
    }
  });

  it("ends on KL R alone (key left in the lock at position 0)", () => {
    const { b, car } = zkeBench();
    b.ignition.insertKey();
    b.ignition.turnTo(1);
    b.runFor(1000);
    b.ignition.turnTo(0);
    const r = zkeThroughSwitches(b, 1, 2000);
    b.clock.at(r + 1000, () => b.ignition.turnTo(1));
    b.runFor(r + 2000);
    expect(car.sessions[0].reason).toBe("ignition (KL R) switched on again");
    expect(car.knownKeys).toEqual(["key1"]);
  });

  it("de-programs a key left out of the session", () => {
    const { b, car } = zkeBench({}, {}, ["key1", "key2"]);
    ignitionCycle(b, 0, 2000);
    zkeThroughSwitches(b, 1, 4000);
    b.runFor(60000);
    expect(car.knownKeys).toEqual(["key1"]);
    b.fob("key2").hand("lock", true);
    b.runFor(300);
    b.fob("key2").hand("lock", false);
    b.runFor(1000);
    expect(car.locks.locked).toBe(false);
    expect(lastLog(car)).toBe("key2: unknown key ignored");
  });

  it("refuses a fifth key and the same key twice in a session", () => {
    const fobs = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    const { b, car } = zkeBench({ fobs });
    ignitionCycle(b, 0, 2000);
    let t = 4000;
    for (const id of ["a", "a", "b", "c", "d", "e"]) {
      const f = b.fob(id);
      const t0 = t;
      b.clock.at(t0, () => f.hand("unlock", true));
      for (let i = 0; i < 3; i++) {
        b.clock.at(t0 + 500 + i * 600, () => f.hand("lock", true));
        b.clock.at(t0 + 700 + i * 600, () => f.hand("lock", false));
      }
      b.clock.at(t0 + 2500, () => f.hand("unlock", false));
      t += 4000;
    }
    b.runFor(t + 40000);
    const texts = car.log.map((l) => l.text);
    expect(texts).toContain("a rejected: already initialized in this session");
    expect(texts).toContain("e rejected: 4 keys already initialized");
    expect(car.knownKeys).toEqual(["a", "b", "c", "d"]);
  });

  it("rejects bad parameters", () => {
    expect(() => zkeBench({}, { taps: 0 })).toThrow(/taps must be a positive integer/);
    expect(() => zkeBench({}, { holdButton: "lock" })).toThrow(/must differ/);
  });
});
