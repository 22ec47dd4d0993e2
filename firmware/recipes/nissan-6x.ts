import { ASK, eachRemoteParams } from "./shared-params";
import { ask, confirm, edge, pressEachRemote } from "./step-builders";
import type { Recipe } from "./types";

/**
 * Nissan (1993-2015, some models; shared/domain-more-cars.md): lock with the
 * driver's switch; insert and fully remove the key 6 times within 10 s (too
 * fast fails); key to ACC enters the mode, which ERASES every remote; a
 * button within 5 s learns the remote (the hazards flash twice); each further
 * remote: unlock and lock with the driver's switch, then a button within 5 s;
 * opening the driver's door ends it. The key and switch steps are a person's:
 * the board paces them (one every keyEveryMs) and waits for their ack.
 */
export const NISSAN_6X: Recipe = {
  name: "nissan-6x",
  title: "Nissan keyless remote: key in and out 6 times in 10 s, ACC, a button within 5 s",
  cars: ["Nissan 1993-2015, some models (200SX 1995 service manual)"],
  sources: [{ cite: "myvehicle.help Nissan 200SX 1995, keyless entry, service and repair", confidence: "manual" }],
  leftOut: "erased",
  maxKeys: 4,
  confidence: "manual",
  endsOn: ["door"],
  ready: [],
  params: [
    ASK,
    { name: "keyCycles", defaultValue: 6, lo: 6, hi: 10 },
    { name: "keyEveryMs", defaultValue: 1200, lo: 600, hi: 1600 },
    { name: "pressWindowMs", defaultValue: 5000, lo: 2000, hi: 5000 },
    { name: "flashes", defaultValue: 2, lo: 1, hi: 4 },
    ...eachRemoteParams(400),
  ],
  steps: [
    ask("lock-switch", "askMs"),
    ask("key-in-out", "askMs", { count: "keyCycles", every: "keyEveryMs" }),
    edge({ roles: ["ignition.klr"], active: true, limit: "askMs", prompt: "key-acc", ack: "key-acc" }),
    ask("switch-cycle", "askMs", { when: { param: "key", value: 2, atLeast: true } }),
    { op: "window", id: "press", limit: "pressWindowMs" },
    pressEachRemote(),
    confirm("nissan-no-flash", ["hazard"], "flashes"),
    { op: "next", goTo: 3 },
    { op: "end", prompt: "end" },
  ],
};
