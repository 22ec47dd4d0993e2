import type { Box } from "./geometry";

/**
 * Conservative text measurement without a browser. The pictures use a
 * monospace font, whose ASCII advance is 0.6 em in DejaVu Sans Mono and
 * Liberation Mono; we budget 0.62 em, and a full 1 em for anything outside
 * ASCII (check marks, which may come from a fallback font). Heights budget
 * 0.8 em above the baseline and 0.25 em below.
 */

export const FONT_FAMILY = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace";
const ASCII_EM = 0.62;
const WIDE_EM = 1.0;
const ASCENT_EM = 0.8;
const DESCENT_EM = 0.25;

export type Anchor = "start" | "middle" | "end";

/** Width in user units of `text` at `size` (upper bound). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x80 ? ASCII_EM : WIDE_EM;
  return em * size;
}

/** Height of one line of text at `size` (ascent + descent). */
export function lineHeight(size: number): number {
  return (ASCENT_EM + DESCENT_EM) * size;
}

/** The box a text drawn at baseline (x, y) with `anchor` occupies. */
export function textBox(x: number, y: number, text: string, size: number, anchor: Anchor): Box {
  const w = textWidth(text, size);
  const left = anchor === "start" ? x : anchor === "middle" ? x - w / 2 : x - w;
  return { x: left, y: y - ASCENT_EM * size, w, h: lineHeight(size) };
}

/** The baseline y for a line whose box top is `top`. */
export function baselineFromTop(top: number, size: number): number {
  return top + ASCENT_EM * size;
}

/**
 * Greedy word wrap to at most `maxChars` characters per line; a word longer
 * than the limit is split. Never returns an empty list for non-empty text.
 */
export function wrapText(text: string, maxChars: number): string[] {
  if (maxChars < 1) throw new Error("wrapText: maxChars must be at least 1");
  const lines: string[] = [];
  let line = "";
  for (const raw of text.split(/\s+/).filter((w) => w.length > 0)) {
    let word = raw;
    while (word.length > maxChars) {
      if (line) {
        lines.push(line);
        line = "";
      }
      lines.push(word.substring(0, maxChars));
      word = word.substring(maxChars);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
