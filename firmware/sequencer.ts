import { FOB_BUTTONS, fobCount, type BoardDescription } from "../hal/board";
import type { EventWriter, Field } from "./event-writer";
import type { Guard } from "./guard";
import type { Io } from "./io";
import { buildPlan, type Plan } from "./plan";
import type { Params, Recipe, Step } from "./recipes/types";
import { stepRuns } from "./recipes/validate";

/**
 * The one state machine that runs a recipe's steps (recipes/types.ts).
 *
 *            pair / test-fob
 *   IDLE ─────────────────────► RUN: execute steps until one has to wait
 *    ▲                            │
 *    │                            ├─► edge   input edge (or ack) by a deadline ── late ─► end violation|timeout
 *    │                            ├─► press  plan items at absolute times t0 + offset
 *    │                            ├─► conf   locks cycle by plan end + confirmMs ── none ─► retry | end failed
 *    │                            └─► meas   fob-test: rf latency/burst until t0 + max(press,wait) + quiet
 *    └── end: done | abort | door | ignition | fault ◄─┘
 *
 * One timer at a time (`tm`). Every time is absolute: the anchor is the last
 * input edge, ack or lock cycle; presses are placed from it, never chained.
 */
export class Sequencer {
  st = "idle";
  r: Recipe | undefined = undefined;
  p: Params = {};
  keys = 0;
  key = 0;
  pc = 0;
  private kpc = 0;
  private anchor = 0;
  private winTo = 0;
  private deadline = 0;
  private t0 = 0;
  private confirmed = 0;
  private done = 0;
  private tries = 0;
  private degr = false;
  private hand = false;
  private ack = false;
  private role = "";
  private want = false;
  private plan: Plan | undefined = undefined;
  private pi = 0;
  private cyFrom = 0;
  private cyOn = -1;
  private cyOff = -1;
  private btn = 0;
  private rfOn = -1;
  private rfOff = -1;
  private pass = 0;
  private fail = 0;
  private tm = 0;
  private io: Io;
  private w: EventWriter;
  private g: Guard;
  private board: BoardDescription;
  private tickFn: () => void;

  constructor(io: Io, w: EventWriter, g: Guard) {
    this.io = io;
    this.w = w;
    this.g = g;
    this.board = io.board;
    this.tickFn = () => this.tick();
  }

  busy(): boolean {
    return this.st !== "idle";
  }

  /** Name of the step running now, or "-". */
  stepName(): string {
    return this.r !== undefined ? this.st + ":" + this.r.steps[this.pc].op : "-";
  }

  /** Start recipe `r` (already validated) for `keys` keys. */
  start(r: Recipe, p: Params, keys: number): void {
    this.r = r;
    this.p = p;
    this.pc = 0;
    this.key = 1;
    this.keys = keys;
    this.anchor = this.now();
    this.winTo = 0;
    this.confirmed = 0;
    this.done = 0;
    this.tries = 0;
    this.degr = false;
    this.ack = false;
    this.pass = 0;
    this.fail = 0;
    this.btn = 0;
    if (r.name === "fob-test") {
      this.key = p["fob"] > 0 ? p["fob"] : 1;
      this.keys = p["fob"] > 0 ? p["fob"] : fobCount(this.board);
    } else this.ev("I", "session.start", ["recipe", r.name, "keys", keys, "fobs", fobCount(this.board), "mode", this.degraded(r) ? "degraded" : "auto"]);
    this.resume(0);
  }

  /** A debounced input edge: session ends, awaited edges, lock cycles, rf bursts. */
  onInput(role: string, active: boolean, at: number): void {
    const r = this.r;
    if (r === undefined) return;
    const ign = role.substring(0, 8) === "ignition";
    if (active && r.ends.indexOf(role) >= 0 && !(this.st === "edge" && ign && this.role.substring(0, 8) === "ignition")) {
      this.end(0, ign ? "ignition" : "door", this.lost());
      return;
    }
    if (this.st === "edge" && role === this.role && active === this.want) this.edgeSeen(at);
    else if (role === "lock.feedback" && (this.st === "press" || this.st === "conf")) this.cycle(active, at);
    else if (role === "rf" && (this.st === "press" || this.st === "meas")) {
      if (active && this.rfOn < 0 && at >= this.t0) this.rfOn = at;
      if (!active && this.rfOn >= 0 && this.rfOff < 0) this.rfOff = at;
    }
  }

  /** The user did what the prompt asked. False when nothing waits for an ack. */
  onAck(): boolean {
    if (!this.ack) return false;
    this.ack = false;
    this.disarm();
    if (this.st === "edge") {
      this.anchor = this.now();
      this.resume(this.pc + 1);
    } else this.keyDone("unverified", "acked", "Confirmed by the user");
    return true;
  }

  /** Abort the running procedure. False when idle. */
  abort(): boolean {
    if (this.r === undefined) return false;
    this.end(0, "abort", "Aborted: every switch released");
    return true;
  }

  /** After a fault: back to idle, telling the host the session ended. */
  reset(): void {
    if (this.r !== undefined) this.end(0, "error", "Internal error: every switch released");
    this.st = "idle";
  }

  private now(): number {
    return this.g.clock.now();
  }

  private ev(level: string, event: string, f: Field[]): void {
    this.w.emit(level, event, f);
  }

  private prompt(id: string, ms: number, text: string): void {
    this.ev("I", "prompt", ["id", id, "key", this.key, "ms", ms, "text", text]);
  }

  private arm(t: number): void {
    this.disarm();
    this.tm = this.g.at(t, this.tickFn);
  }

  private disarm(): void {
    if (this.tm > 0) this.g.clock.cancel(this.tm);
    this.tm = 0;
  }

  private degraded(r: Recipe): boolean {
    for (const s of r.steps) if (s.ack !== undefined && stepRuns(s, this.p) && this.first(s.r) === "") return true;
    return false;
  }

  /** The first wired role of a list, or "". */
  private first(roles: string[] | undefined): string {
    if (roles !== undefined) for (const x of roles) if (this.io.has(x)) return x;
    return "";
  }

  private lost(): string {
    const r = this.r;
    if (r === undefined || this.done >= this.keys || r.lose === "") return "";
    return "Keys " + (this.done + 1) + "-" + this.keys + r.lose;
  }

  /** Run steps from `pc` until one waits or the session ends. */
  private resume(pc: number): void {
    this.pc = pc;
    this.st = "run";
    while (this.st === "run" && this.r !== undefined) {
      const s = this.r.steps[this.pc];
      const next = stepRuns(s, this.p) ? this.exec(s) : this.pc + 1;
      if (next < 0) return;
      this.pc = next;
    }
  }

  /** Execute one step: the next step index, or -1 when it waits or ended the session. */
  private exec(s: Step): number {
    const p = this.p;
    const op = s.op;
    if (op === "hint") this.ev("W", "hint", ["text", s.t ?? ""]);
    else if (op === "edge") return this.edgeStep(s);
    else if (op === "win") {
      this.winTo = this.anchor + p[s.lim ?? ""];
      this.ev("I", "window", ["id", s.id ?? "", "key", this.key, "from", this.anchor, "to", this.winTo]);
    } else if (op === "key") return this.keyStep(s);
    else if (op === "conf") return this.confStep();
    else if (op === "next") {
      this.key++;
      this.tries = 0;
      if (this.key <= this.keys) return s.to ?? 0;
    } else if (op === "end") {
      if (s.t !== undefined) this.prompt("end", 0, s.t);
      this.end(1, "done", "");
      return -1;
    } else if (op === "tst") this.ev("I", "test.start", ["fobs", this.keys - this.key + 1, "press", p["pressMs"], "wait", p["waitMs"]]);
    else if (op === "tb") return this.buttonStep(s);
    else if (op === "bat") this.battery();
    else if (op === "tend") {
      this.ev("I", "test.end", ["pass", this.pass, "fail", this.fail]);
      this.r = undefined;
      this.st = "idle";
      return -1;
    } else throw new Error("unknown step " + op);
    return this.pc + 1;
  }

  private edgeStep(s: Step): number {
    const role = this.first(s.r);
    const lim = this.p[s.lim ?? ""];
    this.st = "edge";
    this.role = role;
    if (role === "") {
      if (s.ack === undefined) return this.pc + 1;
      if (!this.degr) this.ev("W", "degraded", ["reason", "no-ignition-input", "text", "Do each step by hand, then send ack"]);
      this.degr = true;
      this.ack = true;
      this.deadline = this.now() + lim;
      this.prompt(s.ack, lim, s.at ?? "");
      this.arm(this.deadline);
      return -1;
    }
    this.deadline = this.anchor + lim;
    if (s.w !== undefined) this.ev("I", "window", ["id", s.w, "key", this.key, "from", this.anchor, "to", this.deadline]);
    if (s.id !== undefined) this.prompt(s.id, this.deadline - this.now(), s.t ?? "");
    this.want = s.a === 1;
    const sig = this.io.sig(role);
    if (sig !== undefined && sig.isActive() === this.want) {
      this.anchor = this.now();
      return this.pc + 1;
    }
    this.arm(this.deadline + this.io.debounce(role) + 1);
    return -1;
  }

  private edgeSeen(at: number): void {
    this.disarm();
    if (at > this.deadline) this.late(at);
    else {
      this.anchor = at;
      this.resume(this.pc + 1);
    }
  }

  private late(at: number): void {
    const r = this.r;
    if (r === undefined) return;
    const s = r.steps[this.pc];
    if (s.late === "violation") {
      const id = s.w ?? s.id ?? "";
      const text = "Missed the " + id + " window: start again";
      this.ev("E", "violation", ["id", id, "key", this.key, "at", at, "text", text]);
      this.end(0, "violation", text);
    } else this.end(0, "timeout", "No reaction in time");
  }

  private keyStep(s: Step): number {
    const p = this.p;
    const fob = this.key <= fobCount(this.board) ? this.key : 0;
    this.kpc = this.pc;
    this.cyOn = -1;
    this.cyOff = -1;
    this.t0 = Math.max(this.anchor + p["delayMs"], this.now());
    this.hand = fob === 0;
    if (this.hand) {
      const tap = FOB_BUTTONS[p["tap"]];
      this.ev("I", "key.start", ["key", this.key, "fob", 0]);
      this.prompt("hand-key", this.winTo - this.now(), "Key " + this.key + " now: hold " + FOB_BUTTONS[p["hold"]] + ", tap " + tap + " " + p["taps"] + " times, release");
      this.cyFrom = this.now();
      return this.pc + 1;
    }
    this.plan = buildPlan(s.plan ?? [], p, fob, 0, this.t0);
    this.cyFrom = this.plan.last;
    this.pi = 0;
    this.st = "press";
    this.arm(this.t0);
    return -1;
  }

  private buttonStep(s: Step): number {
    while (this.btn < 3 && !this.io.has("fob" + this.key + "." + FOB_BUTTONS[this.btn])) this.btn++;
    if (this.btn >= 3) {
      this.btn = 0;
      return this.pc + 1;
    }
    this.rfOn = -1;
    this.rfOff = -1;
    this.t0 = Math.max(this.anchor, this.now());
    this.plan = buildPlan(s.plan ?? [], this.p, this.key, this.btn, this.t0);
    this.pi = 0;
    this.st = "press";
    this.arm(this.t0);
    return -1;
  }

  private tick(): void {
    this.tm = 0;
    const st = this.st;
    if (st === "press") this.pressTick();
    else if (st === "edge") this.late(this.now());
    else if (st === "conf") this.confTimeout();
    else if (st === "meas") this.measured();
  }

  private pressTick(): void {
    const pl = this.plan;
    const r = this.r;
    if (pl === undefined || r === undefined) return;
    if (this.pi === 0 && r.name !== "fob-test") {
      const f: Field[] = ["key", this.key, "fob", this.key];
      if (this.tries > 0) f.push("try", this.tries + 1);
      this.ev("I", "key.start", f);
      if (pl.win > 0) this.ev("I", "window", ["id", "taps", "key", this.key, "from", pl.t0, "to", pl.t0 + pl.win]);
    }
    const now = this.now();
    while (this.pi < pl.items.length && pl.items[this.pi].at <= now) {
      const it = pl.items[this.pi++];
      if (!it.on) this.io.bank.release(it.role);
      else if (!this.io.bank.press(it.role, it.max)) throw new Error("cannot press " + it.role);
    }
    if (this.pi < pl.items.length) this.arm(pl.items[this.pi].at);
    else if (r.name === "fob-test") {
      this.st = "meas";
      this.arm(this.t0 + Math.max(this.p["pressMs"], this.p["waitMs"]) + this.p["quietMs"]);
    } else this.resume(this.pc + 1);
  }

  private confStep(): number {
    const p = this.p;
    const fb = this.io.has("lock.feedback");
    const pl = this.plan;
    this.st = "conf";
    this.deadline = this.hand ? this.winTo + p["tapWindowMs"] + p["confirmMs"] : (pl !== undefined ? pl.end : this.now()) + p["confirmMs"];
    this.ack = this.hand && !fb;
    if (fb && this.cyOff >= 0) return this.keyOk(this.cyOn);
    this.arm(this.deadline);
    return -1;
  }

  private cycle(active: boolean, at: number): void {
    if (active && at >= this.cyFrom && this.cyOn < 0) this.cyOn = at;
    else if (!active && this.cyOn >= 0 && this.cyOff < 0) {
      this.cyOff = at;
      if (this.st === "conf") {
        this.disarm();
        this.resume(this.keyOk(this.cyOn));
      }
    }
  }

  /** The locks cycled: key confirmed, the next key's window opens at the cycle. */
  private keyOk(at: number): number {
    this.ev("I", "key.result", ["key", this.key, "result", "confirmed"]);
    this.confirmed++;
    this.done++;
    this.anchor = at;
    this.ack = false;
    return this.pc + 1;
  }

  private keyDone(result: string, reason: string, text: string): void {
    this.ev("I", "key.result", ["key", this.key, "result", result, "reason", reason, "text", text]);
    this.done++;
    this.anchor = this.now();
    this.resume(this.pc + 1);
  }

  private confTimeout(): void {
    const p = this.p;
    const r = this.r;
    const pl = this.plan;
    if (r === undefined) return;
    const fb = this.io.has("lock.feedback");
    if (!fb && !this.hand) return this.keyDone("unverified", "no-feedback", "Check by eye that the locks cycled");
    const len = pl !== undefined ? pl.end - pl.t0 : 0;
    if (!this.hand && this.tries < p["retries"] && (this.winTo === 0 || this.now() + p["delayMs"] + len <= this.winTo)) {
      this.tries++;
      this.anchor = this.now();
      this.resume(this.kpc);
      return;
    }
    this.ack = false;
    this.ev("E", "key.result", ["key", this.key, "result", "failed", "reason", fb ? "no-lock-cycle" : "no-ack", "text", "The locks did not cycle"]);
    this.ev("W", "hint", ["text", r.fail]);
    this.end(0, "failed", this.lost());
  }

  private measured(): void {
    const got = this.rfOn >= 0;
    const lat = this.rfOn - this.t0;
    const ok = got && lat <= this.p["waitMs"];
    if (ok) this.pass++;
    else this.fail++;
    const f: Field[] = ["fob", this.key, "button", FOB_BUTTONS[this.btn], "result", ok ? "PASS" : "FAIL", "rf", got ? 1 : 0];
    f.push("latency", got ? lat : "-", "burst", got ? (this.rfOff >= 0 ? this.rfOff : this.now()) - this.rfOn : "-");
    if (!ok) f.push("reason", got ? "slow" : "no-rf");
    this.ev(ok ? "I" : "E", "test.button", f);
    this.btn++;
    this.anchor = this.now();
    this.resume(this.pc);
  }

  private battery(): void {
    const mv = this.io.battery(this.key);
    if (mv < 0) return;
    const v = mv >= 2600 ? "ok" : mv >= 2200 ? "weak" : "flat";
    this.ev(v === "ok" ? "I" : "W", "test.battery", ["fob", this.key, "mv", mv, "verdict", v]);
  }

  /** End the session: every switch released first, then `session.end`. */
  private end(ok: number, reason: string, text: string): void {
    const r = this.r;
    this.disarm();
    this.io.bank.releaseAll();
    this.st = "idle";
    this.r = undefined;
    this.ack = false;
    if (r === undefined) return;
    const f: Field[] = ["recipe", r.name, "ok", ok, "keys", this.keys, "confirmed", this.confirmed, "reason", reason];
    if (text !== "") f.push("text", text);
    this.ev(ok === 1 ? "I" : "E", "session.end", f);
  }
}
