import { paramList, toInt } from "./decode";
import { RECIPE_INFO } from "./info";
import { RECIPE_TABLE } from "./table";
import { MAX_KEYS, MIN_KEYS, type Recipe as DeviceRecipe } from "./types";

export type { Params } from "./types";
export type { DeviceRecipe };

/** A parameter: name, default, range; `v` names the values lo..hi (e.g. buttons). */
export interface Param {
  n: string;
  d: number;
  lo: number;
  hi: number;
  v?: string[];
}

/** A recipe as the host shows it: the firmware's recipe decoded into tables, with its title and sources. */
export interface Recipe {
  name: string;
  title: string;
  /** Short source codes, `;`-separated (shared/domain.md). */
  sources: string;
  min: number;
  max: number;
  /** Roles that must be wired besides the fob buttons the plan uses. */
  needs: string[];
  /** Inputs that end a running session when they become active. */
  ends: string[];
  params: Param[];
  /** What the firmware runs (firmware/recipes/*.ts). */
  device: DeviceRecipe;
}

/** A comma list as an array ("" is none). */
function list(s: string): string[] {
  return s === "" ? [] : s.split(",");
}

/** The host view of one device recipe. */
function hostView(r: DeviceRecipe): Recipe {
  const info = RECIPE_INFO[r.name];
  const params = paramList(r).map((t): Param => {
    const names = t.length > 2 && t[2].indexOf("/") >= 0 ? t[2].split("/") : undefined;
    if (names) return { n: t[0], d: toInt(t[1]), lo: 0, hi: names.length - 1, v: names };
    const limits = info.limits[t[0]];
    if (!limits) throw new Error(`recipe ${r.name}: parameter ${t[0]} has no host limits (info.ts)`);
    return { n: t[0], d: toInt(t[1]), lo: limits[0], hi: limits[1] };
  });
  return { name: r.name, title: info.title, sources: info.sources, min: MIN_KEYS, max: MAX_KEYS, needs: [], ends: list(r.ends), params, device: r };
}

/**
 * Every recipe the firmware runs, in `recipes` order, with titles, sources and
 * parameter tables (host `recipes`/`which`/`pair` import it). HOST ONLY: the
 * device imports `table.ts`, so none of this text is in a firmware bundle.
 */
export const RECIPES: Recipe[] = RECIPE_TABLE.map(hostView);

/** The recipe named `name` (host view), or undefined. */
export function findRecipe(name: string): Recipe | undefined {
  for (const r of RECIPES) if (r.name === name) return r;
  return undefined;
}
