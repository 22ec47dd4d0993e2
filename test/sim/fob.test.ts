import { describe, expect, it } from "vitest";
import { createBench } from "../../host/sim/bench";
import { boardSwitch, pressAt } from "./helpers";

function bench(fob: object = {}) {
  return createBench({ fobs: [{ id: "key1", slot: 1, ...fob }], user: false, backend: null });
}

describe("simulated fob", () => {
  it("transmits after the minimum press, for at least the burst, with a rising counter", () => {
    const b = bench({ counter: 10 });
    const unlock = boardSwitch(b, "fob1.unlock");
    pressAt(b, unlock, 100, 60);
    b.clock.runUntilIdle();
    expect(b.air.history.map((e) => [e.kind, e.t, e.counter, e.buttons.join("+")])).toEqual([
      ["start", 140, 11, "unlock"],
      ["end", 320, 11, ""],
    ]);
    expect(b.fob("key1").counter).toBe(11);
  });

  it("keeps transmitting while the button is held", () => {
    const b = bench();
    pressAt(b, boardSwitch(b, "fob1.lock"), 0, 1000);
    b.clock.runUntilIdle();
    expect(b.air.history.map((e) => [e.kind, e.t])).toEqual([["start", 40], ["end", 1000]]);
  });

  it("does not transmit a press shorter than its minimum", () => {
    const b = bench();
    pressAt(b, boardSwitch(b, "fob1.unlock"), 0, 39);
    b.clock.runUntilIdle();
    expect(b.air.history).toEqual([]);
  });

  it("reports the set of held buttons: unlock held, lock tapped", () => {
    const b = bench();
    pressAt(b, boardSwitch(b, "fob1.unlock"), 0, 2000);
    pressAt(b, boardSwitch(b, "fob1.lock"), 500, 200);
    b.clock.runUntilIdle();
    expect(b.air.history.map((e) => [e.kind, e.t, e.buttons.join("+")])).toEqual([
      ["start", 40, "unlock"],
      ["change", 540, "unlock+lock"],
      ["change", 720, "unlock"],
      ["end", 2000, ""],
    ]);
  });

  it("a broken button does nothing while the others work", () => {
    const b = bench({ broken: ["unlock"] });
    pressAt(b, boardSwitch(b, "fob1.unlock"), 0, 300);
    pressAt(b, boardSwitch(b, "fob1.lock"), 1000, 300);
    b.clock.runUntilIdle();
    expect(b.air.history.map((e) => e.buttons.join("+"))).toEqual(["lock", ""]);
  });

  it("follows the battery rules: weak cell unlock only, flat cell nothing", () => {
    const b = bench({ batteryMv: 2400 });
    const unlock = boardSwitch(b, "fob1.unlock");
    const lock = boardSwitch(b, "fob1.lock");
    pressAt(b, unlock, 0, 300);
    pressAt(b, lock, 1000, 300);
    b.clock.runUntilIdle();
    expect(b.air.history.map((e) => e.buttons.join("+"))).toEqual(["unlock", ""]);
    b.fob("key1").setBatteryMv(2100);
    pressAt(b, unlock, 3000, 300);
    b.clock.runUntilIdle();
    expect(b.air.history).toHaveLength(2);
  });

  it("shows its cell on the board's battery pin through the divider", () => {
    const b = bench({ batteryMv: 2900 });
    expect(b.pins.analog(36).readMillivolts()).toBe(1450);
    b.fob("key1").setBatteryMv(2000);
    expect(b.pins.analog(36).readMillivolts()).toBe(1000);
  });

  it("drives the board's rf input while on the air", () => {
    const b = bench();
    pressAt(b, boardSwitch(b, "fob1.unlock"), 0, 100);
    b.clock.runUntilIdle();
    expect(b.pins.timeline.filter((c) => c.pin === 27 && c.dir === "in").map((c) => [c.t, c.high])).toEqual([
      [0, false],
      [40, true],
      [220, false],
    ]);
  });

  it("rejects impossible options", () => {
    expect(() => bench({ buttons: 4 })).toThrow(/buttons must be 2 or 3/);
    expect(() => bench({ buttons: 2, broken: ["boot"] })).toThrow(/not on this fob/);
    expect(() => bench({ batteryMv: -1 })).toThrow(/battery/);
    expect(() => createBench({ fobs: [{ id: "a", slot: 3 }], backend: null })).toThrow(/slot must be 1..2/);
  });
});
