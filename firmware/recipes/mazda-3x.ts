import { ASK, eachRemoteParams, fixed, gapMs, IGNITION_WAIT } from "./shared-params";
import { confirm, edge, pressEachRemote } from "./step-builders";
import type { Recipe } from "./types";

const KEY_ON = ["ignition.klr"];

/**
 * Mazda (Mazda3 2004-09, Protegé; forum copies said to follow a Mazda
 * flowchart; shared/domain-more-cars.md): the driver's door open, the key
 * LOCK<->ON 3 times within 10 s, left in LOCK, then the door 3 times enters
 * the mode (every remote ERASED, the locks cycle); any button twice on each
 * remote (the locks cycle); removing the key ends it. A 4th key cycle starts
 * the diagnostic mode instead: the session ends at once when the ignition
 * comes on again after the 3rd.
 */
export const MAZDA_3X: Recipe = {
  name: "mazda-3x",
  title: "Mazda keyless remote: key LOCK-ON 3 times, the door 3 times, any button twice",
  cars: ["Mazda3 2004-2009", "Mazda Protegé"],
  sources: [
    { cite: "mazdas247.com forum t/123779965", confidence: "forum" },
    { cite: "themazdaforum.com archive t-5360", confidence: "forum" },
  ],
  leftOut: "erased",
  maxKeys: 3,
  confidence: "forum",
  endsOn: ["ignition.klr"],
  ready: [],
  params: [
    ASK,
    IGNITION_WAIT,
    fixed("cycles", 3),
    { name: "cycleWindowMs", defaultValue: 10000, lo: 5000, hi: 10000 },
    fixed("doorCycles", 3),
    { name: "doorWindowMs", defaultValue: 10000, lo: 5000, hi: 10000 },
    { name: "entryMs", defaultValue: 3000, lo: 500, hi: 10000 },
    { name: "pressWindowMs", defaultValue: 20000, lo: 5000, hi: 60000 },
    { name: "presses", defaultValue: 2, lo: 2, hi: 3 },
    ...eachRemoteParams(300),
    gapMs(500),
  ],
  steps: [
    edge({ roles: ["door"], active: true, limit: "askMs", prompt: "door-open", ack: "door-open" }),
    edge({ roles: KEY_ON, active: true, limit: "ignOnWaitMs", late: "violation", window: "cycles", prompt: "key-cycles", ack: "key-cycles", count: "cycles", span: "cycleWindowMs" }),
    edge({ roles: KEY_ON, active: false, limit: "cycleWindowMs", late: "violation", prompt: "ign-lock" }),
    edge({ roles: ["door"], active: false, limit: "askMs", late: "violation", window: "door-cycles", prompt: "door-cycles", ack: "door-cycles", count: "doorCycles", span: "doorWindowMs" }),
    edge({ roles: ["lock.feedback"], active: true, limit: "entryMs", late: "violation", window: "learn-mode" }),
    { op: "window", id: "press", limit: "pressWindowMs" },
    pressEachRemote("presses"),
    confirm("mazda-no-cycle"),
    { op: "next", goTo: 5 },
    { op: "end", prompt: "key-out" },
  ],
};
