import { eachRemoteParams, IGNITION_WAIT } from "./shared-params";
import { confirm, edge, press, pressEachRemote } from "./step-builders";
import type { Recipe, Step } from "./types";

const ON = ["ignition.kl15", "ignition.klr"];

/** ON (II), then a remote button: the press comes `pressAfterMs` after the ON edge. */
function onThenPress(first: boolean): Step[] {
  const timed = first ? {} : { minGap: "stepMinMs", late: "violation" as const, window: "step" };
  return [edge({ roles: ON, active: true, limit: first ? "ignOnWaitMs" : "stepMaxMs", prompt: "kl15-on", ack: "kl15-on", ...timed }), press("button", "tapMs", "pressAfterMs")];
}

/** Back to LOCK (0), 1 to 4 s after the press. */
const lockAfterPress = edge({ roles: ON, active: false, limit: "stepMaxMs", minGap: "stepMinMs", late: "violation", window: "step", prompt: "ign-lock", ack: "ign-lock" });

/**
 * Honda (2003 Accord, 2005-06 Odyssey; shared/domain-more-cars.md): ON (II),
 * a remote button, LOCK (0), three times, then ON and the button again,
 * every step 1 to 4 s after the last, enters the mode, which ERASES every
 * remote; then each remote within 10 s (the locks cycle). The board presses
 * the button 2 s after each ON, and ends the session when a person's turn of
 * the key comes too soon or too late.
 */
export const HONDA_4S: Recipe = {
  name: "honda-4s",
  title: "Honda keyless remote: ON, button, LOCK x3 then ON, button, each 1 to 4 s apart",
  cars: ["Honda Accord 2003", "Honda Odyssey 2005-2006", "Honda Civic Si (same procedure in its manual)"],
  sources: [
    { cite: "workshop-manuals.com Honda Accord, keyless entry", confidence: "manual" },
    { cite: "spotonauto.com Civic Si, storing transmitter codes", confidence: "manual" },
  ],
  leftOut: "erased",
  maxKeys: 3,
  confidence: "manual",
  endsOn: ["ignition.kl15.off"],
  ready: [],
  params: [
    IGNITION_WAIT,
    { name: "pressAfterMs", defaultValue: 2000, lo: 1000, hi: 4000 },
    { name: "stepMinMs", defaultValue: 1000, lo: 500, hi: 2000 },
    { name: "stepMaxMs", defaultValue: 4000, lo: 2000, hi: 6000 },
    { name: "pressWindowMs", defaultValue: 10000, lo: 5000, hi: 10000 },
    ...eachRemoteParams(400),
  ],
  steps: [
    edge({ roles: ON, active: false, limit: "ignOnWaitMs", prompt: "ign-lock" }),
    ...onThenPress(true),
    lockAfterPress,
    ...onThenPress(false),
    lockAfterPress,
    ...onThenPress(false),
    lockAfterPress,
    ...onThenPress(false),
    { op: "window", id: "press", limit: "pressWindowMs" },
    pressEachRemote(),
    confirm("honda-no-cycle"),
    { op: "next", goTo: 12 },
    { op: "end", prompt: "ign-off" },
  ],
};
