import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeRecipe } from "../../firmware/recipes/recipe-text";
import { encodeRecipe } from "../../firmware/recipes/recipe-encode";
import { RECIPES } from "../../firmware/recipes/table";
import { problemLine, readRecipeFile } from "../../host/recipes/recipe-file";
import { ESP32_RELAY8 } from "../../hal/board-profiles";
import { describe as sentence } from "../../host/protocol/texts";
import { Bench as FirmwareBench } from "../firmware/harness";

const dir = mkdtempSync(join(tmpdir(), "fobsync-recipe-file-"));
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Write `text` as a recipe file and read it back. */
function read(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return readRecipeFile(path);
}

/** The Ford recipe as a file, with `edit` applied to its data first. */
function fordWith(edit: (d: any) => void): string {
  const d = plain(RECIPES.find((r) => r.name === "ford-8x"));
  d.name = "my-ford";
  edit(d);
  return JSON.stringify(d, null, 2);
}

describe("recipe files: the schema, with the field and line of every problem", () => {
  it.each(RECIPES.map((r) => [r.name, r]))("%s exported as a file validates and reads back the same, encoding the same text for the board", (_name, r) => {
    const f = read(`${r.name}.json`, JSON.stringify(r, null, 2));
    expect(f.problems).toEqual([]);
    expect(plain(f.recipe)).toEqual(plain(r));
    expect(encodeRecipe(f.recipe!)).toBe(encodeRecipe(r));
    expect(plain(decodeRecipe(encodeRecipe(f.recipe!)).steps)).toEqual(plain(r.steps));
  });

  it("takes comments and leaves out the fields a step defaults (late, window, prompt, ack, count, minGap, span; confirm roles)", () => {
    const text = fordWith((d) => {
      d.steps[0] = { op: "edge", roles: ["ignition.kl15"], active: false, limit: "ignOnWaitMs", prompt: "ign-off" };
      d.steps[5] = { op: "confirm", hint: "ford-no-cycle" };
    }).replace('"maxKeys": 4,', '"maxKeys": 4, // Ford learns up to 4 remotes');
    const f = read("short.json", text);
    expect(f.problems).toEqual([]);
    expect(f.recipe!.steps[0]).toMatchObject({ late: "timeout", window: "", ack: "", count: "", minGap: "", span: "" });
    expect(f.recipe!.steps[5]).toMatchObject({ roles: ["lock.feedback"], pulses: "" });
  });

  it("refuses a time beyond what the board's timers hold, naming the field and the limit; the firmware refuses the same", () => {
    const text = fordWith((d) => {
      d.params.find((p: { name: string }) => p.name === "pressWindowMs").hi = 3_000_000_000;
    });
    const f = read("huge.json", text);
    expect(f.recipe).toBeNull();
    const i = RECIPES.find((r) => r.name === "ford-8x")!.params.findIndex((p) => p.name === "pressWindowMs");
    expect(f.problems.map((p) => [p.field, p.message])).toEqual([[`params[${i}].hi`, "at most 86400000 (a day in ms): the board's timers hold no longer"]]);
    // what a board gets when such a text reaches it anyway: its 9-digit reader cannot read the value, and it refuses
    const ford = plain(RECIPES.find((r) => r.name === "ford-8x"));
    const text9 = encodeRecipe(ford).replace(/pressWindowMs (\d+) (\d+) (\d+)/, "pressWindowMs 999999999 $2 999999999");
    expect(text9).toContain("pressWindowMs 999999999");
    const b = new FirmwareBench(ESP32_RELAY8, {}, { "fr.ford-8x": text9 }).start();
    const [ev] = b.send("pair ford-8x keys=1 confirm=1");
    expect(ev.fields).toMatchObject({ code: "recipe-invalid", id: "too-big", arg: "pressWindowMs", max: 86400000 });
    expect(sentence(ev)).toBe("pressWindowMs is over 86400000 ms (a day): the board's timers hold no longer");
  });

  it("names the field and its line for each problem, and reports them all", () => {
    const text = fordWith((d) => {
      d.params[1].defaultValue = 20;
      d.steps[1].limit = "nope";
      delete d.steps[3].id;
      d.steps[4].plan[0].button = "horn";
      d.steps[6].goTo = 7;
    });
    const f = read("bad.json", text);
    const lines = text.split("\n");
    const lineOf = (needle: string, after = 0) => lines.findIndex((l, i) => i >= after && l.includes(needle)) + 1;
    expect(f.recipe).toBeNull();
    expect(f.problems.map((p) => [p.field, p.line])).toEqual([
      ["params[1].defaultValue", lineOf('"defaultValue": 20')],
      ["steps[1].limit", lineOf('"nope"')],
      ["steps[3].id", lineOf('"op": "window"') - 1],
      ["steps[4].plan[0].button", lineOf('"horn"')],
      ["steps[6].goTo", lineOf('"goTo": 7')],
    ]);
    expect(problemLine("bad.json", f.problems[1])).toBe(`bad.json:${lineOf('"nope"')}: steps[1].limit: 'nope' is not a parameter of this recipe (parameters: ignOnWaitMs, cycles, cycleWindowMs, entryMs, pressWindowMs, delayMs, tapMs, button, confirmMs, retries)`);
  });

  it.each([
    ["not JSON", "{ \"name\": ", /^not JSON/],
    ["an unknown step kind", fordWith((d) => (d.steps[2].op = "wait")), /unknown step kind 'wait'/],
    ["a step field that does not exist", fordWith((d) => (d.steps[2].colour = "red")), /has no field 'colour'/],
    ["a parameter a step uses but the recipe does not declare", fordWith((d) => (d.params = d.params.filter((p: any) => p.name !== "delayMs"))), /uses parameter 'delayMs'/],
    ["'manual' with only forum sources", fordWith((d) => (d.sources = [{ cite: "a forum", confidence: "forum" }])), /'manual' needs a source whose confidence is 'manual'/],
    ["a name too long for Espruino's Storage", fordWith((d) => (d.name = "a-very-long-recipe-name-indeed")), /at most 24 characters/],
    ["a condition on an undeclared parameter", fordWith((d) => (d.steps[2].when = { param: "method", value: 1 })), /"param": <a parameter or "key">/],
    ["an input that is not one", fordWith((d) => (d.steps[1].roles = ["ignition"])), /a list of inputs/],
    ["more keys than the board takes", fordWith((d) => (d.maxKeys = 6)), /1\.\.4/],
    ["no end step last", fordWith((d) => d.steps.pop()), /the last step must be an end step/],
    ["defaults the board would refuse (a tap past its press ceiling)", fordWith((d) => (d.params.find((p: any) => p.name === "tapMs").defaultValue = d.params.find((p: any) => p.name === "tapMs").hi = 30000)), /the board would refuse keys=1 with its defaults: recipe-invalid id=cap/],
  ])("refuses %s", (_what, text, message) => {
    const f = read("x.json", text as string);
    expect(f.recipe).toBeNull();
    expect(f.problems.map((p) => p.message).join("\n")).toMatch(message as RegExp);
  });
});
