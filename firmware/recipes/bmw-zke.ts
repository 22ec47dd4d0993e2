import type { Recipe } from "./types";

const KLR = ["ignition.klr"];

/**
 * ZKE remote-key initialization: MINI from 07/2004, BMW E38/E39/E46/E53/E83/E85
 * (shared/domain.md section 2). All keys in one session.
 */
export const BMW_ZKE: Recipe = {
  name: "bmw-zke",
  min: 1,
  max: 4,
  needs: [],
  ends: ["ignition.klr", "ignition.kl15", "door"],
  params: [
    { n: "ignOnWaitMs", d: 120000, lo: 10000, hi: 600000 },
    { n: "ignOffMaxMs", d: 5000, lo: 1000, hi: 5000 },
    { n: "startMs", d: 30000, lo: 5000, hi: 30000 },
    { n: "tapWindowMs", d: 10000, lo: 1000, hi: 10000 },
    { n: "delayMs", d: 1000, lo: 0, hi: 10000 },
    { n: "leadMs", d: 500, lo: 100, hi: 5000 },
    { n: "tapMs", d: 400, lo: 50, hi: 2000 },
    { n: "gapMs", d: 600, lo: 50, hi: 5000 },
    { n: "taps", d: 3, lo: 1, hi: 9 },
    { n: "tailMs", d: 500, lo: 0, hi: 5000 },
    { n: "confirmMs", d: 3000, lo: 500, hi: 10000 },
    { n: "hold", d: 0, lo: 0, hi: 1, v: ["unlock", "lock"] },
    { n: "tap", d: 1, lo: 0, hi: 1, v: ["unlock", "lock"] },
    { n: "retries", d: 1, lo: 0, hi: 3 },
  ],
  steps: [
    { op: "edge", r: KLR, a: 1, id: "ign-on", lim: "ignOnWaitMs", late: "timeout", ack: "ign-cycle" },
    { op: "edge", r: KLR, a: 0, id: "ign-off", w: "ign-off", lim: "ignOffMaxMs", late: "violation" },
    { op: "win", id: "start", lim: "startMs" },
    { op: "key", plan: [{ k: "hold", b: "hold", w: "tapWindowMs" }, { k: "tap", b: "tap", n: "taps" }, { k: "rel", b: "hold" }] },
    { op: "conf" },
    { op: "next", to: 2 },
    { op: "end", id: "end" },
  ],
  hand: true,
  fail: "pre2004",
  lose: true,
};
