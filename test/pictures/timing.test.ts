import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeviceEvent } from "../../host/protocol/event-line";
import { parseSessionLog, pickSession } from "../../host/pictures/session-log";
import { layoutTiming, tickStep } from "../../host/pictures/timing-layout";
import { renderTimingSvg } from "../../host/pictures/timing-svg";
import { linesThroughTexts, overlappingTexts, textsOutside } from "./scene-checks";
import { xmlProblems } from "./xml-check";

const fixture = (name: string) => pickSession(parseSessionLog(readFileSync(new URL("./fixtures/" + name, import.meta.url), "utf8"))).events;
const RED = "#d0021b";

let seq = 0;
const ev = (ms: number, event: string, fields: Record<string, string | number> = {}, level: DeviceEvent["level"] = "I"): DeviceEvent => ({ seq: ++seq, ms, level, event, fields });

/** Presses as the log states them: each switch on=1 paired with the next on=0 of its role. */
function pressesInLog(events: DeviceEvent[]): Array<{ role: string; from: number; to: number }> {
  const open: Record<string, number> = {};
  const out: Array<{ role: string; from: number; to: number }> = [];
  for (const e of events) {
    if (e.event !== "switch") continue;
    const role = String(e.fields.role);
    if (e.fields.on === 1) open[role] = e.ms;
    else out.push({ role, from: open[role], to: e.ms });
  }
  return out;
}

describe("timing diagram of a 2-key ZKE session (hand-written log from docs/protocol.md)", () => {
  const events = fixture("zke-2keys.txt");
  const layout = layoutTiming(events);
  const { xOf, plot } = layout;

  it("puts time on a linear axis from session.start to the last thing that happened", () => {
    expect(layout.model.startMs).toBe(1000);
    expect(layout.model.endMs).toBe(40200); // key 2's start window is the last to close
    expect(xOf(1000)).toBe(plot.x);
    expect(xOf(40200)).toBeCloseTo(plot.x + plot.w);
    expect(tickStep(39.2, 12)).toBe(5);
    expect(layout.ticks.map((t) => t.label)).toEqual(["0 s", "5 s", "10 s", "15 s", "20 s", "25 s", "30 s", "35 s"]);
    for (const t of layout.ticks) expect(t.x).toBeCloseTo(plot.x + ((t.ms - 1000) * plot.w) / 39200);
    const tickTexts = layout.scene.texts.filter((t) => t.kind === "tick-label");
    expect(tickTexts.map((t) => t.x)).toEqual(layout.ticks.map((t) => t.x));
  });

  it("has one lane per switch and per input, stacked without gaps, then the results lane", () => {
    expect(layout.lanes.map((l) => l.role)).toEqual(["fob1.unlock", "fob1.lock", "fob2.unlock", "fob2.lock", "ignition.klr", "lock.feedback", "results"]);
    expect(layout.lanes[0].top).toBe(plot.y);
    for (let i = 1; i < layout.lanes.length; i++) expect(layout.lanes[i].top).toBe(layout.lanes[i - 1].top + layout.lanes[i - 1].height);
    const last = layout.lanes[layout.lanes.length - 1];
    expect(last.top + last.height).toBe(plot.y + plot.h);
    for (const l of layout.lanes) expect(l.label.box.x + l.label.box.w).toBeLessThanOrEqual(plot.x);
  });

  it("draws each press from its switch on to its switch off, inside its lane", () => {
    const expected = pressesInLog(events);
    expect(expected).toHaveLength(8);
    const bars = layout.bars.filter((b) => b.kind === "press");
    expect(bars).toHaveLength(8);
    for (const p of expected) {
      const bar = bars.find((b) => b.role === p.role && b.fromMs === p.from)!;
      expect(bar, p.role + "@" + p.from).toBeDefined();
      expect(bar.toMs).toBe(p.to);
      expect(bar.box.x).toBeCloseTo(xOf(p.from));
      expect(bar.box.x + bar.box.w).toBeCloseTo(Math.max(xOf(p.to), xOf(p.from) + 2));
      const lane = layout.lanes.find((l) => l.role === p.role)!;
      expect(bar.box.y).toBeGreaterThan(lane.top);
      expect(bar.box.y + bar.box.h).toBeLessThan(lane.top + lane.height);
    }
  });

  it("draws inputs from the hardware edge time `at`", () => {
    const spans = layout.bars.filter((b) => b.kind === "input").map((b) => [b.role, b.fromMs, b.toMs, b.box.x, b.box.x + b.box.w]);
    expect(spans.map((s) => s.slice(0, 3))).toEqual([
      ["ignition.klr", 3000, 5000],
      ["lock.feedback", 9600, 10100],
      ["lock.feedback", 14600, 15100],
    ]);
    for (const s of spans) {
      expect(s[3]).toBeCloseTo(xOf(s[1] as number));
      expect(s[4]).toBeCloseTo(xOf(s[2] as number));
    }
  });

  it("shades every window of the car across all lanes, labelled with its id, key and length", () => {
    const logged = events.filter((e) => e.event === "window");
    expect(layout.windows).toHaveLength(logged.length);
    for (const [i, w] of layout.windows.entries()) {
      const from = logged[i].fields.from as number;
      const to = logged[i].fields.to as number;
      expect(w.shade.x).toBeCloseTo(xOf(from));
      expect(w.shade.x + w.shade.w).toBeCloseTo(xOf(to));
      expect([w.shade.y, w.shade.h]).toEqual([plot.y, plot.h]);
      expect(w.bracket.x1).toBeCloseTo(xOf(from));
      expect(w.bracket.x2).toBeCloseTo(xOf(to));
      expect(w.label.box.y + w.label.box.h).toBeLessThanOrEqual(plot.y);
    }
    expect(layout.windows.map((w) => w.label.text)).toEqual([
      "ign-off (key 1): 5 s",
      "start (key 1): 30 s",
      "taps (key 1): 10 s",
      "start (key 2): 30 s",
      "taps (key 2): 10 s",
    ]);
  });

  it("marks each key's result at its time in the results lane", () => {
    expect(layout.marks.map((m) => [m.label, m.ms])).toEqual([
      ["✓ 1", 10200],
      ["✓ 2", 15200],
    ]);
    const results = layout.lanes.find((l) => l.role === "results")!;
    for (const m of layout.marks) {
      expect(m.marker.x + m.marker.w / 2).toBeCloseTo(xOf(m.ms));
      expect(m.text.box.y).toBeGreaterThanOrEqual(results.top);
      expect(m.text.box.y + m.text.box.h).toBeLessThanOrEqual(results.top + results.height);
    }
    expect(layout.model.outcome).toBe("done (ok, 2 confirmed)");
    expect(layout.notes.map((n) => n.text.trim())).toEqual([
      "9.2 s  ✓ 1  key 1 confirmed (locks-cycled): the locks cycled",
      "14.2 s  ✓ 2  key 2 confirmed (locks-cycled): the locks cycled",
    ]);
  });

  it("keeps every label readable: no overlaps, no line through a text, nothing outside", () => {
    expect(overlappingTexts(layout.scene)).toEqual([]);
    expect(linesThroughTexts(layout.scene)).toEqual([]);
    expect(textsOutside(layout.scene)).toEqual([]);
    expect(xmlProblems(renderTimingSvg(events))).toEqual([]);
  });
});

describe("timing diagram of a failed session (NDJSON log)", () => {
  const events = fixture("zke-violation.ndjson");
  const layout = layoutTiming(events);

  it("colours the press the cap cut and the missed window's violation, with notes", () => {
    const cut = layout.bars.find((b) => b.kind === "press-cut")!;
    expect([cut.role, cut.fromMs, cut.toMs]).toEqual(["fob2.unlock", 10000, 30000]);
    expect(layout.scene.rects.find((r) => r.kind === "press-cut")!.fill).toBe(RED);
    const problemLines = layout.scene.lines.filter((l) => l.kind === "problem-line");
    expect(problemLines.map((l) => l.x1)).toEqual([layout.xOf(20400), layout.xOf(30000)]);
    for (const l of problemLines) expect(l.stroke).toBe(RED);
    expect(layout.marks.map((m) => m.label)).toEqual(["? 1", "V1", "C1", "✗ 2"]);
    const notes = layout.notes.map((n) => [n.text.trim(), n.fill]);
    expect(notes).toContainEqual(["19.9 s  V1  window taps (key 2) missed: 3 taps not done within 10 s", RED]);
    expect(notes).toContainEqual(["29.5 s  C1  fob2.unlock cut by the cap after 20000 ms (max 20000 ms)", RED]);
    expect(notes).toContainEqual(["29.5 s  ✗ 2  key 2 failed (violation): taps window missed", RED]);
    expect(overlappingTexts(layout.scene)).toEqual([]);
    expect(linesThroughTexts(layout.scene)).toEqual([]);
  });

  it("shows a press the log never releases as a problem up to the end of the log", () => {
    seq = 0;
    const evs = [ev(0, "session.start", { recipe: "bmw-zke", keys: 1 }), ev(100, "switch", { role: "fob1.unlock", on: 1, max: 20000 }), ev(5000, "prompt", { id: "x", key: 1, ms: 0, text: "t" })];
    const l = layoutTiming(evs);
    const bar = l.bars.find((b) => b.kind === "press-unreleased")!;
    expect([bar.fromMs, bar.toMs]).toEqual([100, 5000]);
    expect(l.model.issues.map((i) => i.note)).toEqual(["fob1.unlock pressed at 0.1 s and not released when the log ends"]);
  });

  it("treats an input whose first event is a release as active since the session start", () => {
    seq = 0;
    const l = layoutTiming([ev(1000, "session.start"), ev(1500, "input", { role: "door", on: 0, at: 1490 }), ev(3000, "session.end", { ok: 0, reason: "door" })]);
    expect(l.bars.map((b) => [b.role, b.fromMs, b.toMs])).toEqual([["door", 1000, 1490]]);
  });

  it("escapes text from the device", () => {
    seq = 0;
    const svg = renderTimingSvg([ev(0, "session.start", { recipe: "a<b&c" }), ev(10, "violation", { id: "taps", key: 1, at: 10, text: "x < y & z > w" }, "E")]);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("x &lt; y &amp; z &gt; w");
  });
});

describe("timing layout on arbitrary sessions", () => {
  const roles = ["fob1.unlock", "fob1.lock", "fob2.unlock", "ignition.klr", "door", "rf"];
  const item = fc.oneof(
    fc.record({ t: fc.constant("press"), role: fc.constantFrom(...roles.slice(0, 3)), at: fc.integer({ min: 0, max: 60000 }), len: fc.integer({ min: 0, max: 20000 }), cap: fc.boolean() }),
    fc.record({ t: fc.constant("input"), role: fc.constantFrom(...roles.slice(3)), at: fc.integer({ min: 0, max: 60000 }), len: fc.integer({ min: 0, max: 9000 }) }),
    fc.record({ t: fc.constant("window"), id: fc.constantFrom("ign-off", "start", "taps", "resync"), key: fc.integer({ min: 1, max: 4 }), at: fc.integer({ min: 0, max: 60000 }), len: fc.constantFrom(5000, 10000, 30000) }),
    fc.record({ t: fc.constant("result"), key: fc.integer({ min: 1, max: 4 }), at: fc.integer({ min: 0, max: 60000 }), result: fc.constantFrom("confirmed", "failed", "unverified") }),
    fc.record({ t: fc.constant("violation"), key: fc.integer({ min: 1, max: 4 }), at: fc.integer({ min: 0, max: 60000 }) }),
  );

  /** Turn generated items into a time-ordered event list the firmware could have written. */
  function toEvents(items: Array<Record<string, unknown>>): DeviceEvent[] {
    const timed: Array<[number, string, Record<string, string | number>]> = [[0, "session.start", { recipe: "bmw-zke", keys: 4 }]];
    const busyUntil: Record<string, number> = {};
    for (const it of items) {
      const at = it.at as number;
      if (it.t === "press" || it.t === "input") {
        const role = it.role as string;
        if ((busyUntil[role] ?? -1) >= at) continue;
        const end = at + (it.len as number);
        busyUntil[role] = end + 1;
        if (it.t === "press") {
          timed.push([at, "switch", { role, on: 1, max: 20000 }]);
          if (it.cap) timed.push([end, "cap", { role, held: it.len as number, max: 20000 }]);
          timed.push([end, "switch", { role, on: 0, held: it.len as number }]);
        } else {
          timed.push([at, "input", { role, on: 1, at }]);
          timed.push([end, "input", { role, on: 0, at: end }]);
        }
      } else if (it.t === "window") timed.push([at, "window", { id: it.id as string, key: it.key as number, from: at, to: at + (it.len as number) }]);
      else if (it.t === "result") timed.push([at, "key.result", { key: it.key as number, result: it.result as string, reason: "r", text: "t" }]);
      else timed.push([at, "violation", { id: "taps", key: it.key as number, at, text: "missed" }]);
    }
    timed.sort((a, b) => a[0] - b[0]);
    return timed.map(([ms, name, fields], i) => ({ seq: i + 1, ms, level: "I", event: name, fields }));
  }

  it("never overlaps labels nor runs a line through one, and bars stay on the axis", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 40 }), fc.integer({ min: 300, max: 1400 }), (items, width) => {
        const l = layoutTiming(toEvents(items), { plotWidth: width });
        expect(overlappingTexts(l.scene)).toEqual([]);
        expect(linesThroughTexts(l.scene)).toEqual([]);
        expect(textsOutside(l.scene)).toEqual([]);
        for (const b of l.bars) {
          expect(b.box.x).toBeGreaterThanOrEqual(l.plot.x - 1e-6);
          expect(b.box.x + b.box.w).toBeLessThanOrEqual(l.plot.x + l.plot.w + 2);
        }
      }),
      { numRuns: 60, seed: 20260101 },
    );
  });
});
