/**
 * What the host says about each recipe and the device never needs: a title
 * and the sources (shared/domain.md). Kept out of the device bundle; the host
 * view (`index.ts`: `fobsync recipes`, `which`, `pair`) joins it to the recipe
 * the firmware runs.
 */
export interface RecipeInfo {
  title: string;
  /** Short source codes, `;`-separated. */
  sources: string;
  /** Range `[lo, hi]` of each numeric parameter, checked by the host before it sends (the device keeps only the bounds that protect the car: types.ts). */
  limits: { [param: string]: [number, number] };
}

/** Ranges both recipes give the parameters they share. */
const SHARED_LIMITS: RecipeInfo["limits"] = {
  ignOnWaitMs: [10000, 600000],
  delayMs: [0, 10000],
  tapMs: [50, 2000],
  gapMs: [50, 5000],
  confirmMs: [500, 10000],
  retries: [0, 3],
};

/** By recipe name. */
export const RECIPE_INFO: { [name: string]: RecipeInfo } = {
  "bmw-zke": {
    title: "ZKE key init: MINI from 07/2004, BMW E38 E39 E46 E53 E83 E85",
    sources: "BMW training manual; bmwgm5 Key_Recode; precisionecu; minimania; seed",
    limits: {
      ...SHARED_LIMITS,
      ignOffMaxMs: [1000, 5000],
      startMs: [5000, 30000],
      tapWindowMs: [1000, 10000],
      leadMs: [100, 5000],
      taps: [1, 9],
      tailMs: [0, 5000],
    },
  },
  "mini-r50-early": {
    title: "Resync known keys: MINI R50 R52 R53 before 07/2004",
    sources: "owner's manual in seed; mini2; bmwtips; northamericanmotoring",
    limits: { ...SHARED_LIMITS, presses: [1, 9], resyncMs: [1000, 10000] },
  },
};
