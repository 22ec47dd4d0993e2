import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RECIPES } from "../../firmware/recipes/table";
import { buildCli, runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "fobsync-recipes-cli-"));

describe("fobsync recipes", () => {
  beforeAll(() => buildCli(), 60_000);

  it("lists every recipe with its cars, key counts, parameters, sources and confidence as NDJSON", () => {
    const r = runCli(["recipes", "--json"]);
    expect(r.code).toBe(0);
    const recs = r.records();
    const recipes = recs.filter((x) => x.type === "recipe");
    expect(recipes.map((x) => x.name)).toEqual(RECIPES.map((x) => x.name));
    const zke = recipes[0];
    expect(zke.keys).toEqual({ min: 1, max: 4 });
    expect(zke.params).toContainEqual({ name: "tapWindowMs", default: 10000, min: 1000, max: 10000 });
    expect(zke.params).toContainEqual({ name: "hold", default: "unlock", min: "unlock", max: "lock", values: ["unlock", "lock"] });
    expect(zke.sources).toContainEqual({ cite: "BMW training manual, central body electronics (E53/E46)", confidence: "manual" });
    expect(recipes.find((x) => x.name === "honda-4s")).toMatchObject({ keys: { min: 1, max: 3 }, confidence: "manual" });
    expect(recipes.filter((x) => x.confidence === "forum").map((x) => x.name)).toEqual(["mazda-3x", "vw-audi-90s", "gm-truck"]);
    expect(recs[recs.length - 1]).toEqual({ type: "recipes", count: RECIPES.length });
  });

  it("prints a readable list with cars, sources and how sure each is", () => {
    const r = runCli(["recipes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bmw-zke\s+ZKE key init/);
    expect(r.stdout).toMatch(/ALL keys in one session/);
    expect(r.stdout).toMatch(/sources: +BMW training manual.*\(manual\)/);
    expect(r.stdout).toMatch(/gm-truck[\s\S]*source: +forum only: pair asks you to accept that/);
    expect(r.stdout).not.toMatch(/^fob-test/m);
    expect(r.stdout).toMatch(/^fob bench test: fobsync test-fob/m);
  });

  it("export writes a built-in as a file that validate accepts; a broken copy gets the field and line of each problem (exit 2)", () => {
    const file = join(dir, "my.json");
    expect(runCli(["recipes", "export", "honda-4s", "--out", file]).code).toBe(0);
    const ok = runCli(["recipes", "validate", file, "--json"]);
    expect(ok.code).toBe(0);
    expect(ok.records().find((x) => x.type === "validated")).toMatchObject({ ok: true, name: "honda-4s", steps: 17, confidence: "manual" });
    const d = JSON.parse(readFileSync(file, "utf8"));
    d.name = "my-honda";
    d.steps[2].after = "soon";
    writeFileSync(file, JSON.stringify(d, null, 2));
    const bad = runCli(["recipes", "validate", file]);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(new RegExp(`${file}:\\d+: steps\\[2\\]\\.after: 'soon' is not a parameter of this recipe`));
  });

  it("a bad action, a missing file or argument, a stray --out: one line each, exit 2", () => {
    for (const [args, message] of [
      [["recipes", "frobnicate"], /unknown recipes action 'frobnicate'/],
      [["recipes", "validate"], /recipes validate needs a recipe file/],
      [["recipes", "validate", join(dir, "none.json")], /recipe file .*none\.json not found/],
      [["recipes", "export", "nosuch"], /unknown recipe 'nosuch'/],
      [["recipes", "install", "bmw-zke"], /recipes install needs --port/],
      [["recipes", "--out", "x.json"], /--out applies to recipes export only/],
    ] as const) {
      const r = runCli([...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it("pair runs a user's recipe file on the simulated bench: installed on the simulated board, confirmed", () => {
    const file = join(dir, "ford5.json");
    const d = JSON.parse(JSON.stringify(RECIPES.find((x) => x.name === "ford-8x")));
    d.name = "my-ford";
    writeFileSync(file, JSON.stringify(d));
    const r = runCli(["pair", "--recipe", file, "--keys", "2", "--sim", "ford", "--yes", "--sim-firmware", "core"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All 2 keys confirmed \(my-ford\)\./);
  });

  it("a forum-only recipe needs --trust-forum (or 'forum' typed at a terminal): refused before anything is sent, exit 2", () => {
    const refused = runCli(["pair", "--recipe", "gm-truck", "--keys", "1", "--sim", "gm", "--yes"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/gm-truck is forum-only: pass --trust-forum/);
    expect(refused.stdout).not.toMatch(/Sending:/);
    const ran = runCli(["pair", "--recipe", "gm-truck", "--keys", "1", "--sim", "gm", "--yes", "--trust-forum", "--sim-firmware", "core"]);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/Sending: +pair gm-truck keys=1 confirm=1 forum=1/);
  });
});
