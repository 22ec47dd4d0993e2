import type { BoardDescription } from "../../hal/board";
import { unionBox, type Box, type Segment } from "./geometry";
import { makeText, type Scene, type SceneLine, type SceneRect, type SceneText } from "./svg-builder";
import { baselineFromTop, lineHeight, textWidth, wrapText } from "./text-metrics";
import { wiringTable, type WiringRow } from "./wiring-table";

/**
 * Layout of the wiring diagram, three columns joined by horizontal wires:
 *
 *   +-------------------+        +-------------+        +----------------+
 *   | board title       |        | relay       |        | fob 1: unlock  |
 *   |  GPIO16 fob1.unlock o------| relay IN1.. |--------| button pads    |
 *   |  active low ...   |        +-------------+        +----------------+
 *
 * Every row gets its own height (the tallest of its three cells), so a wire
 * sits at its row's centre and never meets another row's text or wire.
 */

export interface WiringRowLayout {
  row: WiringRow;
  /** y of the row's wires. */
  cy: number;
  pinLabel: Box;
  partBox: Box;
  targetBox: Box;
  wires: Segment[];
}

export interface WiringLayout {
  scene: Scene;
  board: Box;
  rows: WiringRowLayout[];
}

const SIZE = 12;
const SMALL = 11;
const HEAD = 13;
const PAD = 8;
const WIRE_GAP = 56;
const ROW_GAP = 10;
const MARGIN = 20;
const PART_CHARS = 34;
const TARGET_CHARS = 28;
const TITLE_CHARS = 30;

const HEADS = ["board pins", "parts", "fob pads / car wires"];

const WIRE_COLOUR: Record<string, string> = { output: "#1f5fbf", input: "#1d8a4a", analog: "#c26a00" };
const TARGET_FILL: Record<string, string> = { output: "#fff5cc", input: "#fde3e3", analog: "#ffe9cc" };

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  fill?: string;
}

function step(size: number): number {
  return Math.ceil(lineHeight(size)) + 3;
}

function linesHeight(lines: Line[]): number {
  let h = 0;
  for (const l of lines) h += step(l.size);
  return h - 3;
}

function linesWidth(lines: Line[]): number {
  let w = 0;
  for (const l of lines) w = Math.max(w, textWidth(l.text, l.size));
  return w;
}

/** Place `lines` from `top` at x with an anchor; returns the scene texts. */
function placeLines(lines: Line[], x: number, top: number, anchor: "start" | "end", kind: string): SceneText[] {
  const out: SceneText[] = [];
  let y = top;
  for (const l of lines) {
    out.push(makeText(x, baselineFromTop(y, l.size), l.text, l.size, anchor, kind, { bold: l.bold, fill: l.fill }));
    y += step(l.size);
  }
  return out;
}

function pinLines(r: WiringRow): Line[] {
  return [
    { text: r.gpio + "  " + r.role, size: SIZE, bold: true },
    { text: r.electrical, size: SMALL, fill: "#444" },
  ];
}

function partLines(r: WiringRow): Line[] {
  const head = r.component === "direct" ? "direct wire" : r.component;
  const body = wrapText(r.part || "(part not described in the board profile)", PART_CHARS);
  const lines: Line[] = [{ text: head, size: SIZE, bold: true }];
  return lines.concat(body.map((t) => ({ text: t, size: SMALL })));
}

function targetLines(r: WiringRow): Line[] {
  return wrapText(r.connectsTo, TARGET_CHARS).map((t, i) => ({ text: t, size: SIZE, bold: i === 0 && r.kind === "output" }));
}

/** Lay out the wiring diagram of a (valid) board. */
export function layoutWiring(board: BoardDescription): WiringLayout {
  const rows = wiringTable(board);
  const rects: SceneRect[] = [];
  const lines: SceneLine[] = [];
  const texts: SceneText[] = [];

  const titleLines: Line[] = wrapText(board.title, TITLE_CHARS)
    .map((t) => ({ text: t, size: HEAD, bold: true }) as Line)
    .concat([{ text: board.id + " (" + board.mcu + ")", size: SMALL, fill: "#444" }]);
  const cells = rows.map((r) => ({ pin: pinLines(r), part: partLines(r), target: targetLines(r) }));

  const headW = (t: string) => textWidth(t, HEAD) + 4;
  const boardW = Math.ceil(Math.max(headW(HEADS[0]), linesWidth(titleLines) + 2 * PAD, ...cells.map((c) => linesWidth(c.pin) + 2 * PAD + 10)));
  const partW = Math.ceil(Math.max(headW(HEADS[1]), ...cells.map((c) => linesWidth(c.part) + 2 * PAD)));
  const targetW = Math.ceil(Math.max(headW(HEADS[2]), ...cells.map((c) => linesWidth(c.target) + 2 * PAD)));
  const boardX = MARGIN;
  const partX = boardX + boardW + WIRE_GAP;
  const targetX = partX + partW + WIRE_GAP;
  const width = targetX + targetW + MARGIN;

  const headerY = MARGIN;
  const colHeads: Array<[number, string]> = [
    [boardX, HEADS[0]],
    [partX, HEADS[1]],
    [targetX, HEADS[2]],
  ];
  for (const [x, t] of colHeads) texts.push(makeText(x, baselineFromTop(headerY, HEAD), t, HEAD, "start", "column-head", { bold: true, fill: "#333" }));

  const boardTop = headerY + step(HEAD) + 6;
  texts.push(...placeLines(titleLines, boardX + PAD, boardTop + PAD, "start", "board-title"));
  let y = boardTop + PAD + linesHeight(titleLines) + 14;

  const placed: WiringRowLayout[] = [];
  let group = "";
  rows.forEach((r, i) => {
    const c = cells[i];
    if (r.group !== group) {
      group = r.group;
      texts.push(makeText(partX, baselineFromTop(y, HEAD), group, HEAD, "start", "group-head", { bold: true, fill: "#333" }));
      y += step(HEAD) + 4;
    }
    const pinH = linesHeight(c.pin);
    const partH = linesHeight(c.part) + 2 * PAD;
    const targetH = linesHeight(c.target) + 2 * PAD;
    const rowH = Math.max(pinH, partH, targetH);
    const cy = Math.round(y + rowH / 2);
    const pinTop = cy - pinH / 2;
    const pinTexts = placeLines(c.pin, boardX + boardW - PAD - 6, pinTop, "end", "pin-label");
    texts.push(...pinTexts);
    const partBox = { x: partX, y: cy - partH / 2, w: partW, h: partH };
    const targetBox = { x: targetX, y: cy - targetH / 2, w: targetW, h: targetH };
    rects.push({ ...partBox, fill: "#f4f6fa", stroke: "#556", strokeWidth: 1, rx: 4, kind: "part" });
    rects.push({ ...targetBox, fill: TARGET_FILL[r.kind], stroke: "#776", strokeWidth: 1, rx: 4, kind: "target" });
    rects.push({ x: boardX + boardW - 3, y: cy - 3, w: 6, h: 6, fill: "#222", kind: "pin-dot" });
    texts.push(...placeLines(c.part, partX + PAD, partBox.y + PAD, "start", "part-label"));
    texts.push(...placeLines(c.target, targetX + PAD, targetBox.y + PAD, "start", "target-label"));
    const colour = WIRE_COLOUR[r.kind];
    const wires: Segment[] = [
      { x1: boardX + boardW + 3, y1: cy, x2: partX, y2: cy },
      { x1: partX + partW, y1: cy, x2: targetX, y2: cy },
    ];
    for (const w of wires) lines.push({ ...w, stroke: colour, strokeWidth: 2, kind: "wire" });
    placed.push({ row: r, cy, pinLabel: unionBox(pinTexts.map((t) => t.box)), partBox, targetBox, wires });
    y += rowH + ROW_GAP;
  });

  const boardBox = { x: boardX, y: boardTop, w: boardW, h: y - boardTop };
  rects.unshift({ ...boardBox, fill: "#e8eef7", stroke: "#223", strokeWidth: 1.5, rx: 6, kind: "board" });

  y += 14;
  const legend: Array<[string, string]> = [
    [WIRE_COLOUR.output, "switch output: closes a fob button while on (max press " + board.maxPressMs + " ms)"],
    [WIRE_COLOUR.input, "watched input: optocoupler or contact into a GPIO, debounced"],
    [WIRE_COLOUR.analog, "battery sense: divider into an ADC pin"],
  ];
  for (const [colour, text] of legend) {
    const cy = y + step(SMALL) / 2;
    lines.push({ x1: boardX, y1: cy, x2: boardX + 28, y2: cy, stroke: colour, strokeWidth: 2, kind: "legend-sample" });
    texts.push(makeText(boardX + 38, baselineFromTop(y, SMALL), text, SMALL, "start", "legend", { fill: "#333" }));
    y += step(SMALL) + 2;
  }
  const notes = ["active low: on = the pin at 0 V. Safe state at power-up: every switch released."];
  for (const n of notes) {
    texts.push(makeText(boardX, baselineFromTop(y, SMALL), n, SMALL, "start", "legend", { fill: "#333" }));
    y += step(SMALL);
  }
  const contentW = Math.max(width, ...texts.map((t) => t.box.x + t.box.w + MARGIN));
  const scene: Scene = {
    width: Math.ceil(contentW),
    height: Math.ceil(y + MARGIN),
    title: "fobsync wiring: " + board.title,
    background: "#ffffff",
    rects,
    lines,
    texts,
  };
  return { scene, board: boardBox, rows: placed };
}
