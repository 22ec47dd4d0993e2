/**
 * `fobsync recipes`: the procedures the firmware runs, with their key counts,
 * parameters (default and range) and sources. Read from the firmware's own
 * recipe table (firmware/recipes), so host and board cannot disagree.
 */
import type { CommandModule } from "../command-module";
import { EXIT } from "../../common/errors";
import { paramValueText, type Param } from "../../../firmware/recipes/params";
import { RECIPES } from "../../../firmware/recipes/table";
import { MAX_KEYS, MIN_KEYS, type Recipe } from "../../../firmware/recipes/types";

/** A parameter as the user sees it: default and range, value names where the number stands for one. */
export interface ParamView {
  name: string;
  default: number | string;
  min: number | string;
  max: number | string;
  values?: string[];
}

export function paramView(p: Param): ParamView {
  const shown = (v: number) => (p.values ? paramValueText(p, v) : v);
  return { name: p.name, default: shown(p.defaultValue), min: shown(p.lo), max: shown(p.hi), ...(p.values ? { values: p.values } : {}) };
}

/** The JSON record of one recipe. */
export function recipeRecord(r: Recipe) {
  return {
    type: "recipe",
    name: r.name,
    title: r.title,
    keys: { min: MIN_KEYS, max: MAX_KEYS },
    needs: [] as string[],
    endsOn: r.endsOn,
    params: r.params.map(paramView),
    maxKeys: r.maxKeys,
    confidence: r.confidence,
    cars: r.cars,
    sources: r.sources,
  };
}

function paramText(p: ParamView): string {
  return p.values ? `${p.name}=${p.default} (${p.values.join("|")})` : `${p.name}=${p.default} (${p.min}..${p.max})`;
}

export const recipesCommand: CommandModule<Record<string, unknown>> = {
  name: "recipes",
  summary: "list the firmware's recipes: title, key counts, parameters and sources",
  configure(cmd) {
    cmd.addHelpText("after", "\nOverride a parameter in a session with: fobsync pair ... --param name=value");
  },
  async run(_opts, { out }) {
    for (const r of RECIPES) {
      const rec = recipeRecord(r);
      out.emit(rec, [
        `${out.paint("heading", r.name)}  ${r.title}`,
        `  keys:       ${MIN_KEYS}-${MAX_KEYS}${r.name === "bmw-zke" ? " (ALL keys in one session: keys left out stop working)" : ""}`,
        `  needs:      ${rec.needs.length ? rec.needs.join(", ") : "fob switches only"}${rec.endsOn.length ? `; ends on ${rec.endsOn.join(", ")}` : ""}`,
        `  parameters: ${rec.params.map(paramText).join(", ")}`,
        out.paint("dim", `  sources:    ${rec.sources.join("; ")}`),
        "",
      ]);
    }
    out.say("fob bench test: fobsync test-fob (off the car: which buttons transmit, the cell)");
    out.say("");
    out.emit({ type: "recipes", count: RECIPES.length }, "Which one applies to your car: fobsync which --year Y --month M --buttons B", "dim");
    return EXIT.ok;
  },
};
