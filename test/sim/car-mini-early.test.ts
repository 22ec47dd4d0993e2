import { describe, expect, it } from "vitest";
import { createBench } from "../../host/sim/bench";
import type { MiniEarlyCar } from "../../host/sim/car-mini-early";
import { boardSwitch, ignitionCycle, pressAt, zkeThroughSwitches } from "./helpers";

/** An early MINI that knows key1 (coded) and a 2-button key1 whose counter jumped `jump` ahead. */
function miniBench(jump: number) {
  const b = createBench({
    car: { kind: "mini-early", knownKeys: [{ id: "key1", counter: 500 }] },
    fobs: [{ id: "key1", slot: 1, buttons: 2, counter: 500 + jump }, { id: "stranger", slot: 2, buttons: 2 }],
    user: false,
    backend: null,
  });
  return { b, car: b.car as MiniEarlyCar };
}

const texts = (car: MiniEarlyCar) => car.log.map((l) => l.text);

describe("early MINI car (before 07/2004)", () => {
  it("works a key whose counter is within 1000 ahead", () => {
    const { b, car } = miniBench(1000 - 1);
    pressAt(b, boardSwitch(b, "fob1.lock"), 0, 300);
    b.runFor(1000);
    expect(car.locks.locked).toBe(true);
    expect(car.storedCounter("key1")).toBe(1500);
  });

  it("ignores a key out of sync (counter jumped past the window)", () => {
    const { b, car } = miniBench(5000);
    pressAt(b, boardSwitch(b, "fob1.lock"), 0, 300);
    b.runFor(1000);
    expect(car.locks.locked).toBe(false);
    expect(texts(car)).toEqual(["key1: lock ignored, out of sync (counter 5501, car expects 501..1500)"]);
  });

  it("method A: the same button 4 times in succession resyncs, the locks cycle, then the key works", () => {
    const { b, car } = miniBench(5000);
    const unlock = boardSwitch(b, "fob1.unlock");
    for (let i = 0; i < 4; i++) pressAt(b, unlock, i * 800, 300);
    b.runFor(4000);
    expect(texts(car)).toContain("key1: re-synchronised by method A (counter 5504): locks cycle");
    expect(car.locks.cycles).toBe(1);
    pressAt(b, boardSwitch(b, "fob1.lock"), 5000, 300);
    b.runFor(3000);
    expect(car.locks.locked).toBe(true);
  });

  it("method A fails when the presses are spread over too long or mix buttons", () => {
    const slow = miniBench(5000);
    const unlock = boardSwitch(slow.b, "fob1.unlock");
    for (let i = 0; i < 4; i++) pressAt(slow.b, unlock, i * 2500, 300);
    slow.b.runFor(12000);
    expect(slow.car.locks.cycles).toBe(0);
    const mixed = miniBench(5000);
    const u = boardSwitch(mixed.b, "fob1.unlock");
    const l = boardSwitch(mixed.b, "fob1.lock");
    [u, u, l, u].forEach((sw, i) => pressAt(mixed.b, sw, i * 800, 300));
    mixed.b.runFor(5000);
    expect(mixed.car.locks.cycles).toBe(0);
  });

  it("method B: KL 15 on briefly then off, then within 10 s unlock then lock", () => {
    const { b, car } = miniBench(5000);
    ignitionCycle(b, 0, 1500, 2);
    pressAt(b, boardSwitch(b, "fob1.unlock"), 4000, 300);
    pressAt(b, boardSwitch(b, "fob1.lock"), 5000, 300);
    b.runFor(8000);
    expect(texts(car)).toContain("key1: re-synchronised by method B (counter 5502): locks cycle");
    expect(car.locks.cycles).toBe(1);
  });

  it("method B needs KL 15 (position 2), not KL R alone, and the 10 s window", () => {
    const klrOnly = miniBench(5000);
    ignitionCycle(klrOnly.b, 0, 1500, 1);
    pressAt(klrOnly.b, boardSwitch(klrOnly.b, "fob1.unlock"), 3000, 300);
    pressAt(klrOnly.b, boardSwitch(klrOnly.b, "fob1.lock"), 4000, 300);
    klrOnly.b.runFor(8000);
    expect(klrOnly.car.locks.cycles).toBe(0);
    const late = miniBench(5000);
    ignitionCycle(late.b, 0, 1500, 2);
    pressAt(late.b, boardSwitch(late.b, "fob1.unlock"), 9000, 300);
    pressAt(late.b, boardSwitch(late.b, "fob1.lock"), 11600, 300);
    late.b.runFor(14000);
    expect(late.car.locks.cycles).toBe(0);
  });

  it("the dealer's ZKE instructions (ignition on, hold unlock, tap lock 3x) do not resync it", () => {
    const { b, car } = miniBench(5000);
    ignitionCycle(b, 0, 2000, 2);
    zkeThroughSwitches(b, 1, 3000);
    b.runFor(20000);
    expect(car.locks.cycles).toBe(0);
    expect(car.storedCounter("key1")).toBe(500);
    expect(texts(car)).toContain("key1: unlock+lock together is not a command on this car");
  });

  it("never works a key that was not coded by diagnostics, whatever is pressed", () => {
    const { b, car } = miniBench(0);
    const u = boardSwitch(b, "fob2.unlock");
    for (let i = 0; i < 4; i++) pressAt(b, u, i * 800, 300);
    ignitionCycle(b, 5000, 6000, 2);
    pressAt(b, u, 7000, 300);
    pressAt(b, boardSwitch(b, "fob2.lock"), 8000, 300);
    b.runFor(12000);
    expect(car.locks.cycles).toBe(0);
    expect(car.locks.locked).toBe(false);
    expect(car.knownKeys).toEqual(["key1"]);
  });
});
