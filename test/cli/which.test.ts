import { beforeAll, describe, expect, it } from "vitest";
import { advise } from "../../host/advisor/advise";
import { findModel } from "../../host/advisor/models";
import { buildCli, runCli } from "./run-cli";

/** Built from shared/domain.md section 1 (which procedure applies). */
const TABLE: Array<{ car: string; year: number; month: number; buttons: number; model?: string; recipe: string | null; verdict: string }> = [
  { car: "MINI facelift, 3 buttons", year: 2005, month: 3, buttons: 3, model: "R53", recipe: "bmw-zke", verdict: "recipe" },
  { car: "first facelift month", year: 2004, month: 7, buttons: 3, model: "R50", recipe: "bmw-zke", verdict: "recipe" },
  { car: "convertible", year: 2006, month: 11, buttons: 3, model: "R52", recipe: "bmw-zke", verdict: "recipe" },
  { car: "last early month", year: 2004, month: 6, buttons: 2, model: "R53", recipe: "mini-r50-early", verdict: "recipe" },
  { car: "the seed's 2004 Cooper S", year: 2004, month: 3, buttons: 2, model: "R53", recipe: "mini-r50-early", verdict: "recipe" },
  { car: "2002 One, model not given", year: 2002, month: 5, buttons: 2, recipe: "mini-r50-early", verdict: "recipe" },
  { car: "early car with a 3-button key", year: 2004, month: 3, buttons: 3, model: "R53", recipe: null, verdict: "contradiction" },
  { car: "facelift with a 2-button key", year: 2005, month: 1, buttons: 2, model: "R50", recipe: null, verdict: "contradiction" },
  { car: "BMW E46", year: 2001, month: 4, buttons: 3, model: "E46", recipe: "bmw-zke", verdict: "recipe" },
  { car: "BMW E53 X5", year: 2003, month: 9, buttons: 3, model: "bmw e53", recipe: "bmw-zke", verdict: "recipe" },
  { car: "BMW E39", year: 1999, month: 2, buttons: 3, model: "E39", recipe: "bmw-zke", verdict: "recipe" },
  { car: "BMW E38, E83, E85", year: 2004, month: 1, buttons: 3, model: "E85", recipe: "bmw-zke", verdict: "recipe" },
  { car: "MINI with a 4-button key", year: 2005, month: 1, buttons: 4, model: "R53", recipe: null, verdict: "unsupported" },
];

describe("recipe advisor (domain.md section 1)", () => {
  it.each(TABLE)("$car -> $recipe", (row) => {
    const a = advise({ year: row.year, month: row.month, buttons: row.buttons, model: row.model ? findModel(row.model) : undefined });
    expect(a.recipe).toBe(row.recipe);
    expect(a.verdict).toBe(row.verdict);
    expect(a.sources.length).toBeGreaterThan(0);
  });

  it("warns every ZKE user that keys left out of the session stop working", () => {
    const a = advise({ year: 2005, month: 1, buttons: 3, model: findModel("R53") });
    expect(a.warnings.join(" ")).toMatch(/left out stops working/);
  });

  it("tells the seed's user a new key needs a diagnostic tool and the dealer's ZKE steps do not apply", () => {
    const a = advise({ year: 2004, month: 3, buttons: 2, model: findModel("R53") });
    const text = a.warnings.join(" ");
    expect(text).toMatch(/CANNOT learn a NEW or used key by buttons/);
    expect(text).toMatch(/DIS, Autel/);
    expect(text).toMatch(/code on the key's tag/);
    expect(text).toMatch(/does NOT apply/);
    expect(text).toMatch(/dealer/);
  });

  it("explains a contradiction instead of guessing", () => {
    const a = advise({ year: 2004, month: 3, buttons: 3 });
    expect(a.candidates).toEqual(["mini-r50-early", "bmw-zke"]);
    expect(a.reasons.join(" ")).toMatch(/production date/);
    expect(a.assumedModel).toBe(true);
  });
});

describe("fobsync which (built CLI)", () => {
  beforeAll(() => buildCli(), 60_000);

  it("sends the seed's 2004 car to mini-r50-early and exits 0", () => {
    const r = runCli(["which", "--year", "2004", "--month", "3", "--buttons", "2", "--model", "R53"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recipe: mini-r50-early/);
    expect(r.stdout).toMatch(/ZKE procedure \(hold unlock, tap lock 3 times\) does NOT apply/);
    expect(r.stdout).toMatch(/Sources:/);
  });

  it("exits 1 on a contradiction and gives one advice record with --json", () => {
    const r = runCli(["which", "--json", "--year", "2004", "--month", "3", "--buttons", "3"]);
    expect(r.code).toBe(1);
    const [rec] = r.records();
    expect(rec).toMatchObject({ type: "advice", verdict: "contradiction", recipe: null });
  });

  it("refuses an unknown model (exit 2)", () => {
    const r = runCli(["which", "--year", "2004", "--month", "3", "--buttons", "3", "--model", "R56"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown model 'R56'/);
  });

  it("needs year, month and buttons (exit 2)", () => {
    const r = runCli(["which", "--year", "2004"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --month/);
  });
});
