import { boxesOverlap, segmentHitsBox } from "../../host/pictures/geometry";
import type { Scene } from "../../host/pictures/svg-builder";

/** Pairs of texts whose boxes overlap ("a" / "b"). */
export function overlappingTexts(scene: Scene): string[] {
  const out: string[] = [];
  const t = scene.texts;
  for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) if (boxesOverlap(t[i].box, t[j].box)) out.push(`"${t[i].text}" / "${t[j].text}"`);
  return out;
}

/** Lines that run through a text ("kind" -> "text"). */
export function linesThroughTexts(scene: Scene): string[] {
  const out: string[] = [];
  for (const l of scene.lines) for (const t of scene.texts) if (segmentHitsBox(l, t.box)) out.push(`${l.kind} -> "${t.text}"`);
  return out;
}

/** Texts that stick out of the picture. */
export function textsOutside(scene: Scene): string[] {
  return scene.texts.filter((t) => t.box.x < 0 || t.box.y < 0 || t.box.x + t.box.w > scene.width || t.box.y + t.box.h > scene.height).map((t) => t.text);
}
