/**
 * The recipe advisor: production date + button count (+ model) -> the recipe
 * that applies, with the reasons, the warnings that cost keys when ignored,
 * and the sources (shared/domain.md section 1).
 *
 *   BMW E38/E39/E46/E53/E83/E85 ............................ bmw-zke
 *   MINI R50/R52/R53 built from 07/2004, 3 buttons ......... bmw-zke
 *   MINI R50/R52/R53 built before 07/2004, 2 buttons ....... mini-r50-early
 *   MINI with date and key type disagreeing ................ no recipe: explain, check first
 *
 * A pure function: no I/O, tested against a table built from domain.md.
 */
import { FIRST_MINI_BUILT, type CarModel } from "./models";
import { citeSources, type SourceId } from "./sources";

/** A built-in recipe's name (firmware/recipes/table.ts). */
export type RecipeName = string;

export interface AdviceInput {
  year: number;
  month: number;
  buttons: number;
  /** Undefined: the user did not say; the advisor assumes a MINI R50/R52/R53 and says so. */
  model?: CarModel;
}

export interface Advice {
  /** "recipe": one recipe applies; "contradiction": the facts disagree; "unsupported": no recipe fits. */
  verdict: "recipe" | "contradiction" | "unsupported";
  /** The recipe to run, or null when the user must check something first. */
  recipe: RecipeName | null;
  /** Recipes that could apply once the contradiction is resolved. */
  candidates: RecipeName[];
  /** The car as the advisor understood it, e.g. "MINI Cooper S (R53) built 03/2004". */
  car: string;
  /** True when no model was given and a MINI was assumed (each shell says so in its own words: a flag, a form field). */
  assumedModel: boolean;
  /** Why this verdict. */
  reasons: string[];
  /** What costs keys or time when ignored. */
  warnings: string[];
  sources: string[];
}

/** First production month of the facelift MINI (ZKE-style 3-button keys). */
export const MINI_FACELIFT = { year: 2004, month: 7 };

const ZKE_WARNING =
  "Every key you want to keep must be initialized in the SAME session, always in the same order: any key left out stops working.";
const ZKE_SOURCES: SourceId[] = ["bmwTraining", "bmwgm5", "precisionecu", "minimania", "seed", "axleaddict", "motoringalliance"];
const EARLY_SOURCES: SourceId[] = ["ownersManual", "mini2", "nam182496", "bmwtips", "seed"];

/** "07/2004" */
export function formatMonth(year: number, month: number): string {
  return `${String(month).padStart(2, "0")}/${year}`;
}

/** Is (year, month) on or after 07/2004? */
export function isFacelift(year: number, month: number): boolean {
  return year * 12 + month >= MINI_FACELIFT.year * 12 + MINI_FACELIFT.month;
}

/** The advice for one car and key. Input must already be validated (month 1..12, buttons >= 1). */
export function advise(input: AdviceInput): Advice {
  const built = formatMonth(input.year, input.month);
  const family = input.model ? input.model.family : "mini";
  const title = input.model ? input.model.title : "MINI R50/R52/R53";
  const base = {
    car: `${title} built ${built}, key with ${input.buttons} buttons`,
    assumedModel: input.model === undefined,
  };
  const outside = notBuiltThen(input);
  if (outside) return outside(base);
  if (family === "bmw") return adviseBmw(input, base);
  return adviseMini(input, base);
}

/**
 * A date outside the model's production years (without a model: the first
 * MINI's, 2001 to 2008): not covered, with what the advisor knows. A later
 * MINI (R56 from late 2006 on) has another key system (CAS) and a BMW outside
 * its years is another model: no recipe here fits either.
 */
function notBuiltThen(input: AdviceInput): ((base: Base) => Advice) | null {
  const [from, to] = input.model ? input.model.built : FIRST_MINI_BUILT;
  if (input.year >= from && input.year <= to) return null;
  const what = input.model ? input.model.title : "The first MINI (R50, R52, R53)";
  const instead =
    input.model?.family === "bmw"
      ? "Check the model on the type plate in the door pillar or decode the VIN."
      : input.year > to
        ? "A MINI built later is a second-generation R56 or newer, whose keys are coded through its CAS module: none of fobsync's recipes covers it."
        : "Check the production date on the type plate in the door pillar or decode the VIN.";
  return (base) => ({
    verdict: "unsupported",
    recipe: null,
    candidates: [],
    ...base,
    reasons: [`${what} was built from ${from} to ${to}; a car built ${formatMonth(input.year, input.month)} is not one.`, instead, "fobsync's recipes cover only the cars they name (fobsync recipes)."],
    warnings: ["Do not run a recipe for a car it does not name: a wrong procedure can cost keys."],
    // where the cars the recipes do name are listed
    sources: citeSources(input.model?.family === "bmw" ? ZKE_SOURCES : [...ZKE_SOURCES, ...EARLY_SOURCES].filter((s, i, all) => all.indexOf(s) === i)),
  });
}

type Base = Pick<Advice, "car" | "assumedModel">;

function adviseBmw(input: AdviceInput, base: Base): Advice {
  const reasons = [
    `${base.car.split(" built")[0]} has the ZKE / GM body module: keys are initialized by buttons after KL R (hold unlock, tap lock 3 times within 10 s).`,
  ];
  const warnings = [ZKE_WARNING];
  if (input.buttons !== 3) {
    warnings.push(
      `ZKE keys have 3 buttons (unlock, lock = logo, boot); a ${input.buttons}-button key is unusual for this car: make sure it is a key made for it before starting a session.`,
    );
  }
  return { verdict: "recipe", recipe: "bmw-zke", candidates: ["bmw-zke"], ...base, reasons, warnings, sources: citeSources(ZKE_SOURCES) };
}

function adviseMini(input: AdviceInput, base: Base): Advice {
  const built = formatMonth(input.year, input.month);
  const facelift = isFacelift(input.year, input.month);
  const sources = citeSources([...ZKE_SOURCES, ...EARLY_SOURCES].filter((s, i, all) => all.indexOf(s) === i));

  if (input.buttons !== 2 && input.buttons !== 3) {
    return {
      verdict: "unsupported", recipe: null, candidates: [], ...base,
      reasons: [`MINI R50/R52/R53 keys have 2 buttons (built before 07/2004) or 3 buttons (from 07/2004); a ${input.buttons}-button key is neither.`],
      warnings: ["Check that the key belongs to this car before pressing anything: a wrong procedure can cost a key."],
      sources,
    };
  }
  if (facelift && input.buttons === 3) {
    return {
      verdict: "recipe", recipe: "bmw-zke", candidates: ["bmw-zke"], ...base,
      reasons: [`Built ${built}: from 07/2004 the MINI has the ZKE-style body module and 3-button keys with a rechargeable cell; keys are initialized by buttons (hold unlock, tap lock 3 times within 10 s, within 30 s of KL R off).`,
        ...changeoverNote(input)],
      warnings: [ZKE_WARNING, "Never fit a primary (non-rechargeable) cell in a rechargeable key."],
      sources: citeSources(ZKE_SOURCES),
    };
  }
  if (!facelift && input.buttons === 2) {
    return {
      verdict: "recipe", recipe: "mini-r50-early", candidates: ["mini-r50-early"], ...base,
      reasons: [`Built ${built}: before 07/2004 the MINI has 2-button keys (CR2032 coin cell); buttons can only RE-SYNCHRONISE a key the car already knows (press a button 4 times, or ignition on/off then within 10 s unlock then lock).`,
        ...changeoverNote(input)],
      warnings: [
        "A MINI built before 07/2004 CANNOT learn a NEW or used key by buttons: it must be coded with a diagnostic tool (BMW DIS, Autel, ...) using the code on the key's tag.",
        "The ZKE procedure (hold unlock, tap lock 3 times) does NOT apply to this car: it is the instruction the seed's dealer gave for a 2004 car, and it cannot work before 07/2004.",
        "A battery swap that takes over a minute can lose sync; resync works for about 1000 presses out of step.",
      ],
      sources: citeSources(EARLY_SOURCES),
    };
  }
  if (!facelift) {
    return {
      verdict: "contradiction", recipe: null, candidates: ["mini-r50-early", "bmw-zke"], ...base,
      reasons: [
        `A MINI built ${built} (before 07/2004) left the factory with 2-button keys, but this key has 3 buttons.`,
        "Either the date is not the production date (the registration date can be months later: read the production month on the type plate in the door pillar or decode the VIN), or the key is a later 3-button key that this car's body module does not use.",
        "The body module decides, not the key: a car built before 07/2004 does not do the ZKE initialization (hold unlock, tap lock 3 times).",
        "Check the production date, then run `fobsync which` again."],
      warnings: ["Do not start a bmw-zke session until the production date is confirmed: on a facelift car every key left out of the session stops working."],
      sources,
    };
  }
  return {
    verdict: "contradiction", recipe: null, candidates: ["bmw-zke", "mini-r50-early"], ...base,
    reasons: [
      `A MINI built ${built} (from 07/2004) left the factory with 3-button keys (rechargeable cell), but this key has 2 buttons.`,
      "Either the date is not the production date (read it on the type plate in the door pillar or decode the VIN: a car built before 07/2004 and registered later takes 2-button keys), or the key is an early 2-button key that this car's body module does not accept.",
      "Check the production date, then run `fobsync which` again."],
    warnings: ["Do not start a bmw-zke session with a key that may not belong to the car: every key left out of the session stops working."],
    sources,
  };
}

/** A note when the production month is next to the 07/2004 changeover. */
function changeoverNote(input: AdviceInput): string[] {
  const months = input.year * 12 + input.month - (MINI_FACELIFT.year * 12 + MINI_FACELIFT.month);
  if (months < -2 || months > 2) return [];
  return ["The production month is next to the 07/2004 changeover: the key type (2-button coin cell vs 3-button rechargeable) confirms which system the car has."];
}
