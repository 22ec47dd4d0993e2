import { BUTTON_VALUES, CONFIRM, DELAY, IGNITION_WAIT, RETRIES, gapMs, tapMs } from "./shared-params";
import { confirm, edge } from "./step-builders";
import type { Recipe } from "./types";

/** The step runs with method A (0) or B (1). */
const A = { param: "method", value: 0 };
const B = { param: "method", value: 1 };
const KL15_FIRST = ["ignition.kl15", "ignition.klr"];

/**
 * Early MINI R50/R52/R53 (before 07/2004, 2-button key) re-synchronisation of
 * keys the car already knows (shared/domain.md section 3). method=A: one
 * button 4 times; method=B: ignition on/off, then unlock and lock within 10 s.
 */
export const MINI_R50_EARLY: Recipe = {
  name: "mini-r50-early",
  title: "Resync known keys: MINI R50 R52 R53 before 07/2004",
  cars: ["MINI R50 R52 R53 built before 07/2004 (2-button key)"],
  sources: [
    { cite: "MINI owner's manual text quoted in the seed", confidence: "manual" },
    { cite: "mini2.com", confidence: "forum" },
    { cite: "bmwtips (rolling-code resync)", confidence: "forum" },
    { cite: "northamericanmotoring thread 182496", confidence: "forum" },
  ],
  leftOut: "kept",
  maxKeys: 4,
  confidence: "manual",
  endsOn: ["door"],
  ready: [],
  params: [
    { name: "method", defaultValue: 0, lo: 0, hi: 1, values: ["A", "B"] },
    { name: "button", defaultValue: 0, lo: 0, hi: 1, values: BUTTON_VALUES },
    { name: "presses", defaultValue: 4, lo: 1, hi: 9 },
    tapMs(300),
    gapMs(500),
    DELAY,
    CONFIRM,
    IGNITION_WAIT,
    { name: "resyncMs", defaultValue: 10000, lo: 1000, hi: 10000 },
    RETRIES,
  ],
  steps: [
    { op: "hint", hint: "resync-only" },
    edge({ when: B, roles: KL15_FIRST, active: true, limit: "ignOnWaitMs", prompt: "kl15-cycle", ack: "kl15-cycle" }),
    edge({ when: B, roles: KL15_FIRST, active: false, limit: "ignOnWaitMs" }),
    { op: "window", when: B, id: "resync", limit: "resyncMs" },
    { op: "key", when: A, byHand: false, plan: [{ action: "tap", button: "button", length: "tapMs", count: "presses" }] },
    {
      op: "key",
      when: B,
      byHand: false,
      plan: [
        { action: "tap", button: "unlock", length: "tapMs", count: "" },
        { action: "tap", button: "lock", length: "tapMs", count: "" },
      ],
    },
    confirm("unknown-key"),
    { op: "next", goTo: 1 },
    { op: "end", prompt: "" },
  ],
};
