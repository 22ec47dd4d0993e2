import { ASK, CONFIRM, DELAY, fixed, IGNITION_WAIT, RETRIES } from "./shared-params";
import { ask, confirm, edge } from "./step-builders";
import type { Recipe } from "./types";

const KEY_ON = ["ignition.klr"];

/**
 * GM trucks, about 1999-2006, FORUM ONLY (shared/domain-more-cars.md): hold
 * the driver's door unlock switch; ignition ON-OFF-ON-OFF; release the
 * switch (the locks cycle); each remote's lock and unlock held together about
 * 15 s (some trucks 30: holdMs, up to the board's press ceiling) until the
 * locks cycle; ignition ON ends it. Remotes left out are erased.
 */
export const GM_TRUCK: Recipe = {
  name: "gm-truck",
  title: "GM trucks ~1999-2006: unlock switch held, ignition ON-OFF-ON-OFF, lock+unlock held 15 s",
  cars: ["GM full-size trucks and SUVs, about 1999-2006 (forum reports only)"],
  sources: [{ cite: "dieselplace.com forum archive t-10223", confidence: "forum" }],
  leftOut: "erased",
  maxKeys: 4,
  confidence: "forum",
  endsOn: ["ignition.klr"],
  ready: [],
  params: [
    ASK,
    IGNITION_WAIT,
    fixed("cycles", 2),
    { name: "cycleWindowMs", defaultValue: 15000, lo: 5000, hi: 30000 },
    { name: "entryMs", defaultValue: 3000, lo: 500, hi: 10000 },
    DELAY,
    { name: "leadMs", defaultValue: 200, lo: 100, hi: 1000 },
    { name: "holdMs", defaultValue: 16000, lo: 10000, hi: 30000 },
    { name: "tailMs", defaultValue: 100, lo: 0, hi: 1000 },
    CONFIRM,
    RETRIES,
  ],
  steps: [
    ask("hold-unlock-switch", "askMs"),
    edge({ roles: KEY_ON, active: true, limit: "ignOnWaitMs", late: "violation", window: "cycles", prompt: "key-cycles", ack: "key-cycles", count: "cycles", span: "cycleWindowMs" }),
    edge({ roles: KEY_ON, active: false, limit: "cycleWindowMs", late: "violation", prompt: "ign-lock" }),
    ask("release-unlock-switch", "askMs"),
    edge({ roles: ["lock.feedback"], active: true, limit: "entryMs", late: "violation", window: "learn-mode" }),
    {
      op: "key",
      byHand: false,
      plan: [
        { action: "hold", button: "lock", window: "" },
        { action: "hold", button: "unlock", window: "" },
        { action: "pause", length: "holdMs" },
        { action: "release", button: "unlock" },
        { action: "release", button: "lock" },
      ],
    },
    confirm("gm-hold-longer"),
    { op: "next", goTo: 5 },
    { op: "end", prompt: "ign-on" },
  ],
};
