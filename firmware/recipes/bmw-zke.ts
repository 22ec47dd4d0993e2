import type { Recipe } from "./types";

const KLR = ["ignition.klr"];

/**
 * ZKE remote-key initialization: MINI from 07/2004, BMW E38/E39/E46/E53/E83/E85
 * (shared/domain.md section 2). All keys in one session.
 */
export const BMW_ZKE: Recipe = {
  name: "bmw-zke",
  title: "ZKE key init: MINI from 07/2004, BMW E38 E39 E46 E53 E83 E85",
  sources: "BMW training manual; bmwgm5 Key_Recode; precisionecu; minimania; seed",
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
    { op: "edge", r: KLR, a: 1, id: "ign-on", t: "Insert key 1, turn it to position 1 (KL R)", lim: "ignOnWaitMs", late: "timeout", ack: "ign-cycle", at: "Key 1 to position 1, back to off within 5 s, remove it, then ack" },
    { op: "edge", r: KLR, a: 0, id: "ign-off", w: "ign-off", t: "Back to off and remove the key within 5 s", lim: "ignOffMaxMs", late: "violation" },
    { op: "win", id: "start", lim: "startMs" },
    { op: "key", plan: [{ k: "hold", b: "hold", w: "tapWindowMs" }, { k: "tap", b: "tap", n: "taps" }, { k: "rel", b: "hold" }] },
    { op: "conf" },
    { op: "next", to: 2 },
    { op: "end", t: "Open a door or switch the ignition on to end, then test every key" },
  ],
  hand: true,
  fail: "A MINI before 07/2004 (2-button key) does not use this procedure: see fobsync which",
  lose: " not initialized: they will stop working. Redo all keys in one session",
};
