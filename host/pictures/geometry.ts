/**
 * Plain geometry for the pictures' layout models: boxes and segments in SVG
 * user units (y grows downwards). Tests use the same predicates to prove that
 * no label overlaps another and no line runs through a label.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** True when two boxes share interior area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The smallest box holding every given box. */
export function unionBox(boxes: Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, w: 0, h: 0 };
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of boxes) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.w);
    y2 = Math.max(y2, b.y + b.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** A box grown by `by` on every side. */
export function inflate(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, w: b.w + 2 * by, h: b.h + 2 * by };
}

/** True when a horizontal or vertical segment passes through the interior of a box. */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  const minX = Math.min(s.x1, s.x2);
  const maxX = Math.max(s.x1, s.x2);
  const minY = Math.min(s.y1, s.y2);
  const maxY = Math.max(s.y1, s.y2);
  if (s.y1 === s.y2) return s.y1 > b.y && s.y1 < b.y + b.h && maxX > b.x && minX < b.x + b.w;
  if (s.x1 === s.x2) return s.x1 > b.x && s.x1 < b.x + b.w && maxY > b.y && minY < b.y + b.h;
  throw new Error("segmentHitsBox handles horizontal and vertical segments only");
}

/** True when two axis-parallel segments cross or overlap at a point that is not a shared end. */
export function segmentsCross(a: Segment, b: Segment): boolean {
  const ax = [Math.min(a.x1, a.x2), Math.max(a.x1, a.x2)];
  const ay = [Math.min(a.y1, a.y2), Math.max(a.y1, a.y2)];
  const bx = [Math.min(b.x1, b.x2), Math.max(b.x1, b.x2)];
  const by = [Math.min(b.y1, b.y2), Math.max(b.y1, b.y2)];
  const ix = [Math.max(ax[0], bx[0]), Math.min(ax[1], bx[1])];
  const iy = [Math.max(ay[0], by[0]), Math.min(ay[1], by[1])];
  if (ix[0] > ix[1] || iy[0] > iy[1]) return false;
  const single = ix[0] === ix[1] && iy[0] === iy[1];
  if (!single) return true;
  const p = { x: ix[0], y: iy[0] };
  const isEnd = (s: Segment) => (s.x1 === p.x && s.y1 === p.y) || (s.x2 === p.x && s.y2 === p.y);
  return !(isEnd(a) && isEnd(b));
}
