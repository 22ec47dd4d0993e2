import type { Recipe } from "./types";

/**
 * Bench test of the wired fobs off the car: press each wired button, time the
 * RF receiver's burst, read the cell (shared/domain.md section 4). Grammar: types.ts.
 */
export const FOB_TEST: Recipe = {
  name: "fob-test",
  min: 1,
  max: 4,
  needs: "rf",
  ends: "",
  params: "fob 0 0 4,pressMs 400 50 5000,waitMs 300 50 2000,quietMs 700 700 5000",
  steps: ["tst", "tb t:*:pressMs", "bat", "next 1", "tend"],
};
