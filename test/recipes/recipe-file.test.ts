import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeRecipe } from "../../firmware/recipes/recipe-text";
import { encodeRecipe } from "../../firmware/recipes/recipe-encode";
import { RECIPES } from "../../firmware/recipes/table";
import { problemLine, readRecipeFile } from "../../host/recipes/recipe-file";

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
