import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../hal/sim/virtual-clock";

describe("VirtualClock", () => {
  it("fires in time order, ties in scheduling order, and sets now() to each timer's time", () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.at(300, () => seen.push(`c@${clock.now()}`));
    clock.at(100, () => seen.push(`a@${clock.now()}`));
    clock.at(100, () => seen.push(`b@${clock.now()}`));
    clock.runUntilIdle();
    expect(seen).toEqual(["a@100", "b@100", "c@300"]);
  });

  it("never fires early: a time in the past runs now, not before", () => {
    const clock = new VirtualClock(1000);
    let firedAt = -1;
    clock.at(10, () => (firedAt = clock.now()));
    clock.runUntilIdle();
    expect(firedAt).toBe(1000);
  });

  it("skips cancelled timers, including one cancelled by an earlier timer", () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const late = clock.at(200, () => seen.push(200));
    clock.at(100, () => {
      seen.push(100);
      clock.cancel(late);
    });
    clock.runUntilIdle();
    expect(seen).toEqual([100]);
    expect(clock.pending()).toBe(0);
  });

  it("runUntil fires what is due and stops the time at the target", () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    clock.at(50, () => seen.push(50));
    clock.at(150, () => seen.push(150));
    clock.runUntil(100);
    expect(seen).toEqual([50]);
    expect(clock.now()).toBe(100);
    expect(clock.nextDue()).toBe(150);
  });

  it("refuses to spin forever on a runaway periodic timer", () => {
    const clock = new VirtualClock();
    const tick = () => clock.after(10, tick);
    tick();
    expect(() => clock.runUntilIdle(1000)).toThrow(/still busy/);
  });

  it("keeps errors thrown by callbacks and goes on", () => {
    const clock = new VirtualClock();
    let after = false;
    clock.at(1, () => {
      throw new Error("boom");
    });
    clock.at(2, () => (after = true));
    clock.runUntilIdle();
    expect(after).toBe(true);
    expect(String(clock.errors[0])).toMatch(/boom/);
  });

  it("property: any schedule fires every uncancelled timer exactly once, in non-decreasing time, never early", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 0, max: 10_000 }), cancel: fc.boolean() }), { maxLength: 60 }), (plan) => {
        const clock = new VirtualClock();
        const fired: { at: number; now: number; i: number }[] = [];
        const ids = plan.map((p, i) => clock.at(p.at, () => fired.push({ at: p.at, now: clock.now(), i })));
        plan.forEach((p, i) => p.cancel && clock.cancel(ids[i]));
        clock.runUntilIdle();
        expect(fired.map((f) => f.i).sort((a, b) => a - b)).toEqual(plan.flatMap((p, i) => (p.cancel ? [] : [i])));
        for (let k = 0; k < fired.length; k++) {
          expect(fired[k].now).toBe(fired[k].at);
          if (k > 0) expect(fired[k].now).toBeGreaterThanOrEqual(fired[k - 1].now);
        }
      }),
    );
  });
});
