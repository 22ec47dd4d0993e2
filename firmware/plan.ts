import { FOB_BUTTONS } from "../hal/board-device";
import type { Params } from "./recipes/params";
import type { PlanItem } from "./recipes/types";

/** Added to a press's planned length to get its cap (the independent release). */
export const CAP_MARGIN = 250;

/**
 * A key's presses laid out at absolute times from `t0` (never chained delays),
 * as parallel arrays: at `at[i]` switch `role[i]` goes on (`down[i]`) or off; `cap[i]` is the
 * cap of a press (planned length + CAP_MARGIN). `last`: start of the last tap;
 * `tapsEnd`: end of the last tap; `end`: the last release; `win`: the tap
 * window length (0 none); `err`: the role a hold and a tap both use, else "".
 */
export interface Plan {
  at: number[];
  role: string[];
  down: boolean[];
  cap: number[];
  t0: number;
  last: number;
  tapsEnd: number;
  end: number;
  win: number;
  err: string;
}

/** Lay out a key's plan items (recipes/types.ts `PlanItem`) for fob `fob` from `t0`. */
export function buildPlan(items: PlanItem[], p: Params, fob: number, t0: number): Plan {
  const pl: Plan = { at: [], role: [], down: [], cap: [], t0: t0, last: t0, tapsEnd: t0, end: t0, win: 0, err: "" };
  let t = t0;
  let first = true;
  for (const item of items) {
    if (item.action === "pause") {
      t += p[item.length];
      continue;
    }
    const role = "fob" + fob + "." + buttonName(item.button, p);
    if (item.action === "hold") {
      add(pl, t, role, true);
      pl.win = item.window !== "" ? p[item.window] : 0;
      t += p["leadMs"];
    } else if (item.action === "tap") {
      const n = item.count !== "" ? p[item.count] : 1;
      for (let i = 0; i < n; i++) {
        if (!first) t += p["gapMs"];
        first = false;
        add(pl, t, role, true);
        pl.last = t;
        t += p[item.length];
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

/**
 * What a person guided by hand must do for a key (`hand-key` prompt fields):
 * the held button, the tapped one and its count (` hold=unlock tap=lock n=3`).
 */
export function handKeyFields(items: PlanItem[], p: Params): string {
  let out = "";
  let tapped = false;
  for (const item of items) {
    if (item.action === "hold") out += " hold=" + buttonName(item.button, p);
    else if (item.action === "tap" && !tapped) {
      tapped = true;
      out += " tap=" + buttonName(item.button, p) + " n=" + (item.count !== "" ? p[item.count] : 1);
    }
  }
  return out;
}

function buttonName(button: string, p: Params): string {
  const b = p[button];
  return b !== undefined ? FOB_BUTTONS[b] : button;
}

/** Append a switch change; an `off` closes its open `on` and sets that press's cap. */
function add(pl: Plan, at: number, role: string, on: boolean): void {
  let open = -1;
  for (let i = 0; i < pl.at.length; i++) if (pl.role[i] === role && pl.down[i] && pl.cap[i] === 0) open = i;
  if (on && open >= 0) pl.err = role;
  if (!on && open >= 0) pl.cap[open] = at - pl.at[open] + CAP_MARGIN;
  pl.at.push(at);
  pl.role.push(role);
  pl.down.push(on);
  pl.cap.push(0);
}
