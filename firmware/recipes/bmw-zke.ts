import { BUTTON_VALUES, CONFIRM, DELAY, IGNITION_WAIT, RETRIES, gapMs, tapMs } from "./shared-params";
import { confirm, edge } from "./step-builders";
import type { Recipe } from "./types";

/**
 * ZKE remote-key initialization: MINI from 07/2004, BMW E38/E39/E46/E53/E83/E85
 * (shared/domain.md section 2). All keys in one session: KL R on, off within
 * 5 s (ignOffMaxMs), then within 30 s (startMs) per key: hold unlock, tap lock
 * 3 times within 10 s (tapWindowMs), release; the locks cycle. Keys past the
 * wired fobs are guided by hand.
 */
export const BMW_ZKE: Recipe = {
  name: "bmw-zke",
  title: "ZKE key init: MINI from 07/2004, BMW E38 E39 E46 E53 E83 E85",
  cars: ["MINI R50 R52 R53 built from 07/2004 (3-button key)", "BMW E38 E39 E46 E53 E83 E85 (ZKE body module)"],
  sources: [
    { cite: "BMW training manual, central body electronics (E53/E46)", confidence: "manual" },
    { cite: "bmwgm5.com Key_Recode", confidence: "forum" },
    { cite: "precisionecu.com", confidence: "forum" },
    { cite: "minimania.com Reprogram_New_MINI_Keys_R50_52_53", confidence: "forum" },
    { cite: "the seed forum thread (2004 Cooper S)", confidence: "forum" },
  ],
  leftOut: "erased",
  maxKeys: 4,
  confidence: "manual",
  endsOn: ["ignition.klr", "ignition.kl15", "door"],
  ready: ["lock.feedback"],
  params: [
    IGNITION_WAIT,
    { name: "ignOffMaxMs", defaultValue: 5000, lo: 1000, hi: 5000 },
    { name: "startMs", defaultValue: 30000, lo: 5000, hi: 30000 },
    { name: "tapWindowMs", defaultValue: 10000, lo: 1000, hi: 10000 },
    DELAY,
    { name: "leadMs", defaultValue: 500, lo: 100, hi: 5000 },
    tapMs(400),
    gapMs(600),
    { name: "taps", defaultValue: 3, lo: 1, hi: 9 },
    { name: "tailMs", defaultValue: 500, lo: 0, hi: 5000 },
    CONFIRM,
    { name: "hold", defaultValue: 0, lo: 0, hi: 1, values: BUTTON_VALUES },
    { name: "tap", defaultValue: 1, lo: 0, hi: 1, values: BUTTON_VALUES },
    RETRIES,
  ],
  steps: [
    edge({ roles: ["ignition.klr"], active: true, limit: "ignOnWaitMs", prompt: "ign-on", ack: "ign-cycle" }),
    edge({ roles: ["ignition.klr"], active: false, limit: "ignOffMaxMs", late: "violation", window: "ign-off", prompt: "ign-off" }),
    { op: "window", id: "start", limit: "startMs" },
    {
      op: "key",
      byHand: true,
      plan: [
        { action: "hold", button: "hold", window: "tapWindowMs" },
        { action: "tap", button: "tap", length: "tapMs", count: "taps" },
        { action: "release", button: "hold" },
      ],
    },
    confirm("pre2004"),
    { op: "next", goTo: 2 },
    { op: "end", prompt: "end" },
  ],
};
