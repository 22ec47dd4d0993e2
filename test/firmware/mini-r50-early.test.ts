import { describe, expect, it } from "vitest";
import { without } from "./boards";
import { confirmOnRelease, ignitionCycle } from "./car";
import { describe as sentence } from "../../host/protocol/texts";
import { Bench } from "./harness";

/** The early MINI confirms a resync when the last button of the sequence is released. */
function confirmOnLastRelease(b: Bench, role: string, count: number): void {
  let n = 0;
  b.pins.onOutput(b.pin(role), (high) => {
    if (high === false) return; // active low: high = released
    if (++n % count !== 0) return;
    b.set("lock.feedback", true);
    b.clock.after(600, () => b.set("lock.feedback", false));
  });
}

describe("mini-r50-early", () => {
  it("always warns first that only known keys resync", () => {
    const b = new Bench().start();
    b.send("pair mini-r50-early keys=1 confirm=1");
    const evs = b.events().map((e) => e.event);
    expect(evs.indexOf("hint")).toBe(evs.indexOf("session.start") + 1);
    expect(sentence(b.one("hint"))).toContain("diagnostic tool");
  });

  it("method A presses the button 4 times (300 ms, 500 ms apart) and waits for the locks", () => {
    const b = new Bench().start();
    confirmOnLastRelease(b, "fob1.unlock", 4);
    confirmOnLastRelease(b, "fob2.unlock", 4);
    b.send("pair mini-r50-early keys=2 confirm=2 method=A");
    b.clock.runUntil(30000);
    const taps = (role: string, t0: number) => [0, 800, 1600, 2400].map((d) => ({ role, at: t0 + d, ms: 300 }));
    // key 2 starts 1 s after key 1's locks began to cycle (at 3700)
    expect(b.presses()).toEqual([...taps("fob1.unlock", 1000), ...taps("fob2.unlock", 4700)]);
    expect(b.one("session.end").fields).toMatchObject({ recipe: "mini-r50-early", ok: 1, confirmed: 2 });
  });

  it("method A with button=lock presses lock", () => {
    const b = new Bench().start();
    b.send("pair mini-r50-early keys=1 confirm=1 method=A button=lock presses=4");
    b.clock.runUntil(4000);
    expect(b.presses().map((p) => p.role)).toEqual(["fob1.lock", "fob1.lock", "fob1.lock", "fob1.lock"]);
  });

  it("method B: KL 15 on and off, then unlock and lock inside the 10 s resync window", () => {
    const b = new Bench().start();
    confirmOnLastRelease(b, "fob1.lock", 1);
    b.send("pair mini-r50-early keys=1 confirm=1 method=B");
    expect(b.one("prompt", { id: "kl15-cycle" }).fields.key).toBe(1);
    ignitionCycle(b, 2000, 1500, "ignition.kl15");
    b.clock.runUntil(10000);
    expect(b.one("window", { id: "resync" }).fields).toMatchObject({ key: 1, from: 3500, to: 13500 });
    expect(b.presses()).toEqual([
      { role: "fob1.unlock", at: 4500, ms: 300 },
      { role: "fob1.lock", at: 5300, ms: 300 },
    ]);
    expect(b.one("key.result").fields.result).toBe("confirmed");
    expect(b.one("session.end").fields).toMatchObject({ ok: 1, confirmed: 1 });
  });

  it("method B falls back to KL R when KL 15 is not wired", () => {
    const b = new Bench(without("ignition.kl15")).start();
    b.send("pair mini-r50-early keys=1 confirm=1 method=B");
    ignitionCycle(b, 2000, 1500, "ignition.klr");
    b.clock.runUntil(10000);
    expect(b.one("window", { id: "resync" }).fields.from).toBe(3500);
  });

  it("method B without any ignition input waits for ack", () => {
    const b = new Bench(without("ignition.kl15", "ignition.klr")).start();
    b.send("pair mini-r50-early keys=1 confirm=1 method=B");
    expect(b.one("degraded").fields).toEqual({ reason: "no-ignition" });
    expect(b.one("prompt", { id: "kl15-cycle" })).toBeTruthy();
    b.clock.runUntil(3000);
    b.send("ack");
    b.clock.runUntil(10000);
    expect(b.presses()[0]).toEqual({ role: "fob1.unlock", at: 4000, ms: 300 });
  });

  it("a door opened mid-run ends the resync and releases the button", () => {
    const b = new Bench().start();
    confirmOnRelease(b);
    b.send("pair mini-r50-early keys=1 confirm=1");
    b.clock.runUntil(1900);
    b.set("door", true);
    b.clock.runUntil(2000);
    expect(b.one("session.end").fields).toMatchObject({ ok: 0, reason: "door" });
    expect(b.presses()).toEqual([
      { role: "fob1.unlock", at: 1000, ms: 300 },
      { role: "fob1.unlock", at: 1800, ms: 150 },
    ]);
  });
});
