import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { boxesOverlap } from "../../host/pictures/geometry";
import { parseSessionLog, pickSession } from "../../host/pictures/session-log";
import { renderScene, type Scene } from "../../host/pictures/svg-builder";
import { layoutTiming } from "../../host/pictures/timing-layout";
import { layoutWiring } from "../../host/pictures/wiring-layout";
import { dumpDom, pageErrors, screenshot } from "./chromium";
import { measurePage, readMeasurements } from "./measure-page";
import { decodePng, pixelStats } from "./png-decode";

/**
 * The pictures in a real browser: Debian's headless Chromium parses them,
 * measures every label with the real font, and renders them to PNG.
 */
const dir = mkdtempSync(join(tmpdir(), "fobsync-render-"));
const log = (name: string) => pickSession(parseSessionLog(readFileSync(new URL("./fixtures/" + name, import.meta.url), "utf8"))).events;
const scenes: Record<string, Scene> = {
  wiring: layoutWiring(ESP32_RELAY8).scene,
  "timing-ok": layoutTiming(log("zke-2keys.txt")).scene,
  "timing-violation": layoutTiming(log("zke-violation.ndjson")).scene,
};
const svgs: Record<string, string> = {};
for (const [name, scene] of Object.entries(scenes)) svgs[name] = renderScene(scene);

describe("pictures in headless Chromium", () => {
  it("parses every SVG, and every label measured with the real font fits its layout box", { timeout: 120_000 }, () => {
    const page = join(dir, "measure.html");
    writeFileSync(page, measurePage(svgs));
    const run = dumpDom(page);
    expect(run.status).toBe(0);
    expect(pageErrors(run)).toEqual([]);
    const { errors, results } = readMeasurements(run.stdout);
    expect(errors).toEqual([]);
    for (const name of Object.keys(svgs)) {
      const r = results[name];
      expect(r.parserError, name).toBe("");
      expect(r.texts).toHaveLength(scenes[name].texts.length);
      for (const t of r.texts) {
        const [mx, , mw] = t.measured;
        const [bx, , bw] = t.budget;
        // width from the real font never exceeds the estimate; the position may differ by sub-pixel placement
        expect(mw, `${name}: "${t.text}" is wider than estimated`).toBeLessThanOrEqual(bw);
        expect(mx, `${name}: "${t.text}" starts left of its box`).toBeGreaterThanOrEqual(bx - 1);
        expect(mx + mw, `${name}: "${t.text}" ends right of its box`).toBeLessThanOrEqual(bx + bw + 1);
      }
      // Real glyph boxes (font ascent/descent, wider than the ink) still do not overlap.
      const boxes = r.texts.map((t) => ({ text: t.text, box: { x: t.measured[0], y: t.measured[1], w: t.measured[2], h: t.measured[3] } }));
      const clashes: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) if (boxesOverlap(boxes[i].box, boxes[j].box)) clashes.push(`"${boxes[i].text}" / "${boxes[j].text}"`);
      expect(clashes, name).toEqual([]);
    }
  });

  for (const name of Object.keys(svgs)) {
    it(`renders ${name}.svg to a PNG that is not blank`, { timeout: 120_000 }, () => {
      const scene = scenes[name];
      const svg = join(dir, name + ".svg");
      const png = join(dir, name + ".png");
      writeFileSync(svg, svgs[name]);
      const run = screenshot(svg, png, scene.width, scene.height);
      expect(run.status).toBe(0);
      expect(pageErrors(run)).toEqual([]);
      const pixels = decodePng(readFileSync(png));
      expect([pixels.width, pixels.height]).toEqual([scene.width, scene.height]);
      const stats = pixelStats(pixels);
      expect(stats.inkShare).toBeGreaterThan(0.03);
      expect(stats.colours).toBeGreaterThan(20);
      // the top-left pixel is the white background, the picture's own
      expect(Array.from(pixels.rgba.subarray(0, 3))).toEqual([255, 255, 255]);
      if (name === "timing-violation") expect(hasColour(pixels.rgba, [0xd0, 0x02, 0x1b])).toBe(true);
      if (name !== "wiring") expect(hasColour(pixels.rgba, [0x1f, 0x5f, 0xbf])).toBe(true);
    });
  }
});

function hasColour(rgba: Uint8Array, rgb: number[]): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] === rgb[0] && rgba[i + 1] === rgb[1] && rgba[i + 2] === rgb[2]) return true;
  return false;
}
