import type { Param } from "./params";

/** Parameters both built-in recipes take, with the same ranges. */
export const IGNITION_WAIT: Param = { name: "ignOnWaitMs", defaultValue: 120000, lo: 10000, hi: 600000 };
export const DELAY: Param = { name: "delayMs", defaultValue: 1000, lo: 0, hi: 10000 };
export const CONFIRM: Param = { name: "confirmMs", defaultValue: 3000, lo: 500, hi: 10000 };
export const RETRIES: Param = { name: "retries", defaultValue: 1, lo: 0, hi: 3 };
/** A button by name: unlock (0) or lock (1). */
export const BUTTON_VALUES = ["unlock", "lock"];

/** A tap or gap length parameter, `lo..hi` shared by both recipes. */
export function tapLength(name: "tapMs" | "gapMs", defaultValue: number): Param {
  return { name, defaultValue, lo: 50, hi: name === "tapMs" ? 2000 : 5000 };
}
