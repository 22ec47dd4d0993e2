import { FOB_BUTTONS, fobCount } from "../hal/board";
import type { EventWriter, Field } from "./event-writer";
import type { Guard } from "./guard";
import type { Io } from "./io";
import { buildPlan, type Plan } from "./plan";
import type { Params, Recipe, Step } from "./recipes/types";
import { stepRuns } from "./recipes/validate";

/** The running procedure, as commands and inputs see it. */
export interface Sequencer {
  /** Recipe running, or undefined when idle. */
  recipe(): Recipe | undefined;
  /** `state:op` of the step running now, or "-". */
  step(): string;
  key(): number;
  start(r: Recipe, p: Params, keys: number): void;
  onInput(role: string, active: boolean, at: number): void;
  /** Does a prompt wait for `ack`? */
  waitsAck(): boolean;
  /** The user did what the prompt asked; false when nothing waits for an ack. */
  onAck(): boolean;
  /** End the running procedure (reason abort); false when idle. */
  abort(): boolean;
  /** After a fault: back to idle, `session.end reason=error` if one ran. */
  reset(): void;
}

/**
 * The one state machine that runs a recipe's steps (recipes/types.ts).
 *
 *            pair / test-fob
 *   idle ─────────────────────► run: execute steps until one has to wait
 *    ▲                            │
 *    │                            ├─► edge   input edge (or ack) by a deadline ── late ─► end violation|timeout
 *    │                            ├─► press  plan items at absolute times t0 + offset
 *    │                            ├─► conf   locks cycle by plan end + confirmMs ── none ─► retry | end failed
 *    │                            └─► meas   fob-test: rf latency/burst until t0 + max(press,wait) + quiet
 *    └── end: done | abort | door | ignition | failed | error ◄─┘
 *
 * One timer at a time (`tm`). Every time is absolute: the anchor is the last
 * input edge, ack or lock cycle; presses are placed from it, never chained.
 * Written as a closure so the minified bundle stays small (locals mangle, fields do not).
 */
export function createSequencer(io: Io, w: EventWriter, g: Guard): Sequencer {
  const clock = g.clock;
  const bank = io.bank;
  const fobs = fobCount(io.board);
  let st = "idle";
  let r: Recipe | undefined = undefined;
  let p: Params = {};
  let keys = 0;
  let key = 0;
  let pc = 0;
  let kpc = 0;
  let anchor = 0;
  let winTo = 0;
  let deadline = 0;
  let t0 = 0;
  let confirmed = 0;
  let done = 0;
  let tries = 0;
  let degr = false;
  let hand = false;
  let ack = false;
  let role = "";
  let want = false;
  let plan: Plan | undefined = undefined;
  let pi = 0;
  let cyFrom = 0;
  let cyOn = -1;
  let cyOff = -1;
  let btn = 0;
  let rfOn = -1;
  let rfOff = -1;
  let pass = 0;
  let fail = 0;
  let tm = 0;

  function ev(l: string, e: string, f: Field[]): void {
    w.emit(l, e, f);
  }
  /** `prompt id key ms` (+ `ack=1` when the user confirms with `ack`; more fields from `more`). */
  function prompt(id: string, ms: number, more: Field[]): void {
    ev("I", "prompt", ["id", id, "key", key, "ms", ms].concat(more));
  }
  function disarm(): void {
    if (tm > 0) clock.cancel(tm);
    tm = 0;
  }
  function arm(t: number): void {
    disarm();
    tm = g.at(t, tick);
  }
  /** The first wired role of a list, or "". */
  function first(roles: string[] | undefined): string {
    if (roles !== undefined) for (const x of roles) if (io.has(x)) return x;
    return "";
  }
  /** `lost=<first key not done>` when a pairing session ends early, else nothing. */
  function lost(): Field[] {
    return r === undefined || done >= keys || !r.lose ? [] : ["lost", done + 1];
  }

  /** Run steps from `at` until one waits or the session ends. */
  function resume(at: number): void {
    pc = at;
    st = "run";
    while (st === "run" && r !== undefined) {
      const s = r.steps[pc];
      const next = stepRuns(s, p) ? exec(s) : pc + 1;
      if (next < 0) return;
      pc = next;
    }
  }

  /** Execute one step: the next step index, or -1 when it waits or ended the session. */
  function exec(s: Step): number {
    const op = s.op;
    if (op === "hint") ev("W", "hint", ["id", s.id || ""]);
    else if (op === "edge") return edgeStep(s);
    else if (op === "win") {
      winTo = anchor + p[s.lim || ""];
      ev("I", "window", ["id", s.id || "", "key", key, "from", anchor, "to", winTo]);
    } else if (op === "key") return keyStep(s);
    else if (op === "conf") return confStep();
    else if (op === "next") {
      tries = 0;
      if (++key <= keys) return s.to || 0;
      key = keys;
    } else if (op === "end") {
      if (s.id !== undefined) prompt(s.id, 0, []);
      end(1, "done", []);
      return -1;
    } else if (op === "tst") ev("I", "test.start", ["fobs", keys - key + 1, "press", p["pressMs"], "wait", p["waitMs"]]);
    else if (op === "tb") return buttonStep(s);
    else if (op === "bat") battery();
    else if (op === "tend") {
      ev("I", "test.end", ["pass", pass, "fail", fail]);
      r = undefined;
      st = "idle";
      return -1;
    } else throw new Error("bad step " + op);
    return pc + 1;
  }

  function edgeStep(s: Step): number {
    const lim = p[s.lim || ""];
    role = first(s.r);
    if (role === "") {
      if (s.ack === undefined) return pc + 1;
      st = "edge";
      if (!degr) ev("W", "degraded", ["reason", "no-ignition"]);
      degr = true;
      ack = true;
      deadline = clock.now() + lim;
      prompt(s.ack, lim, ["ack", 1]);
      arm(deadline);
      return -1;
    }
    deadline = anchor + lim;
    if (s.w !== undefined) ev("I", "window", ["id", s.w, "key", key, "from", anchor, "to", deadline]);
    if (s.id !== undefined) prompt(s.id, deadline - clock.now(), []);
    want = s.a === 1;
    const sig = io.sig(role);
    if (sig !== undefined && sig.isActive() === want) {
      anchor = clock.now();
      return pc + 1;
    }
    st = "edge";
    arm(deadline + io.debounce(role) + 1);
    return -1;
  }

  function late(at: number): void {
    const s = (r as Recipe).steps[pc];
    if (s.late !== "violation") return end(0, "timeout", []);
    ev("E", "violation", ["id", s.w || "", "key", key, "at", at]);
    end(0, "violation", []);
  }

  function keyStep(s: Step): number {
    kpc = pc;
    cyOn = -1;
    cyOff = -1;
    t0 = Math.max(anchor + p["delayMs"], clock.now());
    hand = key > fobs;
    if (hand) {
      ev("I", "key.start", ["key", key, "fob", 0]);
      prompt("hand-key", winTo - clock.now(), ["hold", FOB_BUTTONS[p["hold"]], "tap", FOB_BUTTONS[p["tap"]], "n", p["taps"]]);
      cyFrom = clock.now();
      return pc + 1;
    }
    return startPlan(s, key, 0, t0);
  }

  function buttonStep(s: Step): number {
    while (btn < 3 && !io.has("fob" + key + "." + FOB_BUTTONS[btn])) btn++;
    if (btn > 2) {
      btn = 0;
      return pc + 1;
    }
    rfOn = -1;
    rfOff = -1;
    t0 = Math.max(anchor, clock.now());
    return startPlan(s, key, btn, t0);
  }

  function startPlan(s: Step, fob: number, b: number, at: number): number {
    plan = buildPlan(s.plan || [], p, fob, b, at);
    cyFrom = plan.last;
    pi = 0;
    st = "press";
    arm(at);
    return -1;
  }

  function tick(): void {
    tm = 0;
    if (st === "press") pressTick();
    else if (st === "edge") late(clock.now());
    else if (st === "conf") confTimeout();
    else if (st === "meas") measured();
  }

  function pressTick(): void {
    const pl = plan as Plan;
    const test = (r as Recipe).name === "fob-test";
    if (pi === 0 && !test) {
      const f: Field[] = ["key", key, "fob", key];
      if (tries > 0) f.push("try", tries + 1);
      ev("I", "key.start", f);
      if (pl.win > 0) ev("I", "window", ["id", "taps", "key", key, "from", pl.t0, "to", pl.t0 + pl.win]);
    }
    while (pi < pl.items.length && pl.items[pi].at <= clock.now()) {
      const it = pl.items[pi++];
      if (!it.on) bank.release(it.role);
      else if (!bank.press(it.role, it.max)) throw new Error("cannot press " + it.role);
    }
    if (pi < pl.items.length) arm(pl.items[pi].at);
    else if (test) {
      st = "meas";
      arm(t0 + Math.max(p["pressMs"], p["waitMs"]) + p["quietMs"]);
    } else resume(pc + 1);
  }

  function confStep(): number {
    const fb = io.has("lock.feedback");
    st = "conf";
    deadline = (hand ? winTo + p["tapWindowMs"] : (plan as Plan).end) + p["confirmMs"];
    ack = hand && !fb;
    if (fb && cyOff >= 0) return keyOk();
    arm(deadline);
    return -1;
  }

  function cycle(active: boolean, at: number): void {
    if (active && at >= cyFrom && cyOn < 0) cyOn = at;
    else if (!active && cyOn >= 0 && cyOff < 0) {
      cyOff = at;
      if (st === "conf") {
        disarm();
        resume(keyOk());
      }
    }
  }

  /** The locks cycled: key confirmed; the next key's window opens where the cycle began. */
  function keyOk(): number {
    ev("I", "key.result", ["key", key, "result", "confirmed"]);
    confirmed++;
    done++;
    anchor = cyOn;
    ack = false;
    return pc + 1;
  }

  function keyDone(reason: string): void {
    ev("I", "key.result", ["key", key, "result", "unverified", "reason", reason]);
    done++;
    anchor = clock.now();
    resume(pc + 1);
  }

  function confTimeout(): void {
    const fb = io.has("lock.feedback");
    if (!fb && !hand) return keyDone("no-feedback");
    const pl = plan as Plan;
    if (!hand && tries < p["retries"] && (winTo === 0 || clock.now() + p["delayMs"] + pl.end - pl.t0 <= winTo)) {
      tries++;
      anchor = clock.now();
      return resume(kpc);
    }
    ack = false;
    ev("E", "key.result", ["key", key, "result", "failed", "reason", fb ? "no-lock-cycle" : "no-ack"]);
    ev("W", "hint", ["id", (r as Recipe).fail]);
    end(0, "failed", lost());
  }

  function measured(): void {
    const got = rfOn >= 0;
    const lat = rfOn - t0;
    const ok = got && lat <= p["waitMs"];
    if (ok) pass++;
    else fail++;
    const f: Field[] = ["fob", key, "button", FOB_BUTTONS[btn], "result", ok ? "PASS" : "FAIL", "rf", got ? 1 : 0];
    f.push("latency", got ? lat : "-", "burst", got ? (rfOff >= 0 ? rfOff : clock.now()) - rfOn : "-");
    if (!ok) f.push("reason", got ? "slow" : "no-rf");
    ev(ok ? "I" : "E", "test.button", f);
    btn++;
    anchor = clock.now();
    resume(pc);
  }

  function battery(): void {
    const mv = io.battery(key);
    if (mv < 0) return;
    const v = mv >= 2600 ? "ok" : mv >= 2200 ? "weak" : "flat";
    ev(v === "ok" ? "I" : "W", "test.battery", ["fob", key, "mv", mv, "verdict", v]);
  }

  /** End the session: every switch released first, then `session.end`. */
  function end(ok: number, reason: string, more: Field[]): void {
    const was = r;
    disarm();
    bank.releaseAll();
    st = "idle";
    r = undefined;
    ack = false;
    if (was === undefined) return;
    const f: Field[] = ["recipe", was.name, "ok", ok, "keys", keys, "confirmed", confirmed, "reason", reason];
    ev(ok === 1 ? "I" : "E", "session.end", f.concat(more));
  }

  return {
    recipe: () => r,
    step: () => (r !== undefined ? st + ":" + r.steps[pc].op : "-"),
    key: () => key,
    start(rc: Recipe, pa: Params, n: number): void {
      r = rc;
      p = pa;
      key = 1;
      keys = n;
      anchor = clock.now();
      winTo = 0;
      confirmed = 0;
      done = 0;
      tries = 0;
      degr = false;
      ack = false;
      pass = 0;
      fail = 0;
      btn = 0;
      if (rc.name === "fob-test") {
        key = p["fob"] > 0 ? p["fob"] : 1;
        keys = p["fob"] > 0 ? p["fob"] : fobs;
      } else {
        let mode = "auto";
        for (const s of rc.steps) if (s.ack !== undefined && stepRuns(s, p) && first(s.r) === "") mode = "degraded";
        ev("I", "session.start", ["recipe", rc.name, "keys", n, "fobs", fobs, "mode", mode]);
      }
      resume(0);
    },
    onInput(x: string, active: boolean, at: number): void {
      if (r === undefined) return;
      const ign = x.substring(0, 8) === "ignition";
      if (active && r.ends.indexOf(x) >= 0 && !(st === "edge" && ign && role.substring(0, 8) === "ignition")) return end(0, ign ? "ignition" : "door", lost());
      if (st === "edge" && x === role && active === want) {
        disarm();
        if (at > deadline) return late(at);
        anchor = at;
        resume(pc + 1);
      } else if (x === "lock.feedback" && (st === "press" || st === "conf")) cycle(active, at);
      else if (x === "rf" && (st === "press" || st === "meas")) {
        if (active && rfOn < 0 && at >= t0) rfOn = at;
        if (!active && rfOn >= 0 && rfOff < 0) rfOff = at;
      }
    },
    waitsAck: () => ack,
    onAck(): boolean {
      if (!ack) return false;
      ack = false;
      disarm();
      if (st === "edge") {
        anchor = clock.now();
        resume(pc + 1);
      } else keyDone("acked");
      return true;
    },
    abort(): boolean {
      if (r === undefined) return false;
      end(0, "abort", []);
      return true;
    },
    reset(): void {
      end(0, "error", []);
    },
  };
}
