import type { Box, Segment } from "./geometry";
import { FONT_FAMILY, textBox, type Anchor } from "./text-metrics";

/**
 * A scene: every shape of a picture with its coordinates, the layout model
 * that tests assert on. `renderScene` turns it into SVG text; nothing else
 * writes SVG, so escaping lives in one place.
 */

export interface SceneRect extends Box {
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  opacity?: number;
  rx?: number;
  /** What the rect shows, for tests and for the `class` attribute ("press", "window", ...). */
  kind: string;
}

export interface SceneLine extends Segment {
  stroke: string;
  strokeWidth?: number;
  dash?: string;
  kind: string;
}

export interface SceneText {
  x: number;
  y: number;
  text: string;
  size: number;
  anchor: Anchor;
  fill?: string;
  bold?: boolean;
  kind: string;
  /** The area the text occupies (conservative), computed by `makeText`. */
  box: Box;
}

export interface Scene {
  width: number;
  height: number;
  title: string;
  background: string;
  rects: SceneRect[];
  lines: SceneLine[];
  texts: SceneText[];
}

/** A text item with its measured box. */
export function makeText(x: number, y: number, text: string, size: number, anchor: Anchor, kind: string, extra?: { fill?: string; bold?: boolean }): SceneText {
  return { x, y, text, size, anchor, kind, fill: extra?.fill, bold: extra?.bold, box: textBox(x, y, text, size, anchor) };
}

/** Escape text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&apos;";
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/** A number for an attribute: at most 2 decimals, no exponent. */
function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error("non-finite coordinate in a picture: " + n);
  return String(Math.round(n * 100) / 100);
}

function attrs(list: Array<[string, string | number | undefined]>): string {
  let out = "";
  for (const [k, v] of list) {
    if (v === undefined) continue;
    out += " " + k + '="' + (typeof v === "number" ? num(v) : escapeXml(v)) + '"';
  }
  return out;
}

/** The scene as a standalone SVG document. */
export function renderScene(scene: Scene): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    "<svg" +
      attrs([
        ["xmlns", "http://www.w3.org/2000/svg"],
        ["width", scene.width],
        ["height", scene.height],
        ["viewBox", "0 0 " + num(scene.width) + " " + num(scene.height)],
        ["font-family", FONT_FAMILY],
        ["xml:space", "preserve"],
      ]) +
      ">",
  );
  out.push("<title>" + escapeXml(scene.title) + "</title>");
  out.push("<rect" + attrs([["x", 0], ["y", 0], ["width", scene.width], ["height", scene.height], ["fill", scene.background]]) + "/>");
  for (const r of scene.rects) {
    out.push(
      "<rect" +
        attrs([
          ["class", r.kind],
          ["x", r.x],
          ["y", r.y],
          ["width", r.w],
          ["height", r.h],
          ["rx", r.rx],
          ["fill", r.fill],
          ["fill-opacity", r.opacity],
          ["stroke", r.stroke],
          ["stroke-width", r.strokeWidth],
        ]) +
        "/>",
    );
  }
  for (const l of scene.lines) {
    out.push(
      "<line" +
        attrs([
          ["class", l.kind],
          ["x1", l.x1],
          ["y1", l.y1],
          ["x2", l.x2],
          ["y2", l.y2],
          ["stroke", l.stroke],
          ["stroke-width", l.strokeWidth ?? 1],
          ["stroke-dasharray", l.dash],
        ]) +
        "/>",
    );
  }
  for (const t of scene.texts) {
    out.push(
      "<text" +
        attrs([
          ["class", t.kind],
          ["x", t.x],
          ["y", t.y],
          ["font-size", t.size],
          ["text-anchor", t.anchor],
          ["fill", t.fill ?? "#111"],
          ["font-weight", t.bold ? "bold" : undefined],
          ["data-box", [t.box.x, t.box.y, t.box.w, t.box.h].map(num).join(" ")],
        ]) +
        ">" +
        escapeXml(t.text) +
        "</text>",
    );
  }
  out.push("</svg>");
  return out.join("\n") + "\n";
}
