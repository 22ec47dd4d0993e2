import { buildPlan } from "../plan";
import type { Params } from "./params";
import { stepApplies } from "./steps";
import type { RecipeCore } from "./types";

/**
 * Check a recipe before anything is pressed: a key past the wired fobs needs
 * a recipe that guides it by hand, and a `press` step the current key's fob
 * (`not-wired`); every press fits the board's
 * cap, the taps fit the tap window and a key fits the start/resync window
 * (`recipe-invalid`). `fobs` is the number of wired fobs (hal/board-device.ts
 * fobCount), `maxPressMs` the board's press ceiling. The built-in recipes press only unlock and lock, which
 * fobCount requires wired; a switch the sequencer cannot press is a fault.
 * Returns "" when fine, else the error's code and fields as they go on the
 * wire (`not-wired keys=3 fobs=2`; host/protocol/texts.ts words them).
 */
/**
 * The largest value any parameter may take: a day in ms. Device times are
 * ms since boot plus such a wait, and must stay well inside what every
 * target's numbers and timers hold (a 9-digit text is the most the firmware
 * reads: larger values read as unreadable, and a session then ran out at once).
 */
export const MAX_PARAM_VALUE = 86400000;

export function validateRecipe(r: RecipeCore, p: Params, keys: number, fobs: number, maxPressMs: number): string {
  for (const q of r.params) {
    const v = p[q.name];
    if (!(v >= 0 && v <= MAX_PARAM_VALUE)) return "recipe-invalid id=too-big arg=" + q.name + " max=" + MAX_PARAM_VALUE;
  }
  // the last key is the one with the most taps (`count: "key"`), and every step for later keys applies to it
  p["key"] = keys;
  let winLen = 0;
  for (const step of r.steps) {
    if (!stepApplies(step, p)) continue;
    if (step.op === "window") winLen = p[step.limit];
    if (step.op === "press" && (fobs < 1 || (keys > fobs && pressesEveryKey(r, step)))) return "not-wired keys=" + keys + " fobs=" + fobs;
    if (step.op === "key") {
      if (keys > fobs && !step.byHand) return "not-wired keys=" + keys + " fobs=" + fobs;
      // every fob's plan has the same times (only the roles' fob number differs): check fob 1's
      const pl = buildPlan(step.plan, p, 1, 0);
      if (pl.err !== "") return "recipe-invalid id=same-button role=" + pl.err;
      for (let j = 0; j < pl.at.length; j++) {
        if (pl.cap[j] > maxPressMs) return "recipe-invalid id=cap ms=" + pl.cap[j] + " max=" + maxPressMs;
      }
      if (pl.win > 0 && pl.tapsEnd > pl.win) return "recipe-invalid id=taps end=" + pl.tapsEnd + " win=" + pl.win;
      const need = pl.end + p["delayMs"];
      if (winLen > 0 && need > winLen) return "recipe-invalid id=window need=" + need + " win=" + winLen;
    }
  }
  return "";
}

/** Does a `press` step come after the first `key` step (so it runs for every key, not only the first)? */
function pressesEveryKey(r: RecipeCore, press: unknown): boolean {
  let keySeen = false;
  for (const step of r.steps) {
    if (step.op === "key") keySeen = true;
    if (step === press) return keySeen;
  }
  return false;
}
