import { describe, expect, it } from "vitest";
import type { DeviceEvent } from "../../host/protocol/event-line";
import { parseSessionLog, pickSession } from "../../host/pictures/session-log";
import { layoutTiming } from "../../host/pictures/timing-layout";
import { createBench } from "../../host/sim/bench";
import { runDemoSession } from "../../host/sim/demo-session";
import { inProcessBackend } from "../../host/sim/in-process-backend";
import { linesThroughTexts, overlappingTexts, textsOutside } from "./scene-checks";

/** A real 2-key bmw-zke session: the firmware core on the simulated bench, a ZKE car, the simulated user. */
function simulatedSession(): string[] {
  const bench = createBench({ backend: inProcessBackend });
  try {
    bench.send("pair bmw-zke keys=2 confirm=2");
    expect(bench.runUntilEvent("session.end", 300_000)).not.toBeNull();
    bench.runFor(2_000);
    return [...bench.lines];
  } finally {
    bench.close();
  }
}

describe("timing diagram of a simulated 2-key session", () => {
  const lines = simulatedSession();
  const session = pickSession(parseSessionLog(lines.join("\n")));
  const events = session.events;
  const layout = layoutTiming(events);
  const { xOf } = layout;
  const of = (name: string) => events.filter((e) => e.event === name);

  it("plots the session the firmware ran, with one lane per switch and input it reported", () => {
    expect(of("session.start")[0].fields).toMatchObject({ recipe: "bmw-zke", keys: 2 });
    expect(layout.model.startMs).toBe(of("session.start")[0].ms);
    const switchRoles = [...new Set(of("switch").map((e) => String(e.fields.role)))];
    const inputRoles = [...new Set(of("input").map((e) => String(e.fields.role)))];
    expect(switchRoles).toEqual(expect.arrayContaining(["fob1.unlock", "fob1.lock", "fob2.unlock", "fob2.lock"]));
    expect(inputRoles).toContain("ignition.klr");
    expect(layout.lanes.map((l) => l.role).sort()).toEqual([...switchRoles, ...inputRoles, "results"].sort());
  });

  it("puts every press where its switch events are", () => {
    const open: Record<string, DeviceEvent> = {};
    let pairs = 0;
    for (const e of of("switch")) {
      const role = String(e.fields.role);
      if (e.fields.on === 1) open[role] = e;
      else {
        const bar = layout.bars.find((b) => b.role === role && b.fromMs === open[role].ms)!;
        expect(bar.toMs).toBe(e.ms);
        expect(bar.box.x).toBeCloseTo(xOf(open[role].ms));
        expect(bar.box.x + bar.box.w).toBeCloseTo(Math.max(xOf(e.ms), xOf(open[role].ms) + 2));
        pairs++;
      }
    }
    expect(pairs).toBe(8); // per key: hold unlock + 3 lock taps
    expect(layout.bars.filter((b) => b.kind === "press-cut" || b.kind === "press-unreleased")).toEqual([]);
  });

  it("shades the car's windows exactly where the firmware announced them", () => {
    const windows = of("window");
    expect(windows.map((w) => w.fields.id)).toEqual(expect.arrayContaining(["ign-off", "start", "taps"]));
    expect(layout.windows).toHaveLength(windows.length);
    windows.forEach((w, i) => {
      const shade = layout.windows[i].shade;
      expect(shade.x).toBeCloseTo(xOf(w.fields.from as number));
      expect(shade.x + shade.w).toBeCloseTo(xOf(w.fields.to as number));
      expect((w.fields.to as number) - (w.fields.from as number)).toBe({ "ign-off": 5000, start: 30000, taps: 10000 }[w.fields.id as string]);
    });
    for (const e of of("input")) {
      const at = e.fields.at as number;
      expect(layout.bars.some((b) => b.role === e.fields.role && (b.fromMs === at || b.toMs === at))).toBe(true);
    }
  });

  it("marks both keys' results and stays readable", () => {
    expect(layout.marks.filter((m) => m.kind === "key").map((m) => m.label)).toEqual(of("key.result").map((e) => (e.fields.result === "confirmed" ? "✓ " : e.fields.result === "failed" ? "✗ " : "? ") + e.fields.key));
    expect(layout.model.issues).toEqual([]);
    expect(overlappingTexts(layout.scene)).toEqual([]);
    expect(linesThroughTexts(layout.scene)).toEqual([]);
    expect(textsOutside(layout.scene)).toEqual([]);
  });

  it("reads the demo's printed transcript (time-stamped lines mixed with the world's) as the same session", () => {
    const printed: string[] = [];
    const demo = runDemoSession({ print: (l) => printed.push(l) });
    const fromTranscript = pickSession(parseSessionLog(printed.join("\n"))).events;
    const fromLines = pickSession(parseSessionLog(demo.lines.join("\n"))).events;
    expect(fromTranscript.length).toBeGreaterThan(20);
    expect(fromTranscript).toEqual(fromLines);
  });
});
