import { FOB_BUTTONS } from "../hal/board";
import type { Params, PlanStep } from "./recipes/types";

/** Added to a press's planned length to get its cap (the independent release). */
export const CAP_MARGIN = 250;

/** One switch change at an absolute time; `max` is the cap of an `on`. */
export interface PlanItem {
  at: number;
  role: string;
  on: boolean;
  max: number;
}

/**
 * A key's presses laid out at absolute times from `t0` (never chained delays).
 * `last`: start of the last tap; `tapsEnd`: end of the last tap; `end`: the
 * last release; `win`: the tap window length (0 none); `err`: the role a hold and a tap
 * both use (a layout error), else "".
 */
export interface Plan {
  items: PlanItem[];
  t0: number;
  last: number;
  tapsEnd: number;
  end: number;
  win: number;
  err: string;
}

/** The button a plan step names: a parameter's value, "*" = `btn`, or a literal name. */
function button(b: string, p: Params, btn: number): string {
  if (b === "*") return FOB_BUTTONS[btn];
  const v = p[b];
  return v !== undefined ? FOB_BUTTONS[v] : b;
}

/** Lay out `steps` for fob `fob` (current fob-test button `btn`) from `t0`. */
export function buildPlan(steps: PlanStep[], p: Params, fob: number, btn: number, t0: number): Plan {
  const pl: Plan = { items: [], t0: t0, last: t0, tapsEnd: t0, end: t0, win: 0, err: "" };
  let t = t0;
  let first = true;
  for (const s of steps) {
    const role = "fob" + fob + "." + button(s.b, p, btn);
    if (s.k === "hold") {
      add(pl, t, role, true);
      if (s.w !== undefined) pl.win = p[s.w];
      t += p["leadMs"];
    } else if (s.k === "tap") {
      const n = s.n !== undefined ? p[s.n] : 1;
      const len = p[s.on !== undefined ? s.on : "tapMs"];
      for (let i = 0; i < n; i++) {
        if (!first) t += p["gapMs"];
        first = false;
        add(pl, t, role, true);
        pl.last = t;
        t += len;
        add(pl, t, role, false);
      }
      pl.tapsEnd = t;
    } else {
      t += p["tailMs"];
      add(pl, t, role, false);
    }
  }
  pl.end = t;
  return pl;
}

/** Append a switch change; an `off` closes its open `on` and sets that press's cap. */
function add(pl: Plan, at: number, role: string, on: boolean): void {
  let open: PlanItem | undefined = undefined;
  for (const it of pl.items) if (it.role === role && it.on && it.max === 0) open = it;
  if (on && open !== undefined) pl.err = role;
  if (!on && open !== undefined) open.max = at - open.at + CAP_MARGIN;
  pl.items.push({ at: at, role: role, on: on, max: 0 });
}
