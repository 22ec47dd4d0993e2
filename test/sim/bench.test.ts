import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { createBench } from "../../host/sim/bench";
import type { BoardBackendFactory } from "../../host/sim/backend";

describe("bench wiring", () => {
  it("drives the board's inputs to their rest levels before the firmware starts", () => {
    const seen: { [pin: number]: boolean | undefined } = {};
    const probe: BoardBackendFactory = (ctx) => {
      for (const pin of [34, 35, 32, 33, 27]) seen[pin] = ctx.pins.inputLevel(pin);
      return { name: "probe", send: () => undefined, close: () => undefined };
    };
    createBench({ backend: probe, user: false });
    // KL R, KL 15, feedback, door: active low, all inactive = high; rf active high, inactive = low
    expect(seen).toEqual({ 34: true, 35: true, 32: true, 33: true, 27: false });
  });

  it("KL R follows positions 1 and 2, KL 15 only position 2", () => {
    const b = createBench({ backend: null, user: false });
    b.ignition.insertKey();
    b.ignition.turnTo(1);
    expect([b.pins.inputLevel(34), b.pins.inputLevel(35)]).toEqual([false, true]);
    b.ignition.turnTo(2);
    expect([b.pins.inputLevel(34), b.pins.inputLevel(35)]).toEqual([false, false]);
  });

  it("refuses impossible ignition moves and changes nothing", () => {
    const b = createBench({ backend: null, user: false });
    expect(() => b.ignition.turnTo(1)).toThrow(/no key/);
    b.ignition.insertKey();
    b.ignition.turnTo(1);
    expect(() => b.ignition.removeKey()).toThrow(/back to off/);
    expect(b.ignition.state).toEqual({ keyIn: true, position: 1 });
  });

  it("passes command lines to the backend and collects its lines and events", () => {
    const sent: string[] = [];
    const echo: BoardBackendFactory = (ctx) => {
      ctx.onLine("> REPL noise");
      return { name: "echo", send: (l) => (sent.push(l), ctx.onLine(`@1 ${ctx.clock.now()} I ok cmd=${l}`)), close: () => undefined };
    };
    const b = createBench({ backend: echo, user: false });
    b.runFor(250);
    b.send("status");
    expect(sent).toEqual(["status"]);
    expect(b.lines).toEqual(["> REPL noise", "@1 250 I ok cmd=status"]);
    expect(b.events.map((e) => e.fields.cmd)).toEqual(["status"]);
  });

  it("runUntilEvent stops at the event, or returns null at the limit", () => {
    const late: BoardBackendFactory = (ctx) => {
      ctx.clock.at(5000, () => ctx.onLine("@1 5000 I test.end pass=1 fail=0"));
      return { name: "late", send: () => undefined, close: () => undefined };
    };
    const b = createBench({ backend: late, user: false });
    expect(b.runUntilEvent("test.end", 4000)).toBeNull();
    expect(b.clock.now()).toBe(4000);
    expect(b.runUntilEvent("test.end", 4000)?.ms).toBe(5000);
    expect(b.clock.now()).toBe(5000);
  });

  it("rejects bad options with a sentence before anything runs", () => {
    expect(() => createBench({ backend: null, fobs: [{ id: "a", slot: 1 }, { id: "a", slot: 2 }] })).toThrow(/used twice/);
    expect(() => createBench({ backend: null, fobs: [{ id: "a", slot: 1 }, { id: "b", slot: 1 }] })).toThrow(/slot 1 has two fobs/);
    expect(() => createBench({ backend: null, board: { ...ESP32_RELAY8, maxPressMs: 5 } })).toThrow(/maxPressMs/);
    expect(() => createBench({ backend: null, world: [{ at: 0, do: "press", fob: "ghost", button: "lock", ms: 100 }] })).toThrow(/no fob 'ghost'/);
    expect(() => createBench({ backend: null, car: { kind: "zke", knownKeys: ["a", "b", "c", "d", "e"] } })).toThrow(/at most 4/);
  });

  it("world actions happen at their time: a hand press on a known key locks the car", () => {
    const b = createBench({ backend: null, user: false, car: { kind: "zke", knownKeys: ["key1"] }, world: [{ at: 1000, do: "press", fob: "key1", button: "lock", ms: 300 }] });
    b.runFor(999);
    expect(b.car.locks.locked).toBe(false);
    b.runFor(100);
    expect(b.car.locks.locked).toBe(true);
  });
});
