import { describe, expect, it } from "vitest";
import { fourFobs, without } from "./boards";
import { confirmOnRelease, cycleLocks, ignitionCycle, zkeKeyPresses } from "./car";
import { describe as sentence } from "../../host/protocol/texts";
import { Bench } from "./harness";

describe("bmw-zke session", () => {
  it("initializes 2 keys with the exact press timeline and windows", () => {
    const b = new Bench().start();
    b.clock.runUntil(1000);
    b.send("pair bmw-zke keys=2 confirm=2");
    expect(b.one("session.start").fields).toEqual({ recipe: "bmw-zke", keys: 2, fobs: 2 });
    expect(b.one("prompt", { id: "ign-on" }).fields).toMatchObject({ key: 1, ms: 120000 });
    ignitionCycle(b, 3000, 2000);
    b.clock.runUntil(5100);
    expect(b.one("window", { id: "ign-off" }).fields).toMatchObject({ key: 1, from: 3000, to: 8000 });
    expect(b.one("prompt", { id: "ign-off" }).fields.ms).toBe(4950);
    expect(b.one("window", { id: "start", key: 1 }).fields).toMatchObject({ from: 5000, to: 35000 });
    b.clock.runUntil(6000);
    expect(b.one("key.start", { key: 1 })).toMatchObject({ ms: 6000, fields: { key: 1, fob: 1 } });
    expect(b.one("window", { id: "taps", key: 1 }).fields).toMatchObject({ from: 6000, to: 16000 });
    cycleLocks(b, 9400);
    b.clock.runUntil(10100);
    expect(b.one("key.result", { key: 1 }).fields.result).toBe("confirmed");
    expect(b.one("window", { id: "start", key: 2 }).fields).toMatchObject({ from: 9400, to: 39400 });
    cycleLocks(b, 13800);
    b.clock.runUntil(20000);
    expect(b.presses()).toEqual([...zkeKeyPresses(1, 6000), ...zkeKeyPresses(2, 10400)]);
    expect(b.one("prompt", { id: "end" }).fields).toMatchObject({ ms: 0 });
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, reason: "done", keys: 2, confirmed: 2 });
    expect(b.find("cap")).toEqual([]);
    expect(b.find("switch", { on: 1 }).map((e) => e.fields.max)).toEqual([3650, 650, 650, 650, 3650, 650, 650, 650]);
  });

  it.each([1, 2, 3, 4])("a %i-key session on a 4-fob board presses each key 1 s after the previous confirmation", (n) => {
    const b = new Bench(fourFobs()).start();
    confirmOnRelease(b);
    b.send(`pair bmw-zke keys=${n} confirm=${n}`);
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(60000);
    // key 1 starts 1 s after KL R off; each next key 1 s after the locks began to cycle (at the previous release)
    const expected = [];
    let t0 = 3000;
    for (let k = 1; k <= n; k++) {
      expected.push(...zkeKeyPresses(k, t0));
      t0 += 3400 + 1000;
    }
    expect(b.presses()).toEqual(expected.sort((x, y) => x.at - y.at || x.role.localeCompare(y.role)));
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, reason: "done", keys: n, confirmed: n });
    expect(b.find("key.result", { result: "confirmed" })).toHaveLength(n);
  });

  it("keys past the wired fobs are guided by hand within the start window", () => {
    const b = new Bench().start();
    confirmOnRelease(b);
    b.send("pair bmw-zke keys=3 confirm=3");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(12000);
    const hand = b.one("prompt", { id: "hand-key" });
    expect(hand.fields).toMatchObject({ key: 3 });
    expect(hand.fields).toMatchObject({ hold: "unlock", tap: "lock", n: 3 });
    expect(sentence(hand)).toBe("Key 3 now: hold unlock, tap lock 3x, release");
    const win = b.one("window", { id: "start", key: 3 });
    expect(hand.fields.ms).toBe(Number(win.fields.to) - hand.ms);
    expect(b.one("key.start", { key: 3 }).fields.fob).toBe(0);
    cycleLocks(b, 20000); // the user did it by hand
    b.clock.runUntil(30000);
    expect(b.one("key.result", { key: 3 }).fields.result).toBe("confirmed");
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, confirmed: 3 });
  });

  it("KL R on longer than 5 s is a violation and nothing is pressed", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1");
    b.clock.runUntil(1000);
    b.set("ignition.klr", true);
    b.clock.runUntil(7000);
    const v = b.one("violation");
    expect(v.level).toBe("E");
    expect(v.fields).toMatchObject({ id: "ign-off", key: 1 });
    expect(b.one("session.end").fields).toMatchObject({ ok: 0, reason: "violation" });
    b.set("ignition.klr", false);
    b.clock.runUntil(60000);
    expect(b.presses()).toEqual([]);
  });

  it("KL R off 1 ms after the window is a violation, at the window's edge it is not", () => {
    for (const [onFor, ok] of [[5000, true], [5001, false]] as const) {
      const b = new Bench().start();
      b.send("pair bmw-zke keys=1 confirm=1");
      ignitionCycle(b, 1000, onFor);
      b.clock.runUntil(20000);
      expect(b.find("violation").length).toBe(ok ? 0 : 1);
      expect(b.presses().length > 0).toBe(ok);
    }
  });

  it("ignition on mid-session ends it and releases the held button at once", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=2 confirm=2");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(3700); // key 1 held since 3000, first tap on at 3500
    b.set("ignition.klr", true);
    b.clock.runUntil(3750);
    const end = b.one("session.end");
    expect(end.fields).toMatchObject({ ok: 0, reason: "ignition", confirmed: 0 });
    expect(end.fields.lost).toBe(1);
    expect(sentence(end)).toContain("Keys 1-2 not initialized");
    expect(b.presses()).toEqual([
      { role: "fob1.unlock", at: 3000, ms: 750 },
      { role: "fob1.lock", at: 3500, ms: 250 },
    ]);
  });

  it("a door opened mid-session ends it, naming the keys that will stop working", () => {
    const b = new Bench().start();
    confirmOnRelease(b);
    b.send("pair bmw-zke keys=2 confirm=2");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(7000); // key 1 confirmed at 6400
    b.set("door", true);
    b.clock.runUntil(7100);
    const end = b.one("session.end");
    expect(end.fields).toMatchObject({ ok: 0, reason: "door", confirmed: 1 });
    expect(end.fields.lost).toBe(2);
    expect(sentence(end)).toContain("Key 2 not initialized: it will stop working");
    b.clock.runUntil(60000);
    expect(b.presses().every((p) => p.role.startsWith("fob1."))).toBe(true);
  });

  it("no lock cycle: one retry inside the start window, then failed with a hint", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=2 confirm=2");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(60000);
    // first try hold 3000..6400, confirm deadline 9400, retry hold at 10400
    expect(b.presses()).toEqual([...zkeKeyPresses(1, 3000), ...zkeKeyPresses(1, 10400)]);
    expect(b.one("key.start", { try: 2 }).ms).toBe(10400);
    const r = b.one("key.result");
    expect(r.level).toBe("E");
    expect(r.fields).toMatchObject({ key: 1, result: "failed", reason: "no-lock-cycle" });
    expect(b.one("hint").fields).toEqual({ id: "pre2004" });
    expect(sentence(b.one("hint"))).toContain("fobsync which");
    expect(b.one("session.end").fields).toMatchObject({ ok: 0, reason: "failed", confirmed: 0 });
  });

  it("no retry when the start window would not allow it", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1 startMs=8000");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(60000);
    expect(b.presses()).toEqual(zkeKeyPresses(1, 3000));
    expect(b.one("session.end").fields.reason).toBe("failed");
  });

  it("without lock feedback wired each key is unverified and the session goes on", () => {
    const b = new Bench(without("lock.feedback")).start();
    b.send("pair bmw-zke keys=2 confirm=2");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(60000);
    expect(b.find("key.result", { result: "unverified", reason: "no-feedback" })).toHaveLength(2);
    // key 2 starts delayMs after key 1's confirm deadline (6400 + 3000)
    expect(b.presses()).toEqual([...zkeKeyPresses(1, 3000), ...zkeKeyPresses(2, 10400)]);
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, reason: "done", confirmed: 0 });
  });

  it("degraded mode without KL R: the ack is the anchor", () => {
    const b = new Bench(without("ignition.klr")).start();
    confirmOnRelease(b);
    b.send("pair bmw-zke keys=1 confirm=1");
    expect(b.one("degraded").level).toBe("W");
    expect(b.one("prompt", { id: "ign-cycle" }).fields.key).toBe(1);
    b.clock.runUntil(4000);
    expect(b.presses()).toEqual([]);
    expect(b.send("ack")[0].fields).toEqual({ cmd: "ack" });
    expect(b.one("window", { id: "start" }).fields).toMatchObject({ from: 4000, to: 34000 });
    b.clock.runUntil(20000);
    expect(b.presses()).toEqual(zkeKeyPresses(1, 5000));
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, confirmed: 1 });
  });

  it("the variant hold=lock tap=unlock swaps the buttons", () => {
    const b = new Bench().start();
    b.send("pair bmw-zke keys=1 confirm=1 hold=lock tap=unlock taps=3");
    ignitionCycle(b, 1000, 1000);
    b.clock.runUntil(7000);
    expect(b.presses().map((p) => p.role)).toEqual(["fob1.lock", "fob1.unlock", "fob1.unlock", "fob1.unlock"]);
  });
});
