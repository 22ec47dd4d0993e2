import { BUTTON_VALUES, CONFIRM, DELAY, IGNITION_WAIT, RETRIES, gapMs, tapMs } from "./shared-params";
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
  sources: "BMW training manual; bmwgm5 Key_Recode; precisionecu; minimania; seed",
  endsOn: ["ignition.klr", "ignition.kl15", "door"],
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
    { op: "edge", roles: ["ignition.klr"], active: true, limit: "ignOnWaitMs", late: "timeout", window: "", prompt: "ign-on", ack: "ign-cycle" },
    { op: "edge", roles: ["ignition.klr"], active: false, limit: "ignOffMaxMs", late: "violation", window: "ign-off", prompt: "ign-off", ack: "" },
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
    { op: "confirm", hint: "pre2004" },
    { op: "next", goTo: 2 },
    { op: "end", prompt: "end" },
  ],
};
