/**
 * The makes beyond MINI and BMW (shared/domain-more-cars.md): which recipe a
 * make and production year take, from the years the sources cover. Outside
 * them the advisor names the candidate but does not recommend it: timing
 * varies by model year, and a wrong procedure can erase the remotes.
 */
import { findRecipe } from "../../firmware/recipes/table";
import type { Advice } from "./advise";

interface MakeRule {
  /** What the user may type for the make (lower case). */
  names: string[];
  title: string;
  recipe: string;
  /** Production years the sources cover. */
  from: number;
  to: number;
  why: string;
  warnings: string[];
}

const ERASES = "Entering the learn mode erases every remote not programmed in the same session: have ALL your remotes ready (pair asks how many you own).";

const RULES: MakeRule[] = [
  { names: ["ford"], title: "Ford", recipe: "ford-8x", from: 1995, to: 2010, why: "Fords before about 2011 enter remote programming by turning the ignition OFF->RUN 8 times within 10 s (older models: 5, cycles=5); the locks cycle to confirm.", warnings: [ERASES, "Later Fords (intelligent access, push start) need a diagnostic tool."] },
  { names: ["honda"], title: "Honda", recipe: "honda-4s", from: 2003, to: 2006, why: "The service manuals of the 2003 Accord and 2005-06 Odyssey give ON, a remote button, LOCK three times, then ON and the button, every step 1 to 4 s after the last: the board times the presses and watches your key turns.", warnings: [ERASES, "At most 3 remotes: a 4th overwrites the oldest."] },
  { names: ["nissan"], title: "Nissan", recipe: "nissan-6x", from: 1993, to: 2015, why: "Many Nissans of 1993-2015 learn remotes after the key is inserted and removed 6 times within 10 s (not faster), then ACC; the hazards flash twice per remote.", warnings: [ERASES, "Only some models: check your owner's manual names this procedure. The hazard input confirms each remote; without it results are unverified."] },
  { names: ["mazda"], title: "Mazda", recipe: "mazda-3x", from: 1999, to: 2009, why: "The Mazda3 (2004-09) and Protegé learn remotes with the driver's door open, the key LOCK<->ON 3 times within 10 s, the door 3 times, then any button twice per remote.", warnings: [ERASES, "A 4th key cycle starts the diagnostic mode instead: the board ends the session when it sees one.", "Forum sources only: pair asks you to accept that."] },
  { names: ["vw", "volkswagen", "audi"], title: "VW/Audi", recipe: "vw-audi-90s", from: 1996, to: 2000, why: "Late-1990s VW and Audi comfort modules code a remote into memory slot N when unlock is pressed N times within 5 s of locking the door with its key blade.", warnings: ["Key N goes into slot N: a remote already there is replaced.", "Forum sources only (quoting factory text): pair asks you to accept that."] },
  { names: ["gm", "chevrolet", "chevy", "gmc"], title: "GM truck", recipe: "gm-truck", from: 1999, to: 2006, why: "Forum posts describe GM trucks of about 1999-2006 entering programming with the driver's unlock switch held through ignition ON-OFF-ON-OFF; each remote's lock+unlock is held about 15 s.", warnings: [ERASES, "Forum sources only: pair asks you to accept that.", "Some trucks want a 30 s hold, longer than the board's press ceiling: those need a person's hands."] },
];

/** The makes the advisor knows besides MINI and BMW. */
export const OTHER_MAKES = RULES.flatMap((r) => r.names);

/** Advice for a make of RULES (`make` lower case, one of OTHER_MAKES) built in `year`. */
export function adviseMake(make: string, year: number, model: string | undefined): Advice {
  const rule = RULES.find((r) => r.names.includes(make)) as MakeRule;
  const recipe = findRecipe(rule.recipe)!;
  const car = `${rule.title}${model ? ` ${model}` : ""} built ${year}`;
  const sources = recipe.sources.map((s) => `${s.cite} (${s.confidence})`);
  const base = { car, assumedModel: false, candidates: [rule.recipe], sources };
  if (year < rule.from || year > rule.to) {
    return {
      ...base,
      verdict: "unsupported",
      recipe: null,
      reasons: [rule.why, `The sources cover ${rule.title} cars built ${rule.from}-${rule.to}; a car built ${year} may differ (timing varies by model year).`, `If your owner's manual gives the same steps with other times, set ${rule.recipe}'s timing parameters to match it.`],
      warnings: rule.warnings,
    };
  }
  return { ...base, verdict: "recipe", recipe: rule.recipe, reasons: [rule.why, `Built ${year}: within the years the sources cover (${rule.from}-${rule.to}).`], warnings: rule.warnings };
}
