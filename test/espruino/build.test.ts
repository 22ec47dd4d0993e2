import { minify_sync } from "terser";
import { parse } from "acorn";
import { beforeAll, describe, expect, it } from "vitest";
import { TOP_LEVEL_PREFIX } from "../../host/bundler/espruino/unwrap-scope";
import { BOARD_PROFILES, ESP32_RELAY8 } from "../../hal/board-profiles";
import { buildEspruinoBundle, ESPRUINO_PASSES, ESPRUINO_SIZE_LIMIT, type EspruinoBundle } from "../../host/bundler/espruino-build";
import { checkDialect } from "../../host/bundler/espruino/dialect-gate";
import { assertRoundTrip, detokenise, pretokenise, TOKEN_TEXTS } from "../../host/bundler/espruino/pretokenise";
import { recipeFiles, RECIPES } from "../../firmware/recipes/table";
import { buildId } from "../../host/bundler/build-info";
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

  it("declares every top-level name with a $ in front (no name of Espruino's, nothing typed by accident), and sets the entry function fs", () => {
    const program = parse(bundle.code, { ecmaVersion: 2022, sourceType: "script" }) as unknown as { body: { type: string; id?: { name: string }; declarations?: { id: { type: string; name?: string } }[] }[] };
    const names = program.body.flatMap((s) => (s.type === "FunctionDeclaration" ? [s.id!.name] : s.type === "VariableDeclaration" ? s.declarations!.map((d) => d.id.name ?? d.id.type) : []));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => !n.startsWith(TOP_LEVEL_PREFIX))).toEqual([]);
    expect(bundle.code).toContain("global.fs=");
  });

  it("carries ids, not text: no recipes (they are files of their own), no recipe titles or sources, no board title or parts, no validation, no sentences", () => {
    const hostOnly = [
      ...RECIPES.flatMap((r) => [r.title, ...r.cars, ...r.sources.map((x) => x.cite)]),
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

  it("is the declared pipeline: esbuild, then each pass in order, on well-kept tools", () => {
    expect(ESPRUINO_PASSES.map((p) => p.name)).toEqual(["terser", "unwrap-scope", "build-id", "dialect-gate", "pretokenise"]);
    expect(bundle.stages.map((s) => s.name)).toEqual(["esbuild", "terser", "unwrap-scope", "build-id", "dialect-gate", "pretokenise"]);
    expect(bundle.stages[bundle.stages.length - 1].code).toBe(bundle.shipped);
    expect(bundle.stages[3].code).toBe(bundle.code);
  });

  it("runs terser with inline: 1: its default inlining writes a var after its uses, which the gate refuses (Espruino does not hoist var)", () => {
    const esbuilt = bundle.stages[0].code;
    const deeper = minify_sync(esbuilt, { ecma: 2015, compress: { passes: 3, hoist_funs: true }, mangle: true }).code!;
    expect(checkDialect(deeper).some((v) => v.construct.includes("used before its var declaration"))).toBe(true);
    expect(checkDialect(bundle.code)).toEqual([]);
  });

  it("carries no recipe: each is a Storage file of its own (fr.<name>), read when a command needs it", () => {
    for (const text of Object.values(recipeFiles())) expect(bundle.code).not.toContain(text.split("\n")[0]);
    expect(bundle.code).toContain('"fr."');
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

  it(`stays under the ${ESPRUINO_SIZE_LIMIT}-byte sanity limit for every board profile (RAM is the budget: interpreter-board.test.ts)`, () => {
    for (const board of BOARD_PROFILES) expect(buildEspruinoBundle({ board }).bytes, board.id).toBeLessThan(ESPRUINO_SIZE_LIMIT);
  });
});
