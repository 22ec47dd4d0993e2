import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confirmOnRelease } from "./car";
import { Bench } from "./harness";

const COMMANDS = ["help", "version", "status", "recipes", "pair", "press", "ack", "abort", "frob"];
const TOKENS = ["bmw-zke", "mini-r50-early", "fob-test", "keys=2", "confirm=2", "keys=9", "1", "2", "unlock", "lock", "boot", "100", "99999", "tapMs=5", "hold=lock", "=", "x=", "method=B"];

/** Lines a user or a noisy serial line might send. */
const anyLine = fc.oneof(
  fc.string({ maxLength: 140 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.tuple(fc.constantFrom(...COMMANDS), fc.array(fc.constantFrom(...TOKENS), { maxLength: 5 })).map(([c, a]) => [c, ...a].join(" ")),
);

/** Every press on the pins was announced (switch on=1 max=...) and ended by that max; nothing is left on. */
function assertCapsHeld(b: Bench): void {
  const ons = b.find("switch", { on: 1 });
  const presses = b.presses();
  expect(presses.length).toBe(ons.length);
  for (const p of presses) {
    const on = ons.find((e) => e.ms === p.at && e.fields.role === p.role);
    expect(on).toBeDefined();
    expect(p.ms).toBeLessThanOrEqual(Number(on!.fields.max));
    expect(p.ms).toBeLessThanOrEqual(b.board.maxPressMs);
  }
  for (const p of b.board.pins) if (p.drive !== undefined) expect(b.isPressed(p.role)).toBe(false);
}

describe("properties", () => {
  it("a rejected line never changes the pins or the state", () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 8 }), (lines) => {
        const b = new Bench().start();
        for (const line of lines) {
          const status = b.send("status")[0].fields;
          const pinsBefore = b.pins.timeline.length;
          const evs = b.send(line);
          if (evs.length > 0 && evs[0].event === "error") {
            expect(evs).toHaveLength(1);
            expect(b.pins.timeline.length).toBe(pinsBefore);
            expect(b.send("status")[0].fields).toEqual(status);
          }
          b.clock.runFor(250);
        }
        b.send("abort");
        b.clock.runFor(30000);
        assertCapsHeld(b);
      }),
      { numRuns: 300 },
    );
  });

  it("any random command traffic never leaves a switch on longer than its cap", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyLine, fc.integer({ min: 0, max: 5000 })), { maxLength: 10 }), (steps) => {
        const b = new Bench().start();
        for (const [line, wait] of steps) {
          b.send(line);
          b.clock.runFor(wait);
        }
        b.clock.runFor(200000);
        b.send("abort");
        assertCapsHeld(b);
      }),
      { numRuns: 200 },
    );
  });

  it("random valid bmw-zke timings: presses match the recipe and every press ends by its cap", () => {
    const timings = fc.record({
      keys: fc.integer({ min: 1, max: 2 }),
      leadMs: fc.integer({ min: 100, max: 2000 }),
      tapMs: fc.integer({ min: 50, max: 1000 }),
      gapMs: fc.integer({ min: 50, max: 1500 }),
      taps: fc.integer({ min: 1, max: 5 }),
      tailMs: fc.integer({ min: 0, max: 2000 }),
      delayMs: fc.integer({ min: 0, max: 3000 }),
      onFor: fc.integer({ min: 100, max: 4900 }),
      confirms: fc.boolean(),
    });
    fc.assert(
      fc.property(timings, (t) => {
        const b = new Bench().start();
        if (t.confirms) confirmOnRelease(b);
        const evs = b.send(`pair bmw-zke keys=${t.keys} confirm=${t.keys} leadMs=${t.leadMs} tapMs=${t.tapMs} gapMs=${t.gapMs} taps=${t.taps} tailMs=${t.tailMs} delayMs=${t.delayMs}`);
        b.clock.runUntil(1000);
        b.set("ignition.klr", true);
        b.clock.runUntil(1000 + t.onFor);
        b.set("ignition.klr", false);
        b.clock.runFor(300000);
        if (evs[0].event === "error") {
          expect(evs[0].fields.code).toBe("recipe-invalid");
          expect(b.presses()).toEqual([]);
          return;
        }
        const hold = t.leadMs + t.taps * t.tapMs + (t.taps - 1) * t.gapMs + t.tailMs;
        const t0 = 1000 + t.onFor + Math.max(t.delayMs, 50); // never before the debounced edge arrives
        const first = b.presses().filter((p) => p.at < t0 + hold);
        expect(first[0]).toEqual({ role: "fob1.unlock", at: t0, ms: hold });
        for (let i = 0; i < t.taps; i++) expect(first[i + 1]).toEqual({ role: "fob1.lock", at: t0 + t.leadMs + i * (t.tapMs + t.gapMs), ms: t.tapMs });
        expect(b.find("cap")).toEqual([]);
        assertCapsHeld(b);
        expect(b.one("session.end").fields.ok).toBe(t.confirms ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });
});
