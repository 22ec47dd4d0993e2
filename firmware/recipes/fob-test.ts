import type { Recipe } from "./types";

/**
 * Bench test of the wired fobs off the car: press each wired button, time the
 * RF receiver's burst, read the cell (shared/domain.md section 4).
 */
export const FOB_TEST: Recipe = {
  name: "fob-test",
  min: 1,
  max: 4,
  needs: ["rf"],
  ends: [],
  params: [
    { n: "fob", d: 0, lo: 0, hi: 4 },
    { n: "pressMs", d: 400, lo: 50, hi: 5000 },
    { n: "waitMs", d: 300, lo: 50, hi: 2000 },
    { n: "quietMs", d: 700, lo: 700, hi: 5000 },
  ],
  steps: [{ op: "tst" }, { op: "tb", plan: [{ k: "tap", b: "*", on: "pressMs" }] }, { op: "bat" }, { op: "next", to: 1 }, { op: "tend" }],
  hand: false,
  fail: "",
  lose: false,
};
