import { ASK, CONFIRM, IGNITION_WAIT, fixed, gapMs, tapMs } from "./shared-params";
import { ask, confirm, edge } from "./step-builders";
import type { Recipe } from "./types";

/**
 * VW/Audi, late 1990s (a forum quote of factory text; shared/domain-more-cars.md):
 * per key, the ignition ON with another key; the driver's door locked with
 * the blade of the key being coded; within 5 s unlock N times for memory
 * slot N; 5 s without a press, then unlock once more; the hazards flash at
 * every press; ignition off. The board presses N = the key's number, so key
 * 2 goes to slot 2. No retry: a second try would press into another slot.
 */
export const VW_AUDI_90S: Recipe = {
  name: "vw-audi-90s",
  title: "VW/Audi late 1990s: lock the door with the key blade, unlock N times for slot N",
  cars: ["VW and Audi, late 1990s (comfort module with memory slots 1-4)"],
  sources: [{ cite: "audiforums.com archive 107671 (quotes factory text)", confidence: "forum" }],
  leftOut: "kept",
  maxKeys: 4,
  confidence: "forum",
  endsOn: [],
  ready: [],
  params: [
    IGNITION_WAIT,
    ASK,
    { name: "delayMs", defaultValue: 500, lo: 0, hi: 3000 },
    { name: "waitMs", defaultValue: 6000, lo: 5000, hi: 10000 },
    tapMs(300),
    gapMs(500),
    CONFIRM,
    fixed("retries", 0),
  ],
  steps: [
    edge({ roles: ["ignition.klr"], active: true, limit: "ignOnWaitMs", prompt: "ign-on-other", ack: "ign-on-other" }),
    ask("door-lock-key", "askMs"),
    {
      op: "key",
      byHand: false,
      plan: [
        { action: "tap", button: "unlock", length: "tapMs", count: "key" },
        { action: "pause", length: "waitMs" },
        { action: "tap", button: "unlock", length: "tapMs", count: "" },
      ],
    },
    confirm("vw-lock-then-ack", ["hazard"]),
    edge({ roles: ["ignition.klr"], active: false, limit: "askMs", prompt: "ign-off", ack: "ign-off" }),
    { op: "next", goTo: 0 },
    { op: "end", prompt: "" },
  ],
};
