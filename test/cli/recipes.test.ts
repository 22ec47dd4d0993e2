import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, runCli } from "./run-cli";

describe("fobsync recipes", () => {
  beforeAll(() => buildCli(), 60_000);

  it("lists every recipe with key counts, parameters and sources as NDJSON", () => {
    const r = runCli(["recipes", "--json"]);
    expect(r.code).toBe(0);
    const recs = r.records();
    const recipes = recs.filter((x) => x.type === "recipe");
    expect(recipes.map((x) => x.name)).toEqual(["bmw-zke", "mini-r50-early"]);
    const zke = recipes[0];
    expect(zke.keys).toEqual({ min: 1, max: 4 });
    expect(zke.params).toContainEqual({ name: "tapWindowMs", default: 10000, min: 1000, max: 10000 });
    expect(zke.params).toContainEqual({ name: "hold", default: "unlock", min: "unlock", max: "lock", values: ["unlock", "lock"] });
    expect(zke.sources.length).toBeGreaterThan(1);
    expect(recs[recs.length - 1]).toEqual({ type: "recipes", count: 2 });
  });

  it("prints a readable list with sources", () => {
    const r = runCli(["recipes"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bmw-zke\s+ZKE key init/);
    expect(r.stdout).toMatch(/ALL keys in one session/);
    expect(r.stdout).toMatch(/sources: +BMW training manual/);
    // the bench test is the host's, not a recipe
    expect(r.stdout).not.toMatch(/^fob-test/m);
    expect(r.stdout).toMatch(/^fob bench test: fobsync test-fob/m);
  });
});
