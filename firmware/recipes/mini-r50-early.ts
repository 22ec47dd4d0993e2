import type { Recipe } from "./types";

const IGN = ["ignition.kl15", "ignition.klr"];

/**
 * Early MINI R50/R52/R53 (before 07/2004, 2-button key) re-synchronisation of
 * keys the car already knows (shared/domain.md section 3). method=A: one button
 * 4 times; method=B: ignition on/off, then unlock and lock within 10 s.
 */
export const MINI_R50_EARLY: Recipe = {
  name: "mini-r50-early",
  min: 1,
  max: 4,
  needs: [],
  ends: ["door"],
  params: [
    { n: "method", d: 0, lo: 0, hi: 1, v: ["A", "B"] },
    { n: "button", d: 0, lo: 0, hi: 1, v: ["unlock", "lock"] },
    { n: "presses", d: 4, lo: 1, hi: 9 },
    { n: "tapMs", d: 300, lo: 50, hi: 2000 },
    { n: "gapMs", d: 500, lo: 50, hi: 5000 },
    { n: "delayMs", d: 1000, lo: 0, hi: 10000 },
    { n: "confirmMs", d: 3000, lo: 500, hi: 10000 },
    { n: "ignOnWaitMs", d: 120000, lo: 10000, hi: 600000 },
    { n: "resyncMs", d: 10000, lo: 1000, hi: 10000 },
    { n: "retries", d: 1, lo: 0, hi: 3 },
  ],
  steps: [
    { op: "hint", id: "resync-only" },
    { op: "edge", c: "method", cv: 1, r: IGN, a: 1, id: "kl15-cycle", lim: "ignOnWaitMs", late: "timeout", ack: "kl15-cycle" },
    { op: "edge", c: "method", cv: 1, r: IGN, a: 0, lim: "ignOnWaitMs", late: "timeout" },
    { op: "win", c: "method", cv: 1, id: "resync", lim: "resyncMs" },
    { op: "key", c: "method", cv: 0, plan: [{ k: "tap", b: "button", n: "presses" }] },
    { op: "key", c: "method", cv: 1, plan: [{ k: "tap", b: "unlock" }, { k: "tap", b: "lock" }] },
    { op: "conf" },
    { op: "next", to: 1 },
    { op: "end" },
  ],
  hand: false,
  fail: "unknown-key",
  lose: true,
};
