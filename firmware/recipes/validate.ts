import { fobCount, isWired, type DeviceBoard } from "../../hal/board";
import { buildPlan } from "../plan";
import type { Field } from "../event-writer";
import type { Params, Recipe, Step } from "./types";

/** A reason to refuse a recipe: protocol error code and the fields that say why (host/protocol/texts.ts words them). */
export interface Problem {
  code: string;
  f: Field[];
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
export function validateRecipe(r: Recipe, p: Params, keys: number, board: DeviceBoard): Problem | undefined {
  const fobs = fobCount(board);
  for (const role of r.needs) if (!isWired(board, role)) return { code: "not-wired", f: ["role", role, "recipe", r.name] };
  if (keys > fobs && !r.hand) return { code: "not-wired", f: ["keys", keys, "fobs", fobs] };
  let winLen = 0;
  for (const s of r.steps) {
    if (!stepRuns(s, p)) continue;
    if (s.op === "win" && s.lim !== undefined) winLen = p[s.lim];
    if ((s.op !== "key" && s.op !== "tb") || s.plan === undefined) continue;
    for (let fob = 1; fob <= Math.min(keys, fobs); fob++) {
      const pl = buildPlan(s.plan, p, fob, 0, 0);
      if (pl.err !== "") return { code: "recipe-invalid", f: ["id", "same-button", "role", pl.err] };
      for (const it of pl.items) {
        if (s.op === "key" && !isWired(board, it.role)) return { code: "not-wired", f: ["role", it.role] };
        if (it.max > board.maxPressMs) return { code: "recipe-invalid", f: ["id", "cap", "ms", it.max, "max", board.maxPressMs] };
      }
      if (pl.win > 0 && pl.tapsEnd > pl.win) return { code: "recipe-invalid", f: ["id", "taps", "end", pl.tapsEnd, "win", pl.win] };
      const need = pl.end + (p["delayMs"] || 0);
      if (winLen > 0 && need > winLen) return { code: "recipe-invalid", f: ["id", "window", "need", need, "win", winLen] };
    }
  }
  return undefined;
}
