import { fobCount, isWired, type BoardDescription } from "../../hal/board";
import { buildPlan } from "../plan";
import type { Params, Recipe, Step } from "./types";

/** A reason to refuse a recipe: protocol error code and sentence. */
export interface Problem {
  code: string;
  msg: string;
}

/** Does step `s` run with these parameters? */
export function stepRuns(s: Step, p: Params): boolean {
  return s.c === undefined || p[s.c] === s.cv;
}

/**
 * Check a recipe before anything is pressed: every role it uses is wired
 * (`not-wired`), every press fits the board's cap, the taps fit the tap window
 * and a key fits the start/resync window (`recipe-invalid`). Undefined when fine.
 */
export function validateRecipe(r: Recipe, p: Params, keys: number, board: BoardDescription): Problem | undefined {
  const fobs = fobCount(board);
  for (const role of r.needs) if (!isWired(board, role)) return { code: "not-wired", msg: role + " is not wired: " + r.name + " needs it" };
  if (keys > fobs && !r.hand) return { code: "not-wired", msg: "keys=" + keys + " but only " + fobs + " fobs are wired" };
  let winLen = 0;
  for (const s of r.steps) {
    if (!stepRuns(s, p)) continue;
    if (s.op === "win" && s.lim !== undefined) winLen = p[s.lim];
    if ((s.op !== "key" && s.op !== "tb") || s.plan === undefined) continue;
    for (let fob = 1; fob <= Math.min(keys, fobs); fob++) {
      const pl = buildPlan(s.plan, p, fob, 0, 0);
      if (pl.err !== "") return { code: "recipe-invalid", msg: pl.err };
      for (const it of pl.items) {
        if (s.op === "key" && !isWired(board, it.role)) return { code: "not-wired", msg: it.role + " is not wired" };
        if (it.max > board.maxPressMs) return { code: "recipe-invalid", msg: "a press of " + it.max + " ms with its cap exceeds the board's " + board.maxPressMs + " ms" };
      }
      if (pl.win > 0 && pl.tapsEnd > pl.win) return { code: "recipe-invalid", msg: "taps end " + pl.tapsEnd + " ms after the hold: the tap window is " + pl.win + " ms" };
      const need = pl.end + (p["delayMs"] || 0);
      if (winLen > 0 && need > winLen) return { code: "recipe-invalid", msg: "a key needs " + need + " ms: the window is " + winLen + " ms" };
    }
  }
  return undefined;
}
