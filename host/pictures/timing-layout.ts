import type { DeviceEvent } from "../protocol/event-line";
import type { Box, Segment } from "./geometry";
import { makeText, type Scene, type SceneLine, type SceneRect, type SceneText } from "./svg-builder";
import { baselineFromTop, lineHeight, textWidth } from "./text-metrics";
import { buildTimingModel, type CarWindow, type TimingModel } from "./timing-model";

/**
 * Layout of the timing diagram, top to bottom:
 *
 *   title, outcome
 *   window labels        [taps (key 1): 10 s]____      stacked so none overlap
 *   lanes  fob1.unlock   |   ████████████   |          shaded windows behind the lanes
 *          ignition.klr  |██|                          press bars, input spans
 *          results       |        ■ ✓ 1   ■ V1         key results and problems
 *   axis                 0 s    5 s    10 s ...
 *   notes                one line per result and problem, problems in red
 *   legend
 *
 * Text lives outside the lanes except in the results lane, which no vertical
 * line crosses; tests check that no two text boxes overlap and no line runs
 * through a text.
 */

export interface TimingOptions {
  /** Width of the time axis in px (default 900). */
  plotWidth?: number;
  /** Heading; default "fobsync session: <recipe, keys, mode>". */
  title?: string;
}

export interface LaneLayout {
  role: string;
  kind: "switch" | "input" | "results";
  top: number;
  height: number;
  label: SceneText;
}

export interface BarLayout {
  role: string;
  kind: "press" | "press-cut" | "press-unreleased" | "input";
  fromMs: number;
  toMs: number;
  box: Box;
}

export interface WindowLayout {
  window: CarWindow;
  shade: Box;
  label: SceneText;
  bracket: Segment;
}

export interface MarkLayout {
  /** "✓ 1", "V1", ... */
  label: string;
  kind: "key" | "violation" | "cap" | "unreleased";
  ms: number;
  marker: Box;
  text: SceneText;
}

export interface Tick {
  ms: number;
  x: number;
  label: string;
}

export interface TimingLayout {
  scene: Scene;
  model: TimingModel;
  /** The lanes area: x/w is the time axis, y/h spans every lane. */
  plot: Box;
  ticks: Tick[];
  lanes: LaneLayout[];
  bars: BarLayout[];
  windows: WindowLayout[];
  marks: MarkLayout[];
  notes: SceneText[];
  /** x of a device time. */
  xOf(ms: number): number;
}

const MARGIN = 20;
const SIZE = 12;
const SMALL = 11;
const LANE_H = 26;
const GAP = 12;
const RED = "#d0021b";
const COLOURS = {
  press: "#1f5fbf",
  input: "#1d8a4a",
  confirmed: "#1d8a4a",
  failed: RED,
  unverified: "#b8860b",
  problem: RED,
  grid: "#e3e3e3",
  axis: "#333",
};
const WINDOW_FILL: Record<string, string> = { "ign-off": "#f5a623", start: "#4a90e2", taps: "#9b59b6", resync: "#2bb5a0" };

function step(size: number): number {
  return Math.ceil(lineHeight(size)) + 3;
}

function windowFill(id: string): string {
  return WINDOW_FILL[id] ?? "#999999";
}

function fmtSeconds(s: number, decimals: number): string {
  return s.toFixed(decimals) + " s";
}

/** Tick spacing in seconds: the smallest "nice" step giving at most `maxTicks` intervals. */
export function tickStep(spanS: number, maxTicks: number): number {
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];
  for (const s of steps) if (spanS / s <= maxTicks) return s;
  return Math.ceil(spanS / maxTicks / 3600) * 3600;
}

/** A row packer: each row holds intervals [x1, x2] that must not touch. */
class Rows {
  readonly rows: Array<Array<[number, number]>> = [];
  /** The first row where [x1, x2] fits; the interval is reserved there. */
  place(x1: number, x2: number): number {
    for (let r = 0; ; r++) {
      if (r === this.rows.length) this.rows.push([]);
      if (this.rows[r].every(([a, b]) => x2 + GAP < a || x1 > b + GAP)) {
        this.rows[r].push([x1, x2]);
        return r;
      }
    }
  }
}

/** Lay out the timing diagram of one session's events. */
export function layoutTiming(events: DeviceEvent[], options: TimingOptions = {}): TimingLayout {
  const model = buildTimingModel(events);
  const plotW = options.plotWidth ?? 900;
  if (!(plotW >= 200 && plotW <= 20000)) throw new Error("plotWidth must be 200..20000 px, got " + plotW);
  const rects: SceneRect[] = [];
  const lines: SceneLine[] = [];
  const texts: SceneText[] = [];

  const laneRoles: Array<{ role: string; kind: "switch" | "input" }> = [
    ...model.switchRoles.map((r) => ({ role: r, kind: "switch" as const })),
    ...model.inputRoles.map((r) => ({ role: r, kind: "input" as const })),
  ];
  const labelW = Math.max(textWidth("results", SIZE), ...laneRoles.map((l) => textWidth(l.role, SIZE)));
  const plotX = Math.ceil(MARGIN + labelW + 14);
  const rightLimit = plotX + plotW + 40;
  const spanMs = Math.max(model.endMs - model.startMs, 1000);
  const xOf = (ms: number) => plotX + ((ms - model.startMs) * plotW) / spanMs;

  let y = MARGIN;
  const title = options.title ?? "fobsync session" + (model.summary ? ": " + model.summary : "");
  texts.push(makeText(MARGIN, baselineFromTop(y, 15), title, 15, "start", "title", { bold: true }));
  y += step(15);
  const info = (model.outcome ? "ended: " + model.outcome + "   " : "") + "time from the session start, device clock";
  texts.push(makeText(MARGIN, baselineFromTop(y, SMALL), info, SMALL, "start", "info", { fill: "#444" }));
  y += step(SMALL) + 8;

  // Window labels, packed into rows above the lanes.
  const windowRows = new Rows();
  const windowPlan = model.windows.map((w) => {
    const len = (ms: number) => fmtSeconds(ms / 1000, ms % 1000 === 0 ? 0 : 1);
    const text = w.id + (w.key !== null ? " (key " + w.key + ")" : "") + ": " + (w.minMs > 0 ? len(w.minMs).replace(" s", "") + " to " : "") + len(w.toMs - w.fromMs);
    const x1 = xOf(w.fromMs);
    const x2 = xOf(w.toMs);
    const tw = textWidth(text, SMALL);
    const lx = Math.max(MARGIN, Math.min(x1, rightLimit - tw));
    return { w, text, x1, x2, lx, row: windowRows.place(Math.min(x1, lx), Math.max(x2, lx + tw)) };
  });
  const windowRowH = step(SMALL) + 6;
  const windowsTop = y;
  y += windowRows.rows.length * windowRowH + (windowRows.rows.length ? 4 : 0);

  // Lanes.
  const lanesTop = y;
  const lanes: LaneLayout[] = [];
  for (const l of laneRoles) {
    const label = makeText(plotX - 10, y + LANE_H / 2 + 4, l.role, SIZE, "end", "lane-label");
    lanes.push({ role: l.role, kind: l.kind, top: y, height: LANE_H, label });
    texts.push(label);
    y += LANE_H;
  }
  const resultsTop = y;

  // Results lane: key results and problems, packed into sub-rows.
  const markRows = new Rows();
  const markItems: Array<{ label: string; kind: MarkLayout["kind"]; ms: number; colour: string }> = [
    ...model.keys.map((k) => ({ label: k.label, kind: "key" as const, ms: k.ms, colour: COLOURS[k.result] })),
    ...model.issues.map((i) => ({ label: i.label, kind: i.kind, ms: i.ms, colour: COLOURS.problem })),
  ];
  const markPlan = markItems
    .sort((a, b) => a.ms - b.ms)
    .map((m) => {
      const x = xOf(m.ms);
      const tw = textWidth(m.label, SIZE);
      const right = x + 6 + tw <= rightLimit;
      const x1 = right ? x - 4 : x - 6 - tw;
      const x2 = right ? x + 6 + tw : x + 4;
      return { ...m, x, right, row: markRows.place(x1, x2) };
    });
  const markRowH = step(SIZE) + 2;
  const resultsH = Math.max(1, markRows.rows.length) * markRowH + 8;
  const resultsLabel = makeText(plotX - 10, resultsTop + Math.min(resultsH, LANE_H) / 2 + 4, "results", SIZE, "end", "lane-label");
  lanes.push({ role: "results", kind: "results", top: resultsTop, height: resultsH, label: resultsLabel });
  texts.push(resultsLabel);
  const lanesBottom = resultsTop + resultsH;
  const plot = { x: plotX, y: lanesTop, w: plotW, h: lanesBottom - lanesTop };

  // Axis and ticks; light grid lines through the switch/input lanes only.
  const spanS = spanMs / 1000;
  const stepS = tickStep(spanS, Math.max(2, Math.floor(plotW / 70)));
  const decimals = stepS < 1 ? 1 : 0;
  const ticks: Tick[] = [];
  for (let i = 0; i * stepS <= spanS + 1e-9; i++) {
    const ms = model.startMs + Math.round(i * stepS * 1000);
    ticks.push({ ms, x: xOf(ms), label: fmtSeconds(i * stepS, decimals) });
  }
  for (const t of ticks) {
    if (resultsTop > lanesTop) lines.push({ x1: t.x, y1: lanesTop, x2: t.x, y2: resultsTop, stroke: COLOURS.grid, kind: "grid" });
    lines.push({ x1: t.x, y1: lanesBottom, x2: t.x, y2: lanesBottom + 5, stroke: COLOURS.axis, kind: "tick" });
    texts.push(makeText(t.x, lanesBottom + 7 + 0.8 * SMALL, t.label, SMALL, "middle", "tick-label", { fill: "#333" }));
  }
  for (const lane of lanes) lines.push({ x1: plotX, y1: lane.top + lane.height, x2: plotX + plotW, y2: lane.top + lane.height, stroke: "#bbb", kind: "lane-line" });
  lines.push({ x1: plotX, y1: lanesTop, x2: plotX, y2: lanesBottom, stroke: COLOURS.axis, kind: "axis" });
  lines.push({ x1: plotX, y1: lanesBottom, x2: plotX + plotW, y2: lanesBottom, stroke: COLOURS.axis, strokeWidth: 1.5, kind: "axis" });

  // Windows: shading behind the lanes, labels and brackets above.
  const windows: WindowLayout[] = windowPlan.map((p) => {
    const shade = { x: p.x1, y: lanesTop, w: Math.max(p.x2 - p.x1, 1), h: lanesBottom - lanesTop };
    rects.push({ ...shade, fill: windowFill(p.w.id), opacity: 0.16, kind: "window" });
    const rowTop = windowsTop + p.row * windowRowH;
    const label = makeText(p.lx, baselineFromTop(rowTop, SMALL), p.text, SMALL, "start", "window-label", { fill: "#222" });
    texts.push(label);
    const by = rowTop + windowRowH - 3;
    const bracket = { x1: p.x1, y1: by, x2: Math.max(p.x2, p.x1 + 1), y2: by };
    lines.push({ ...bracket, stroke: windowFill(p.w.id), strokeWidth: 3, kind: "window-bracket" });
    return { window: p.w, shade, label, bracket };
  });

  // Bars: presses and input spans.
  const bars: BarLayout[] = [];
  const laneOf = (role: string) => lanes.find((l) => l.role === role)!;
  for (const p of model.presses) {
    const lane = laneOf(p.role);
    const kind = p.cut ? "press-cut" : p.open ? "press-unreleased" : "press";
    const x1 = xOf(p.fromMs);
    const box = { x: x1, y: lane.top + 5, w: Math.max(xOf(p.toMs) - x1, 2), h: LANE_H - 10 };
    bars.push({ role: p.role, kind, fromMs: p.fromMs, toMs: p.toMs, box });
    rects.push({ ...box, fill: kind === "press" ? COLOURS.press : COLOURS.problem, kind });
  }
  for (const s of model.inputs) {
    const lane = laneOf(s.role);
    const x1 = xOf(s.fromMs);
    const box = { x: x1, y: lane.top + 7, w: Math.max(xOf(s.toMs) - x1, 2), h: LANE_H - 14 };
    bars.push({ role: s.role, kind: "input", fromMs: s.fromMs, toMs: s.toMs, box });
    rects.push({ ...box, fill: COLOURS.input, kind: "input" });
  }

  // Minimum and maximum gaps: the too-fast part shaded red, the deadline a dashed line, across the lanes.
  for (const g of model.gaps) {
    if (g.minMs > g.fromMs) rects.push({ x: xOf(g.fromMs), y: lanesTop, w: Math.max(xOf(g.minMs) - xOf(g.fromMs), 1), h: resultsTop - lanesTop, fill: RED, opacity: 0.12, kind: "gap-min" });
    lines.push({ x1: xOf(g.toMs), y1: lanesTop, x2: xOf(g.toMs), y2: resultsTop, stroke: "#555", strokeWidth: 1, dash: "2 3", kind: "gap-max" });
  }

  // Problem lines through the switch/input lanes, then the marks in the results lane.
  for (const i of model.issues) {
    const x = xOf(i.ms);
    if (resultsTop > lanesTop) lines.push({ x1: x, y1: lanesTop, x2: x, y2: resultsTop, stroke: RED, strokeWidth: 1.5, dash: "4 3", kind: "problem-line" });
  }
  const marks: MarkLayout[] = markPlan.map((m) => {
    const rowTop = resultsTop + 4 + m.row * markRowH;
    const cy = rowTop + markRowH / 2;
    const marker = { x: m.x - 3.5, y: cy - 3.5, w: 7, h: 7 };
    rects.push({ ...marker, fill: m.colour, kind: "mark" });
    const text = makeText(m.right ? m.x + 6 : m.x - 6, baselineFromTop(cy - lineHeight(SIZE) / 2, SIZE), m.label, SIZE, m.right ? "start" : "end", "mark-label", {
      fill: m.colour,
      bold: true,
    });
    texts.push(text);
    return { label: m.label, kind: m.kind, ms: m.ms, marker, text };
  });

  // Notes: every result and problem in words.
  y = lanesBottom + 7 + step(SMALL) + 14;
  const notes: SceneText[] = [];
  const noteItems = model.keys
    .map((k) => ({ ms: k.ms, text: k.label + "  key " + k.key + " " + k.result + (k.reason ? " (" + k.reason + ")" : "") + (k.text ? ": " + k.text : ""), colour: COLOURS[k.result] }))
    .concat(model.issues.map((i) => ({ ms: i.ms, text: i.label + "  " + i.note, colour: COLOURS.problem })))
    .sort((a, b) => a.ms - b.ms);
  if (noteItems.length) {
    texts.push(makeText(MARGIN, baselineFromTop(y, SIZE), "notes", SIZE, "start", "notes-head", { bold: true }));
    y += step(SIZE);
  }
  for (const n of noteItems) {
    const t = makeText(MARGIN, baselineFromTop(y, SMALL), fmtSeconds((n.ms - model.startMs) / 1000, 1).padStart(8) + "  " + n.text, SMALL, "start", "note", { fill: n.colour });
    notes.push(t);
    texts.push(t);
    y += step(SMALL);
  }

  // Legend.
  y += 8;
  let lx = MARGIN;
  const legend: Array<[string, string, number]> = [
    [COLOURS.press, "button pressed", 1],
    [COLOURS.problem, "cut by the cap / problem", 1],
    [COLOURS.input, "input active", 1],
  ];
  const ids: string[] = [];
  for (const w of model.windows) if (ids.indexOf(w.id) < 0) ids.push(w.id);
  for (const id of ids) legend.push([windowFill(id), "window " + id, 0.35]);
  if (model.gaps.some((g) => g.minMs > g.fromMs)) legend.push([RED, "too soon after the last step (minimum gap)", 0.25]);
  if (model.gaps.length) legend.push(["#555", "dashed: latest time for the next step (maximum gap)", 1]);
  for (const [fill, text, opacity] of legend) {
    const w = textWidth(text, SMALL);
    if (lx + 16 + w > rightLimit && lx > MARGIN) {
      lx = MARGIN;
      y += step(SMALL) + 4;
    }
    rects.push({ x: lx, y: y + 2, w: 12, h: 10, fill, opacity: opacity === 1 ? undefined : opacity, kind: "legend-sample" });
    texts.push(makeText(lx + 16, baselineFromTop(y, SMALL), text, SMALL, "start", "legend", { fill: "#333" }));
    lx += 16 + w + 18;
  }
  y += step(SMALL);

  const contentRight = Math.max(rightLimit, ...texts.map((t) => t.box.x + t.box.w));
  const scene: Scene = {
    width: Math.ceil(contentRight + MARGIN),
    height: Math.ceil(y + MARGIN),
    title,
    background: "#ffffff",
    rects,
    lines,
    texts,
  };
  return { scene, model, plot, ticks, lanes, bars, windows, marks, notes, xOf };
}
