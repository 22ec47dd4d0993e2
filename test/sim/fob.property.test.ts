import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBench } from "../../host/sim/bench";
import type { FobButton } from "../../host/sim/radio";

const press = fc.record({
  at: fc.integer({ min: 0, max: 5000 }),
  button: fc.constantFrom<FobButton>("unlock", "lock", "boot"),
  ms: fc.integer({ min: 1, max: 800 }),
  source: fc.constantFrom<"switch" | "hand">("switch", "hand"),
});

describe("simulated fob under random presses", () => {
  it("transmissions are well formed: start, changes, end; telegrams last the burst minimum; counters rise; only held buttons are reported", () => {
    fc.assert(
      fc.property(fc.array(press, { maxLength: 20 }), fc.integer({ min: 2000, max: 3200 }), (presses, mv) => {
        const b = createBench({ backend: null, user: false, fobs: [{ id: "f", batteryMv: mv }] });
        const fob = b.fob("f");
        for (const p of presses) {
          b.clock.at(p.at, () => fob.setContact(p.button, p.source, true));
          b.clock.at(p.at + p.ms, () => fob.setContact(p.button, p.source, false));
        }
        b.clock.runUntilIdle();
        const h = b.air.history;
        let on = false;
        let last = { t: -Infinity, counter: 0 };
        for (const ev of h) {
          expect(ev.kind === "start").toBe(!on);
          if (on) expect(ev.t - last.t).toBeGreaterThanOrEqual(fob.burstMinMs);
          if (ev.kind !== "end") {
            expect(ev.counter).toBe(last.counter + 1);
            expect(ev.buttons.length).toBeGreaterThan(0);
            if (mv < 2600) expect(ev.buttons).toEqual(["unlock"]);
            for (const btn of ev.buttons) {
              const held = presses.some((p) => p.button === btn && p.at + fob.minPressMs <= ev.t && p.at + p.ms > ev.t - fob.burstMinMs);
              expect(held).toBe(true);
            }
          }
          on = ev.kind !== "end";
          last = { t: ev.t, counter: ev.kind === "end" ? last.counter : ev.counter };
        }
        expect(on).toBe(false);
        if (mv < 2200) expect(h).toEqual([]);
        expect(fob.isTransmitting()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
