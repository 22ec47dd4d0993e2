import type { Recipe } from "./types";

/**
 * Early MINI R50/R52/R53 (before 07/2004, 2-button key) re-synchronisation of
 * keys the car already knows (shared/domain.md section 3). method=A (0): one
 * button 4 times; method=B (1): ignition on/off, then unlock and lock within
 * 10 s. Grammar: types.ts.
 */
export const MINI_R50_EARLY: Recipe = {
  name: "mini-r50-early",
  ends: "door",
  params:
    "method 0 A/B,button 0 unlock/lock,presses 4 9,tapMs 300,gapMs 500,delayMs 1000,confirmMs 3000," +
    "ignOnWaitMs 120000,resyncMs 10000 10000,retries 1 3",
  steps: [
    "hint resync-only",
    "method=1 edge ignition.kl15,ignition.klr 1 ignOnWaitMs timeout - kl15-cycle kl15-cycle",
    "method=1 edge ignition.kl15,ignition.klr 0 ignOnWaitMs timeout - - -",
    "method=1 win resync resyncMs",
    "method=0 key t:button:tapMs:presses",
    "method=1 key t:unlock:tapMs t:lock:tapMs",
    "conf unknown-key",
    "next 1",
    "end",
  ],
};
