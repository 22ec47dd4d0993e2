/**
 * `fobsync which`: which recipe applies to my car and key? (host/advisor)
 */
import type { CommandModule, OptionSpec } from "../command-module";
import { addOptions, intIn } from "../command-module";
import { usageError, EXIT } from "../../common/errors";
import { advise, type Advice } from "../../advisor/advise";
import { findModel, MODELS } from "../../advisor/models";
import { adviseMake, OTHER_MAKES } from "../../advisor/other-makes";

interface WhichOptions {
  make: string;
  year: number;
  month: number;
  buttons: number;
  model?: string;
}

const MAKES = ["mini", "bmw", ...OTHER_MAKES];

const OPTIONS: OptionSpec[] = [
  { flags: "--make <make>", description: `car make: ${MAKES.join(", ")}`, default: "mini" },
  { flags: "--year <yyyy>", description: "production year, required (type plate in the door pillar, or VIN)", parse: intIn("--year", 1980, 2030) },
  { flags: "--month <m>", description: "production month 1-12 (MINI and BMW: required)", parse: intIn("--month", 1, 12) },
  { flags: "--buttons <n>", description: "buttons on the key (MINI and BMW: required)", parse: intIn("--buttons", 1, 6) },
  { flags: "--model <model>", description: `car model: MINI/BMW ${MODELS.map((m) => m.id).join(", ")} (default: assume MINI R50/R52/R53); other makes: shown as given` },
];

export const whichCommand: CommandModule<WhichOptions> = {
  name: "which",
  summary: "tell which pairing recipe applies to a car (make, production date, buttons, model)",
  configure(cmd) {
    addOptions(cmd, OPTIONS);
    cmd.addHelpText(
      "after",
      "\nExamples:\n  $ fobsync which --year 2004 --month 3 --buttons 2 --model R53\n  $ fobsync which --make ford --year 2006 --model Focus\n" +
        "Exits 0 when one recipe applies, 1 when the facts disagree or the year is outside what the sources cover.",
    );
  },
  async run(opts, { out }) {
    const make = opts.make.trim().toLowerCase();
    if (!MAKES.includes(make)) throw usageError(`unknown make '${opts.make}': fobsync knows ${MAKES.join(", ")}`);
    if (make !== "mini" && make !== "bmw") {
      if (opts.year === undefined) throw usageError("which needs --year (the production year)");
      const advice = adviseMake(make, opts.year, opts.model);
      out.emit({ type: "advice", ...advice }, humanAdvice(advice, out.paint.bind(out)));
      return advice.recipe ? EXIT.ok : EXIT.failed;
    }
    for (const flag of ["year", "month", "buttons"] as const) {
      if (opts[flag] === undefined) throw usageError(`which needs --year, --month and --buttons for a ${make === "bmw" ? "BMW" : "MINI"} (missing --${flag})`);
    }
    const model = opts.model === undefined ? undefined : findModel(opts.model);
    if (opts.model !== undefined && !model) {
      throw usageError(`unknown model '${opts.model}': known models are ${MODELS.map((m) => m.id).join(", ")}`);
    }
    if (make === "bmw" && model?.family !== "bmw") throw usageError(`--make bmw needs --model: ${MODELS.filter((m) => m.family === "bmw").map((m) => m.id).join(", ")}`);
    const advice = advise({ year: opts.year, month: opts.month, buttons: opts.buttons, model });
    out.emit({ type: "advice", ...advice }, humanAdvice(advice, out.paint.bind(out)));
    return advice.recipe ? EXIT.ok : EXIT.failed;
  },
};

/** The advice as lines for a person. */
function humanAdvice(a: Advice, paint: (tone: "ok" | "warn" | "error" | "heading" | "dim", t: string) => string): string[] {
  const verdict = a.recipe
    ? paint("ok", a.recipe)
    : paint("error", a.verdict === "contradiction" ? `none yet: the facts disagree (candidates: ${a.candidates.join(", ")})` : "not covered: no recipe of fobsync's fits this car");
  const lines = [`${paint("heading", "Car:   ")} ${a.car}`, `${paint("heading", "Recipe:")} ${verdict}`, "", paint("heading", "Why:")];
  if (a.assumedModel) lines.push("  - No --model given: assuming a MINI R50/R52/R53 (give --model E46 etc. for a BMW).");
  for (const r of a.reasons) lines.push(`  - ${r}`);
  if (a.warnings.length) {
    lines.push("", paint("heading", "Important:"));
    for (const w of a.warnings) lines.push(paint("warn", `  ! ${w}`));
  }
  lines.push("", paint("heading", "Sources:"));
  for (const s of a.sources) lines.push(paint("dim", `  - ${s}`));
  if (a.recipe) lines.push("", `Next: fobsync recipes (parameters), then fobsync pair --recipe ${a.recipe} --keys <how many keys you own> --port <port>`);
  return lines;
}
