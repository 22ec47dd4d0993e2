import { beforeAll, describe, expect, it } from "vitest";
import { advise } from "../../host/advisor/advise";
import { findModel } from "../../host/advisor/models";
import { adviseMake, OTHER_MAKES } from "../../host/advisor/other-makes";
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
  { car: "last E83 year", year: 2010, month: 6, buttons: 3, model: "E83", recipe: "bmw-zke", verdict: "recipe" },
  { car: "an 'E39' built after the E39 ended", year: 2010, month: 3, buttons: 3, model: "E39", recipe: null, verdict: "unsupported" },
  { car: "an 'E46' built before the E46 began", year: 1990, month: 3, buttons: 3, model: "E46", recipe: null, verdict: "unsupported" },
  { car: "an 'R53' built after the R53 ended", year: 2007, month: 3, buttons: 3, model: "R53", recipe: null, verdict: "unsupported" },
  { car: "a MINI of the second generation, model not given", year: 2012, month: 5, buttons: 3, recipe: null, verdict: "unsupported" },
];

/** Built from shared/domain-more-cars.md: the make and the years its sources cover. */
const MAKES: Array<{ make: string; year: number; recipe: string | null; candidate: string }> = [
  { make: "ford", year: 2006, recipe: "ford-8x", candidate: "ford-8x" },
  { make: "ford", year: 2014, recipe: null, candidate: "ford-8x" },
  { make: "honda", year: 2005, recipe: "honda-4s", candidate: "honda-4s" },
  { make: "honda", year: 2012, recipe: null, candidate: "honda-4s" },
  { make: "nissan", year: 1995, recipe: "nissan-6x", candidate: "nissan-6x" },
  { make: "mazda", year: 2007, recipe: "mazda-3x", candidate: "mazda-3x" },
  { make: "audi", year: 1998, recipe: "vw-audi-90s", candidate: "vw-audi-90s" },
  { make: "chevrolet", year: 2003, recipe: "gm-truck", candidate: "gm-truck" },
];

describe("recipe advisor: the other makes (domain-more-cars.md)", () => {
  it.each(MAKES)("$make $year -> $recipe", (row) => {
    const a = adviseMake(row.make, row.year, undefined);
    expect(a.recipe).toBe(row.recipe);
    expect(a.candidates).toEqual([row.candidate]);
    expect(a.verdict).toBe(row.recipe ? "recipe" : "unsupported");
    expect(a.sources.every((s) => / \((manual|forum)\)$/.test(s))).toBe(true);
  });

  it("warns that entering the learn mode erases the remotes left out, and says when a recipe is forum-only", () => {
    expect(adviseMake("honda", 2005, undefined).warnings.join(" ")).toMatch(/erases every remote not programmed/);
    expect(adviseMake("gm", 2003, undefined).warnings.join(" ")).toMatch(/Forum sources only/);
  });
});

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

  it("words no shell's input itself: the assumed model is a field, each shell names its own way to give one", () => {
    for (const a of [advise({ year: 2004, month: 3, buttons: 3 }), advise({ year: 2005, month: 3, buttons: 3 }), advise({ year: 2003, month: 3, buttons: 2 })]) {
      expect(a.assumedModel).toBe(true);
      expect([...a.reasons, ...a.warnings].join(" ")).not.toMatch(/--\w/);
    }
    for (const make of OTHER_MAKES) {
      for (const year of [1990, 2005]) {
        const a = adviseMake(make, year, undefined);
        expect([...a.reasons, ...a.warnings].join(" "), make).not.toMatch(/--\w/);
      }
    }
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
    expect(r.stdout).not.toMatch(/No --model given/);
  });

  it("says it assumed a first-generation MINI, naming the flag that changes it, when no --model is given", () => {
    const r = runCli(["which", "--year", "2005", "--month", "3", "--buttons", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Why:\n  - No --model given: assuming a MINI R50\/R52\/R53 \(give --model E46 etc\. for a BMW\)\./);
  });

  it("exits 1 on a contradiction and gives one advice record with --json", () => {
    const r = runCli(["which", "--json", "--year", "2004", "--month", "3", "--buttons", "3"]);
    expect(r.code).toBe(1);
    const [rec] = r.records();
    expect(rec).toMatchObject({ type: "advice", verdict: "contradiction", recipe: null });
  });

  it("knows its limits: a model built outside its years is not covered (exit 1), saying what it knows", () => {
    const e39 = runCli(["which", "--make", "bmw", "--model", "E39", "--year", "2010", "--month", "3", "--buttons", "3"]);
    expect(e39.code).toBe(1);
    expect(e39.stdout).toMatch(/Recipe: not covered: no recipe of fobsync's fits this car/);
    expect(e39.stdout).toMatch(/BMW 5 Series \(E39\) was built from 1995 to 2004; a car built 03\/2010 is not one\./);
    const mini = runCli(["which", "--json", "--year", "2012", "--month", "5", "--buttons", "3"]);
    expect(mini.code).toBe(1);
    expect(mini.records()[0]).toMatchObject({ verdict: "unsupported", recipe: null, reasons: expect.arrayContaining([expect.stringMatching(/R56 or newer, whose keys are coded through its CAS module/)]) });
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

  it("--make ford --year 2006: ford-8x with its sources (exit 0); a make it does not know is exit 2; a BMW needs its model", () => {
    const r = runCli(["which", "--make", "Ford", "--year", "2006", "--model", "Focus", "--json"]);
    expect(r.code).toBe(0);
    expect(r.records()[0]).toMatchObject({ type: "advice", recipe: "ford-8x", car: "Ford Focus built 2006" });
    const unknown = runCli(["which", "--make", "tesla", "--year", "2020"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown make 'tesla': fobsync knows mini, bmw, ford/);
    const bmw = runCli(["which", "--make", "bmw", "--year", "2001", "--month", "4", "--buttons", "3"]);
    expect(bmw.code).toBe(2);
    expect(bmw.stderr).toMatch(/--make bmw needs --model: E38/);
  });
});
