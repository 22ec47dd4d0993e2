import { beforeAll, describe, expect, it } from "vitest";
import { BOARD_PROFILES, ESP32_RELAY8 } from "../../hal/board-profiles";
import { buildEspruinoBundle, ESPRUINO_SIZE_BUDGET, type EspruinoBundle } from "../../host/build/espruino-build";
import { parse } from "acorn";
import { full } from "acorn-walk";
import { checkDialect } from "../../host/build/dialect-gate";
import { MANGLED_PROPERTIES } from "../../host/build/espruino-mangle";
import { assertRoundTrip, detokenise, pretokenise, TOKEN_TEXTS } from "../../host/build/espruino-tokens";
import { RECIPE_INFO } from "../../firmware/recipes/info";
import { buildId } from "../../host/build/build-info";
import { FOUR_FOB_BOARD } from "../scenarios/boards";

let bundle: EspruinoBundle;

beforeAll(() => {
  bundle = buildEspruinoBundle();
});

describe("Espruino bundle build", () => {
  it("passes the dialect gate (the build ran it; checked again here)", () => {
    expect(checkDialect(bundle.code)).toEqual([]);
  });

  it("bakes in the version, the build id and the board", () => {
    expect(bundle.code).toContain(`"${bundle.version}"`);
    expect(bundle.code).toContain(`"${bundle.build}"`);
    expect(bundle.build).toMatch(/^[0-9a-f]{8}$/);
    expect(bundle.code).toContain('"esp32-relay8"');
    expect(bundle.boardId).toBe("esp32-relay8");
  });

  it("gives the same build id for the same sources and board, another for another board", () => {
    expect(buildEspruinoBundle().build).toBe(bundle.build);
    expect(buildEspruinoBundle({ board: FOUR_FOB_BOARD }).build).not.toBe(bundle.build);
    expect(bundle.build).toBe(buildId(bundle.code.replace(bundle.build, "@@BUILD@")));
  });

  it("refuses an invalid board and names the problem", () => {
    const bad = { ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.map((p) => (p.role === "fob1.lock" ? { ...p, pin: 16 } : p)) };
    expect(() => buildEspruinoBundle({ board: bad })).toThrow(/pin 16 is used twice/);
  });

  it("bakes the board with active low left out (the default the firmware assumes), active high kept", () => {
    expect(bundle.code).not.toContain('"low"');
    expect(bundle.code).toContain('"high"'); // rf
    const high = { ...ESP32_RELAY8, pins: ESP32_RELAY8.pins.map((p) => (p.role === "fob1.unlock" ? { ...p, active: "high" as const } : p)) };
    expect(buildEspruinoBundle({ board: high }).code).toMatch(/"fob1\.unlock",[^}]*"high"/);
  });

  it("leaves no global behind but the entry function fs", () => {
    expect(bundle.code.startsWith("(()=>{")).toBe(true);
    expect(bundle.code).toContain("global.fs=");
  });

  it("carries ids, not text: no recipe titles or sources, no board title or parts, no validation, no sentences", () => {
    const hostOnly = [
      ...Object.values(RECIPE_INFO).flatMap((i) => [i.title, ...i.sources.split(";").map((x) => x.trim())]),
      ESP32_RELAY8.title,
      `"${ESP32_RELAY8.mcu}"`,
      ...ESP32_RELAY8.pins.map((p) => p.part ?? ""),
      "is used twice",
      "must be",
      "not wired",
      "start again",
      "diagnostic tool",
    ];
    for (const text of hostOnly) expect(bundle.code, text).not.toContain(text);
    expect(bundle.code).toContain('"fob1.unlock"');
  });

  it("shortens only allow-listed internal property names, none of them an API or protocol name", () => {
    // every property the bundle still reads or writes by name: the APIs it talks to (Espruino, JS built-ins)
    const apiNames = new Set<string>();
    full(parse(bundle.code, { ecmaVersion: "latest" }), (n) => {
      if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") apiNames.add(n.property.name);
      if (n.type === "Property" && n.key.type === "Identifier") apiNames.add(n.key.name);
    });
    for (const name of MANGLED_PROPERTIES) {
      expect(apiNames.has(name), `${name} is still used by name after mangling`).toBe(false);
      expect(["on", "min", "max", "keys", "debounce", "state", "time", "edge", "repeat", "mode", "message", "fs", "length"]).not.toContain(name);
    }
    expect([...apiNames].filter((n) => /^(on|max|min|stopAP|disconnect|setOptions|enableWatchdog|state|time|edge|repeat|debounce|message)$/.test(n)).sort()).toEqual(
      ["debounce", "disconnect", "edge", "enableWatchdog", "max", "message", "min", "on", "repeat", "setOptions", "state", "stopAP", "time"],
    );
  });

  it("ships the pretokenised form, which reads back as the same program (negative integers signed, as jslex.c reads them)", () => {
    expect(bundle.bytes).toBe(Buffer.byteLength(bundle.shipped, "latin1"));
    expect(bundle.bytes).toBeLessThan(bundle.code.length);
    expect(() => assertRoundTrip(bundle.code, bundle.shipped)).not.toThrow();
    expect(detokenise(pretokenise("f(-1,-300,'a b',0);return x"))).toBe('f(-1,-300,"a b",0);return x');
    const tokens = pretokenise("if(a===b)return-1");
    expect(tokens.charCodeAt(0)).toBe(138 + TOKEN_TEXTS.indexOf("if"));
    expect(detokenise(tokens)).toBe("if(a===b)return-1");
  });

  it(`is at most ${ESPRUINO_SIZE_BUDGET} bytes as shipped, for every board profile (issue budget: 10 KB minified)`, () => {
    console.log(`espruino bundle: ${bundle.bytes} bytes (budget ${ESPRUINO_SIZE_BUDGET}, ${ESPRUINO_SIZE_BUDGET - bundle.bytes} to spare)`);
    expect(ESPRUINO_SIZE_BUDGET).toBe(10 * 1024);
    expect(bundle.bytes).toBeLessThanOrEqual(ESPRUINO_SIZE_BUDGET);
    for (const board of BOARD_PROFILES.filter((b) => b.id !== ESP32_RELAY8.id)) {
      const other = buildEspruinoBundle({ board });
      console.log(`espruino bundle for ${board.id}: ${other.bytes} bytes`);
      expect(other.bytes, board.id).toBeLessThanOrEqual(ESPRUINO_SIZE_BUDGET);
    }
  });
});
