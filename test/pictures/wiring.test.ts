import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BoardDescription } from "../../hal/board";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { boxesOverlap, segmentHitsBox, segmentsCross } from "../../host/pictures/geometry";
import { loadBoard } from "../../host/pictures/board-source";
import { PictureInputError } from "../../host/pictures/errors";
import { layoutWiring } from "../../host/pictures/wiring-layout";
import { wiringDocSection, TABLE_END, TABLE_START } from "../../host/pictures/wiring-markdown";
import { renderWiringSvg } from "../../host/pictures/wiring-svg";
import { resistorPhrases, wiringTable } from "../../host/pictures/wiring-table";
import { linesThroughTexts, overlappingTexts, textsOutside } from "./scene-checks";
import { xmlProblems } from "./xml-check";

/** A second profile shape: one 2-button fob on open-drain pins, KL 15 through a divider, no options. */
const MINIMAL: BoardDescription = {
  id: "nodemcu-min",
  title: "NodeMCU, one 2-button fob <test & \"quotes\">",
  mcu: "esp8266",
  maxPressMs: 5000,
  pins: [
    { role: "fob1.lock", pin: 2, active: "low", drive: "open-drain" },
    { role: "fob1.unlock", pin: 1, active: "low", drive: "open-drain", part: "direct open-drain GPIO across the unlock pads" },
    { role: "ignition.kl15", pin: 5, active: "high", pull: "none", debounceMs: 30, part: "10k/3.3k divider from KL 15" },
  ],
};

describe("wiring table", () => {
  it("has one row per wired role, fobs first, with the part, resistors and far end", () => {
    const rows = wiringTable(ESP32_RELAY8);
    expect(rows.map((r) => r.role)).toEqual([
      "fob1.unlock", "fob1.lock", "fob1.boot", "fob2.unlock", "fob2.lock", "fob2.boot",
      "ignition.klr", "ignition.kl15", "lock.feedback", "door", "hazard", "rf", "fob1.battery", "fob2.battery",
    ]);
    const klr = rows.find((r) => r.role === "ignition.klr")!;
    expect(klr).toMatchObject({ gpio: "GPIO34", component: "optocoupler", connectsTo: "car KL R (ignition position 1)", electrical: "active low, no pull, debounce 50 ms" });
    expect(klr.resistors).toEqual(["6.8 kOhm 1 W series", "10 kOhm pull-up to 3.3 V"]);
    expect(rows.find((r) => r.role === "fob2.lock")).toMatchObject({ gpio: "GPIO21", component: "relay", connectsTo: "fob 2: lock button pads" });
    expect(rows.find((r) => r.role === "fob1.battery")).toMatchObject({ component: "divider", resistors: ["fob 1 cell via 100k/100k divider to ADC1_CH0 (VP)"] });
    expect(rows.find((r) => r.role === "rf")).toMatchObject({ component: "receiver", resistors: [] });
  });

  it("finds resistor values in part texts", () => {
    expect(resistorPhrases("PC817, 4.7 kOhm series, 1 MOhm bleed")).toEqual(["4.7 kOhm series", "1 MOhm bleed"]);
    expect(resistorPhrases("10k/3.3k divider from KL 15")).toEqual(["10k/3.3k divider from KL 15"]);
    expect(resistorPhrases("relay IN1")).toEqual([]);
  });
});

describe("wiring diagram", () => {
  for (const board of [ESP32_RELAY8, MINIMAL]) {
    it(`${board.id}: every wired role has a pin label, a part box and a far end joined by wires`, () => {
      const layout = layoutWiring(board);
      expect(layout.rows.map((r) => r.row.role).sort()).toEqual(board.pins.map((p) => p.role).sort());
      for (const r of layout.rows) {
        const label = layout.scene.texts.find((t) => t.kind === "pin-label" && t.text === `GPIO${r.row.pin}  ${r.row.role}`);
        expect(label, r.row.role).toBeDefined();
        // wire 1: board edge -> part box; wire 2: part box -> far end, both at the row's centre
        expect(r.wires[0].x1).toBeCloseTo(layout.board.x + layout.board.w + 3);
        expect(r.wires[0].x2).toBe(r.partBox.x);
        expect(r.wires[1].x1).toBe(r.partBox.x + r.partBox.w);
        expect(r.wires[1].x2).toBe(r.targetBox.x);
        for (const w of r.wires) expect([w.y1, w.y2]).toEqual([r.cy, r.cy]);
        expect(r.cy).toBeGreaterThan(r.partBox.y);
        expect(r.cy).toBeLessThan(r.partBox.y + r.partBox.h);
        expect(r.cy).toBeGreaterThan(r.targetBox.y);
        expect(r.cy).toBeLessThan(r.targetBox.y + r.targetBox.h);
        const farText = layout.scene.texts.filter((t) => t.kind === "target-label" && boxesOverlap(t.box, r.targetBox)).map((t) => t.text).join(" ");
        expect(farText).toBe(r.row.connectsTo);
      }
      const svg = renderWiringSvg(board);
      for (const p of board.pins) expect(svg).toContain(`GPIO${p.pin}  ${p.role}`);
    });

    it(`${board.id}: no text overlaps another, no line crosses a text, a box or another line`, () => {
      const { scene, rows } = layoutWiring(board);
      expect(overlappingTexts(scene)).toEqual([]);
      expect(linesThroughTexts(scene)).toEqual([]);
      expect(textsOutside(scene)).toEqual([]);
      const wires = rows.flatMap((r) => r.wires);
      for (let i = 0; i < wires.length; i++) for (let j = i + 1; j < wires.length; j++) expect(segmentsCross(wires[i], wires[j])).toBe(false);
      const boxes = rows.flatMap((r) => [r.partBox, r.targetBox]);
      for (const w of wires) for (const b of boxes) expect(segmentHitsBox(w, b)).toBe(false);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j])).toBe(false);
    });
  }

  it("is well-formed SVG with the board's text escaped", () => {
    const svg = renderWiringSvg(MINIMAL);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("&lt;test &amp; &quot;quotes&quot;&gt;");
    expect(xmlProblems(renderWiringSvg(ESP32_RELAY8))).toEqual([]);
  });

  it("shows the ignition optocouplers with their resistor values", () => {
    const { scene, rows } = layoutWiring(ESP32_RELAY8);
    const klr = rows.find((r) => r.row.role === "ignition.klr")!;
    const inBox = scene.texts.filter((t) => t.kind === "part-label" && boxesOverlap(t.box, klr.partBox)).map((t) => t.text).join(" ");
    expect(inBox).toBe("optocoupler PC817 from KL R, 6.8 kOhm 1 W series, 10 kOhm pull-up to 3.3 V");
  });
});

describe("--board", () => {
  const dir = mkdtempSync(join(tmpdir(), "fobsync-board-"));

  it("takes a profile id or a JSON file", () => {
    expect(loadBoard("esp32-relay8", dir)).toBe(ESP32_RELAY8);
    writeFileSync(join(dir, "min.json"), JSON.stringify(MINIMAL));
    expect(loadBoard("min.json", dir)).toEqual(MINIMAL);
  });

  it("refuses unknown names, bad JSON and invalid boards with every problem listed", () => {
    expect(() => loadBoard("esp32-relay9", dir)).toThrow(/esp32-relay9: no such profile or file \(profiles: esp32-relay8, esp32-relay8-4fobs, esp8266-relay4\)/);
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(() => loadBoard("bad.json", dir)).toThrow(/not valid JSON/);
    const twice = { ...MINIMAL, pins: [...MINIMAL.pins, { role: "door", pin: 5, active: "low", pull: "up", debounceMs: 50 }] };
    writeFileSync(join(dir, "twice.json"), JSON.stringify(twice));
    expect(() => loadBoard("twice.json", dir)).toThrow(PictureInputError);
    expect(() => loadBoard("twice.json", dir)).toThrow(/is not a valid board:\n {2}- pin 5 is used twice \(door\)/);
    writeFileSync(join(dir, "array.json"), "[]");
    expect(() => loadBoard("array.json", dir)).toThrow(/not a board description/);
  });
});

describe("docs/wiring.md and README.md", () => {
  it.each(["docs/wiring.md", "README.md"])("%s holds the default profile's table exactly as wiringTable renders it", (name) => {
    const doc = readFileSync(new URL("../../" + name, import.meta.url), "utf8");
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(doc.substring(start, end + TABLE_END.length)).toBe(wiringDocSection(ESP32_RELAY8));
  });

  it("shows docs/wiring.svg, which is the default profile's diagram", () => {
    const svg = readFileSync(new URL("../../docs/wiring.svg", import.meta.url), "utf8");
    expect(svg).toBe(renderWiringSvg(ESP32_RELAY8));
  });
});
