import type { Recipe } from "./types";

/**
 * ZKE remote-key initialization: MINI from 07/2004, BMW E38/E39/E46/E53/E83/E85
 * (shared/domain.md section 2). All keys in one session: KL R on, off within
 * 5 s (ignOffMaxMs), then within 30 s (startMs) per key: hold unlock, tap lock
 * 3 times within 10 s (tapWindowMs), release; the locks cycle. Keys past the
 * wired fobs are guided by hand. Grammar: types.ts.
 */
export const BMW_ZKE: Recipe = {
  name: "bmw-zke",
  ends: "ignition.klr,ignition.kl15,door",
  params:
    "ignOnWaitMs 120000,ignOffMaxMs 5000 5000,startMs 30000 30000,tapWindowMs 10000 10000,delayMs 1000,leadMs 500," +
    "tapMs 400,gapMs 600,taps 3 9,tailMs 500,confirmMs 3000,hold 0 unlock/lock,tap 1 unlock/lock,retries 1 3",
  steps: [
    "edge ignition.klr 1 ignOnWaitMs timeout - ign-on ign-cycle",
    "edge ignition.klr 0 ignOffMaxMs violation ign-off ign-off -",
    "win start startMs",
    "key hand h:hold:tapWindowMs t:tap:tapMs:taps r:hold",
    "conf pre2004",
    "next 2",
    "end end",
  ],
};
