import { eachRemoteParams, IGNITION_WAIT } from "./shared-params";
import { confirm, edge, pressEachRemote } from "./step-builders";
import type { Recipe } from "./types";

const RUN = ["ignition.kl15", "ignition.klr"];

/**
 * Ford before about 2011 (shared/domain-more-cars.md): the ignition OFF->RUN
 * 8 times within 10 s, ending in RUN (older models: 5), enters programming
 * and the locks cycle; any button of each remote within the window learns it
 * (the locks cycle); ignition OFF ends it. Remotes left out are erased.
 */
export const FORD_8X: Recipe = {
  name: "ford-8x",
  title: "Ford remote programming: ignition OFF->RUN 8 times in 10 s",
  cars: ["Ford (most models before about 2011; older models take 5 cycles: cycles=5)"],
  sources: [
    { cite: "alwaysbcmom.com 2012/10 program-your-own-remote-transmitter (owner's manual wording)", confidence: "manual" },
    { cite: "keyless-remotes.com/1995-7", confidence: "forum" },
  ],
  leftOut: "erased",
  maxKeys: 4,
  confidence: "manual",
  endsOn: ["ignition.kl15.off", "ignition.klr.off"],
  ready: [],
  params: [
    IGNITION_WAIT,
    { name: "cycles", defaultValue: 8, lo: 4, hi: 10 },
    { name: "cycleWindowMs", defaultValue: 10000, lo: 5000, hi: 10000 },
    { name: "entryMs", defaultValue: 3000, lo: 500, hi: 10000 },
    { name: "pressWindowMs", defaultValue: 10000, lo: 5000, hi: 20000 },
    ...eachRemoteParams(400),
  ],
  steps: [
    edge({ roles: RUN, active: false, limit: "ignOnWaitMs", prompt: "ign-off" }),
    edge({ roles: RUN, active: true, limit: "ignOnWaitMs", late: "violation", window: "cycles", prompt: "ign-cycles", ack: "ign-cycles", count: "cycles", span: "cycleWindowMs" }),
    edge({ roles: ["lock.feedback"], active: true, limit: "entryMs", late: "violation", window: "learn-mode" }),
    { op: "window", id: "press", limit: "pressWindowMs" },
    pressEachRemote(),
    confirm("ford-no-cycle"),
    { op: "next", goTo: 3 },
    { op: "end", prompt: "ign-off" },
  ],
};
