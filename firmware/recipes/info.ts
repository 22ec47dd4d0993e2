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
}

/** By recipe name. */
export const RECIPE_INFO: { [name: string]: RecipeInfo } = {
  "bmw-zke": {
    title: "ZKE key init: MINI from 07/2004, BMW E38 E39 E46 E53 E83 E85",
    sources: "BMW training manual; bmwgm5 Key_Recode; precisionecu; minimania; seed",
  },
  "mini-r50-early": {
    title: "Resync known keys: MINI R50 R52 R53 before 07/2004",
    sources: "owner's manual in seed; mini2; bmwtips; northamericanmotoring",
  },
  "fob-test": {
    title: "Bench test: which button transmits, burst, battery",
    sources: "Radacon ESP_Remote_Start; steele.blue; BMW LED key manual",
  },
};
