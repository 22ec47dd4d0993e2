import { describe, expect, it } from "vitest";
import { layoutTiming } from "../../host/pictures/timing-layout";
import { buildTimingModel } from "../../host/pictures/timing-model";
import { createBench } from "../../host/sim/bench";

/** A whole session on the simulated bench, as the events a log holds. */
function session(car: "honda" | "ford", line: string) {
  const b = createBench({ car: { kind: car } });
  b.send(line);
  b.runUntilEvent("session.end", 600_000);
  return b.events;
}

describe("the timing picture shows minimum and maximum gaps", () => {
  it("Honda's steps: each window from the last step, too soon before 1 s (shaded red), too late after 4 s (dashed)", () => {
    const events = session("honda", "pair honda-4s keys=1 confirm=1");
    const model = buildTimingModel(events);
    const steps = model.gaps.filter((g) => g.id === "step");
    expect(steps.length).toBe(6);
    for (const g of steps) {
      expect(g.minMs - g.fromMs).toBe(1000);
      expect(g.toMs - g.fromMs).toBe(4000);
    }
    const layout = layoutTiming(events);
    expect(layout.scene.rects.filter((r) => r.kind === "gap-min").length).toBe(6);
    expect(layout.scene.lines.filter((l) => l.kind === "gap-max").length).toBe(6);
    expect(layout.windows.map((w) => w.label.text)).toContain("step (key 1): 1 to 4 s");
  });

  it("Ford's counted cycles: a deadline after each counted turn to RUN (the 10 s span), none after the last", () => {
    const events = session("ford", "pair ford-8x keys=1 confirm=1");
    const model = buildTimingModel(events);
    const cycles = model.gaps.filter((g) => g.id === "cycles");
    expect(cycles.length).toBe(7);
    const first = cycles[0];
    expect(cycles.every((g) => g.toMs === first.fromMs + 10_000 && g.minMs === g.fromMs)).toBe(true);
  });
});
