import { FOB_BUTTONS, fobCount } from "../hal/board";
import type { Clock } from "../hal/contracts";
import type { Emit } from "./event-writer";
import { guarded, type Guard } from "./guard";
import type { Io } from "./io";
import { buildPlan, type Plan } from "./plan";
import { stepTokens, toInt } from "./recipes/decode";
import type { Params, Recipe } from "./recipes/types";

/** The running procedure, as commands and inputs see it. */
export interface Sequencer {
  /** Does a procedure run? */
  busy(): boolean;
  /** `state=idle|busy recipe= step=<state:op> key=` for the `status` line. */
  status(): string;
  start(r: Recipe, p: Params, keys: number): void;
  onInput(role: string, active: boolean, at: number): void;
  /** Does a prompt wait for `ack`? */
  waitsAck(): boolean;
  /** The user did what the prompt asked (call only when `waitsAck()`). */
  onAck(): void;
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
 * One timer at a time (`tm`), one guarded callback (`tick`) made once. Every
 * time is absolute: the anchor is the last input edge, ack or lock cycle;
 * presses are placed from it, never chained. Events carry ids and numbers only
 * (host/protocol/texts.ts has the sentences). Written as a closure so the
 * minified bundle stays small (locals mangle, fields do not).
 */
export function createSequencer(io: Io, emit: Emit, clock: Clock, g: Guard): Sequencer {
  const bank = io.bank;
  const fobs = fobCount(io.board);
  let st = "idle";
  let r: Recipe | undefined = undefined;
  let test = false;
  let s: string[] = [];
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
  const tick = guarded(g, onTimer);

  /** `prompt id key ms` plus `more` (`ack=1`, hand-key buttons). */
  function prompt(id: string, ms: number, more: string): void {
    emit("I", "prompt id=" + id + " key=" + key + " ms=" + ms + more);
  }
  /** `window id key from to`: a car window opened (absolute device ms). */
  function announce(id: string, from: number, to: number): void {
    emit("I", "window id=" + id + " key=" + key + " from=" + from + " to=" + to);
  }
  function arm(t: number): void {
    if (tm > 0) clock.cancel(tm);
    tm = t < 0 ? 0 : clock.at(t, tick);
  }
  /** The first wired role of a comma list, or "". */
  function first(roles: string): string {
    for (const x of roles.split(",")) if (io.has(x)) return x;
    return "";
  }

  /** Run steps from `at` until one waits or the session ends. */
  function resume(at: number): void {
    pc = at;
    st = "run";
    while (st === "run" && r) {
      const t = stepTokens(r, pc, p);
      const next = t ? exec(t) : pc + 1;
      if (next < 0) return;
      pc = next;
    }
  }

  /** Execute one step: the next step index, or -1 when it waits or ended the session. */
  function exec(t: string[]): number {
    const op = t[0];
    s = t;
    if (op === "hint") emit("W", "hint id=" + t[1]);
    else if (op === "edge") return edgeStep();
    else if (op === "win") {
      winTo = anchor + p[t[2]];
      announce(t[1], anchor, winTo);
    } else if (op === "key" || op === "tb") {
      kpc = pc;
      cyOn = -1;
      cyOff = -1;
      hand = op === "key" && key > fobs;
      if (op === "tb") {
        while (btn < 3 && !io.has("fob" + key + "." + FOB_BUTTONS[btn])) btn++;
        if (btn > 2) {
          btn = 0;
          return pc + 1;
        }
        rfOn = -1;
        rfOff = -1;
        t0 = Math.max(anchor, clock.now());
      } else t0 = Math.max(anchor + p["delayMs"], clock.now());
      if (hand) {
        emit("I", "key.start key=" + key + " fob=0");
        prompt("hand-key", winTo - clock.now(), " hold=" + FOB_BUTTONS[p["hold"]] + " tap=" + FOB_BUTTONS[p["tap"]] + " n=" + p["taps"]);
        cyFrom = clock.now();
        return pc + 1;
      }
      plan = buildPlan(t, p, key, btn, t0);
      cyFrom = plan.last;
      pi = 0;
      st = "press";
      arm(t0);
      return -1;
    } else if (op === "conf") {
      const fb = io.has("lock.feedback");
      st = "conf";
      deadline = (hand ? winTo + p["tapWindowMs"] : (plan as Plan).end) + p["confirmMs"];
      ack = hand && !fb;
      if (fb && cyOff >= 0) return keyOk();
      arm(deadline);
      return -1;
    } else if (op === "next") {
      tries = 0;
      if (++key <= keys) return toInt(t[1]);
      key = keys;
    } else if (op === "end") {
      if (t.length > 1) prompt(t[1], 0, "");
      end(1, "done", "");
      return -1;
    } else if (op === "tst") emit("I", "test.start fobs=" + (keys - key + 1) + " press=" + p["pressMs"] + " wait=" + p["waitMs"]);
    else if (op === "bat") {
      const mv = io.battery(key);
      const v = mv >= 2600 ? "ok" : mv >= 2200 ? "weak" : "flat";
      if (mv >= 0) emit(v === "ok" ? "I" : "W", "test.battery fob=" + key + " mv=" + mv + " verdict=" + v);
    } else if (op === "tend") {
      emit("I", "test.end pass=" + pass + " fail=" + fail);
      r = undefined;
      st = "idle";
      return -1;
    } else throw new Error("bad step " + op);
    return pc + 1;
  }

  /** `edge <roles> <active> <lim> <late> <window> <prompt> <ack>` (types.ts). */
  function edgeStep(): number {
    const lim = p[s[3]];
    role = first(s[1]);
    if (role === "") {
      if (s[7] === "-") return pc + 1;
      st = "edge";
      if (!degr) emit("W", "degraded reason=no-ignition");
      degr = true;
      ack = true;
      deadline = clock.now() + lim;
      prompt(s[7], lim, " ack=1");
      arm(deadline);
      return -1;
    }
    deadline = anchor + lim;
    if (s[5] !== "-") announce(s[5], anchor, deadline);
    if (s[6] !== "-") prompt(s[6], deadline - clock.now(), "");
    want = s[2] === "1";
    if (io.active(role) === want) {
      anchor = clock.now();
      return pc + 1;
    }
    st = "edge";
    arm(deadline + io.debounceOf(role) + 1);
    return -1;
  }

  /** A deadline passed (or an edge came after it): end with the step's `late` reason. */
  function late(at: number): void {
    if (s[4] !== "violation") return end(0, "timeout", "");
    emit("E", "violation id=" + s[5] + " key=" + key + " at=" + at);
    end(0, "violation", "");
  }

  function onTimer(): void {
    tm = 0;
    if (st === "press") pressTick();
    else if (st === "edge") late(clock.now());
    else if (st === "conf") confTimeout();
    else if (st === "meas") measured();
  }

  /** Apply every plan item due now, then wait for the next, measure (fob-test) or go on. */
  function pressTick(): void {
    const pl = plan as Plan;
    if (pi === 0 && !test) {
      emit("I", "key.start key=" + key + " fob=" + key + (tries > 0 ? " try=" + (tries + 1) : ""));
      if (pl.win > 0) announce("taps", pl.t0, pl.t0 + pl.win);
    }
    while (pi < pl.at.length && pl.at[pi] <= clock.now()) {
      const i = pi++;
      if (!pl.down[i]) bank.release(pl.role[i]);
      else if (!bank.press(pl.role[i], pl.cap[i])) throw new Error("cannot press " + pl.role[i]);
    }
    if (pi < pl.at.length) arm(pl.at[pi]);
    else if (test) {
      st = "meas";
      arm(t0 + Math.max(p["pressMs"], p["waitMs"]) + p["quietMs"]);
    } else resume(pc + 1);
  }

  /** The locks cycled: key confirmed; the next key's window opens where the cycle began. */
  function keyOk(): number {
    emit("I", "key.result key=" + key + " result=confirmed");
    confirmed++;
    done++;
    anchor = cyOn;
    ack = false;
    return pc + 1;
  }

  /** The key cannot be checked (no lock feedback) or the user acked it: unverified, go on. */
  function keyDone(reason: string): void {
    emit("I", "key.result key=" + key + " result=unverified reason=" + reason);
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
    emit("E", "key.result key=" + key + " result=failed reason=" + (fb ? "no-lock-cycle" : "no-ack"));
    emit("W", "hint id=" + s[1]);
    end(0, "failed", lost());
  }

  function measured(): void {
    const got = rfOn >= 0;
    const lat = rfOn - t0;
    const ok = got && lat <= p["waitMs"];
    if (ok) pass++;
    else fail++;
    const rf = got ? " rf=1 latency=" + lat + " burst=" + ((rfOff >= 0 ? rfOff : clock.now()) - rfOn) : " rf=0 latency=- burst=-";
    emit(ok ? "I" : "E", "test.button fob=" + key + " button=" + FOB_BUTTONS[btn] + " result=" + (ok ? "PASS" : "FAIL") + rf + (ok ? "" : got ? " reason=slow" : " reason=no-rf"));
    btn++;
    anchor = clock.now();
    resume(pc);
  }

  /** ` lost=<first key not done>` when a pairing session ends early, else "". */
  function lost(): string {
    return test || done >= keys ? "" : " lost=" + (done + 1);
  }

  /** End the session: every switch released first, then `session.end` (+`more`). */
  function end(ok: number, reason: string, more: string): void {
    const was = r;
    arm(-1);
    bank.releaseAll();
    st = "idle";
    r = undefined;
    ack = false;
    if (was) {
      emit(ok === 1 ? "I" : "E", "session.end recipe=" + was.name + " ok=" + ok + " keys=" + keys + " confirmed=" + confirmed + " reason=" + reason + more);
    }
  }

  return {
    busy: () => !!r,
    status: () => (r ? "state=busy recipe=" + r.name + " step=" + st + ":" + s[0] + " key=" + key : "state=idle recipe=- step=- key=0"),
    start(rc: Recipe, pa: Params, n: number): void {
      r = rc;
      p = pa;
      test = rc.name === "fob-test";
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
      if (test) {
        key = p["fob"] > 0 ? p["fob"] : 1;
        keys = p["fob"] > 0 ? p["fob"] : fobs;
      } else {
        let mode = "auto";
        for (let i = 0; i < rc.steps.length; i++) {
          const t = stepTokens(rc, i, p);
          if (t && t[0] === "edge" && t[7] !== "-" && first(t[1]) === "") mode = "degraded";
        }
        emit("I", "session.start recipe=" + rc.name + " keys=" + n + " fobs=" + fobs + " mode=" + mode);
      }
      resume(0);
    },
    onInput(x: string, active: boolean, at: number): void {
      if (!r) return;
      const ign = x.substring(0, 8) === "ignition";
      if (active && ("," + r.ends + ",").indexOf("," + x + ",") >= 0 && !(st === "edge" && ign && role.substring(0, 8) === "ignition")) {
        return end(0, ign ? "ignition" : "door", lost());
      }
      if (st === "edge" && x === role && active === want) {
        arm(-1);
        if (at > deadline) return late(at);
        anchor = at;
        resume(pc + 1);
      } else if (x === "lock.feedback" && (st === "press" || st === "conf")) {
        if (active && at >= cyFrom && cyOn < 0) cyOn = at;
        else if (!active && cyOn >= 0 && cyOff < 0) {
          cyOff = at;
          if (st === "conf") {
            arm(-1);
            resume(keyOk());
          }
        }
      } else if (x === "rf" && (st === "press" || st === "meas")) {
        if (active && rfOn < 0 && at >= t0) rfOn = at;
        if (!active && rfOn >= 0 && rfOff < 0) rfOff = at;
      }
    },
    waitsAck: () => ack,
    onAck(): void {
      ack = false;
      arm(-1);
      if (st === "edge") {
        anchor = clock.now();
        resume(pc + 1);
      } else keyDone("acked");
    },
    abort(): boolean {
      const was = !!r;
      end(0, "abort", "");
      return was;
    },
    reset(): void {
      end(0, "error", "");
    },
  };
}
