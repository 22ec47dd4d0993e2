import { describe, expect, it } from "vitest";
import { without } from "./boards";
import { Bench } from "./harness";

/** A fob that transmits `latency` ms after its button is pressed, for `burst` ms. */
function transmitter(b: Bench, role: string, latency: number, burst: number): void {
  b.pins.onOutput(b.pin(role), (high) => {
    if (high) return; // active low: low = pressed
    b.clock.after(latency, () => b.set("rf", true));
    b.clock.after(latency + burst, () => b.set("rf", false));
  });
}

describe("fob-test", () => {
  it("reports PASS/FAIL per button with latency and burst, and the batteries", () => {
    const b = new Bench().start();
    transmitter(b, "fob1.unlock", 40, 180);
    transmitter(b, "fob1.boot", 500, 180); // too slow
    transmitter(b, "fob2.unlock", 20, 150);
    transmitter(b, "fob2.lock", 25, 150);
    transmitter(b, "fob2.boot", 30, 150);
    b.pins.setMillivolts(36, 1500); // x2000/1000 = 3000 mV
    b.pins.setMillivolts(39, 1200); // 2400 mV
    b.send("test-fob");
    b.clock.runUntil(60000);
    expect(b.one("test.start").fields).toEqual({ fobs: 2, press: 400, wait: 300 });
    const buttons = b.find("test.button").map((e) => [e.level, e.fields]);
    expect(buttons).toEqual([
      ["I", { fob: 1, button: "unlock", result: "PASS", rf: 1, latency: 40, burst: 180 }],
      ["E", { fob: 1, button: "lock", result: "FAIL", rf: 0, latency: "-", burst: "-", reason: "no-rf" }],
      ["E", { fob: 1, button: "boot", result: "FAIL", rf: 1, latency: 500, burst: 180, reason: "slow" }],
      ["I", { fob: 2, button: "unlock", result: "PASS", rf: 1, latency: 20, burst: 150 }],
      ["I", { fob: 2, button: "lock", result: "PASS", rf: 1, latency: 25, burst: 150 }],
      ["I", { fob: 2, button: "boot", result: "PASS", rf: 1, latency: 30, burst: 150 }],
    ]);
    expect(b.find("test.battery").map((e) => [e.level, e.fields])).toEqual([
      ["I", { fob: 1, mv: 3000, verdict: "ok" }],
      ["W", { fob: 2, mv: 2400, verdict: "weak" }],
    ]);
    expect(b.one("test.end").fields).toEqual({ pass: 4, fail: 2 });
    // each press 400 ms, next press 700 ms after the previous slot (max(press, wait) + quiet)
    expect(b.presses().map((p) => [p.role, p.at, p.ms])).toEqual([
      ["fob1.unlock", 0, 400],
      ["fob1.lock", 1100, 400],
      ["fob1.boot", 2200, 400],
      ["fob2.unlock", 3300, 400],
      ["fob2.lock", 4400, 400],
      ["fob2.boot", 5500, 400],
    ]);
    expect(b.send("status")[0].fields.state).toBe("idle");
  });

  it("tests one fob with a given press length, skipping unwired buttons; flat cell", () => {
    const b = new Bench(without("fob2.boot")).start();
    b.pins.setMillivolts(39, 1000);
    b.send("test-fob fob=2 press=250");
    b.clock.runUntil(60000);
    expect(b.presses().map((p) => [p.role, p.ms])).toEqual([
      ["fob2.unlock", 250],
      ["fob2.lock", 250],
    ]);
    expect(b.one("test.battery").fields).toEqual({ fob: 2, mv: 2000, verdict: "flat" });
    expect(b.one("test.end").fields).toEqual({ pass: 0, fail: 2 });
  });

  it("abort stops the test and releases the button", () => {
    const b = new Bench().start();
    b.send("test-fob");
    b.clock.runUntil(200);
    b.send("abort");
    b.clock.runUntil(10000);
    expect(b.presses()).toEqual([{ role: "fob1.unlock", at: 0, ms: 200 }]);
    expect(b.one("session.end").fields).toMatchObject({ recipe: "fob-test", ok: 0, reason: "abort" });
  });
});
