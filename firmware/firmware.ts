import type { AnalogPin, InputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { FOB_BUTTONS, MAX_FOBS, fobCount, findPin, wiredKind } from "../hal/board-device";
import { arg, parseLine, type ParsedLine } from "./command-parser";
import { bare } from "./event-writer";
import { errorText, guarded } from "./guard";
import { CAP_MARGIN, buildPlan, type Plan } from "./plan";
import { PARAM_MAX, paramList, stepTokens, toInt } from "./recipes/decode";
import { RECIPE_TABLE, findRecipe } from "./recipes/table";
import { MAX_KEYS, MIN_KEYS, type Params, type Recipe } from "./recipes/types";
import { validateRecipe } from "./recipes/validate";
import { createSwitchBank } from "./switch-bank";

/** What `version` and `boot` report. */
export interface BuildInfo {
  version: string;
  build: string;
  target: string;
}

/**
 * The running firmware, as a composition root sees it.
 * @noSelf (Lua: plain functions, no hidden `self`)
 */
export interface Firmware {
  /** One command line, as if it arrived on the link. */
  handleLine(line: string): void;
  /** Every switch off now (target roots call it on fatal errors). */
  releaseAll(reason: string): void;
}

const CMDS = "help version status recipes pair press ack abort";

/** After a bench press, RF receiver edges are reported this long (ms) past its release (the host's fob test listens). */
const LISTEN_MS = 5000;

/** The sequencer's states; `status` names them (`step=<state>:<op>`) from STATE_NAMES. */
const enum St {
  Idle,
  Run,
  Press,
  Edge,
  Conf,
}
const STATE_NAMES = "idle run press edge conf";

/**
 * The firmware core, ONE closure so the minified bundle carries no internal
 * interface objects (locals mangle, fields do not; 10 KB budget on Espruino).
 * Sections, in order: event writer, fault handling, inputs (io), the
 * sequencer, the commands. The switch bank (switch-bank.ts) is its own
 * module: the independent cap is the safety net and is tested alone.
 *
 * Start: every switch created released first, inputs watched, `link.onLine`
 * registered, then the `boot` banner. Input edges are reported as `input`
 * lines (rf only while a procedure runs: a receiver's noise would flood the
 * link) and passed to the sequencer.
 *
 * The sequencer is the one state machine that runs a recipe's steps (recipes/types.ts):
 *
 *            pair
 *   idle ─────────────────────► run: execute steps until one has to wait
 *    ▲                            │
 *    │                            ├─► edge   input edge (or ack) by a deadline ── late ─► end violation|timeout
 *    │                            ├─► press  plan items at absolute times t0 + offset
 *    │                            └─► conf   locks cycle by plan end + confirmMs ── none ─► retry | end failed
 *    └── end: done | abort | door | ignition | failed | error ◄─┘
 *
 * One timer at a time (`tm`), one guarded callback (`tick`) made once. Every
 * time is absolute: the anchor is the last input edge, ack or lock cycle;
 * presses are placed from it, never chained. Events carry ids and numbers only
 * (host/protocol/texts.ts has the sentences).
 *
 * Commands (docs/protocol.md): every refusal is one `error` line and changes
 * nothing; while a procedure runs or a switch is on (a bench `press` until its
 * release) only status, abort and ack pass.
 */
export function startFirmware(platform: Platform, board: DeviceBoard, info: BuildInfo): Firmware {
  const clock = platform.clock;
  const link = platform.link;
  const fobs = fobCount(board);
  /** Device ms (an integer: Clock contract). */
  const now = () => clock.now();
  /** `fw build target board proto rf`, shared by the `boot` and `version` lines. */
  const ident = "fw=" + info.version + " build=" + info.build + " target=" + info.target + " board=" + board.id + " proto=2 rf=" + (findPin(board, "rf") ? 1 : 0);

  // ---- event writer: numbers every line from 1, stamps device ms
  let lineNo = 0;
  /** `text` is `<L> <event> k=v...` (level first). */
  function emit(text: string): void {
    lineNo++;
    link.write("@" + lineNo + " " + now() + " " + text);
  }

  // ---- faults: release every switch, report, back to idle
  function onFault(msg: string): void {
    bank.releaseAll();
    emit("E fault msg=" + bare(msg));
    end(0, "error", "");
  }
  const fail = (e: unknown) => onFault(errorText(e));
  const bank = createSwitchBank(platform, board, emit, clock, fail);

  // ---- inputs and battery ADCs, by role
  const inRoles: string[] = [];
  const inPins: InputPin[] = [];
  const inHigh: boolean[] = [];
  const adcs: { [role: string]: AnalogPin } = {};
  for (const pin of board.pins) {
    const k = wiredKind(pin.role);
    if (k === "input") {
      inRoles.push(pin.role);
      inPins.push(platform.input(pin.pin, pin.pull || "none", pin.debounceMs || 0));
      inHigh.push(pin.active === "high");
    }
    if (k === "analog") adcs[pin.role] = platform.analog(pin.pin);
  }
  const has = (role: string) => findPin(board, role) !== undefined;
  /** Lock feedback wired: keys are confirmed by the locks cycling. */
  const fb = has("lock.feedback");
  /** Is input `role` active now (polarity from the board)? False when not wired. */
  function active(role: string): boolean {
    const i = inRoles.indexOf(role);
    return i >= 0 && inPins[i].read() === inHigh[i];
  }
  /** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
  function battery(fob: number): number {
    const role = "fob" + fob + ".battery";
    const pin = findPin(board, role);
    const a = adcs[role];
    return pin && a ? Math.floor((a.readMillivolts() * (pin.scale || 1000)) / 1000) : -1;
  }

  // ---- the sequencer's state
  let st = St.Idle;
  let r: Recipe | undefined = undefined;
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
  /** RF edges are reported until then (device ms): a bench press sets it. */
  let listenUntil = -1;
  let tm = 0;
  const tick = guarded(fail, onTimer);

  /** `prompt id key ms` plus `more` (`ack=1`, hand-key buttons). */
  function prompt(id: string, ms: number, more: string): void {
    emit("I prompt id=" + id + " key=" + key + " ms=" + ms + more);
  }
  /** `window id key from to`: a car window opened (absolute device ms). */
  function announce(id: string, from: number, to: number): void {
    emit("I window id=" + id + " key=" + key + " from=" + from + " to=" + to);
  }
  /** The one timer: at `t`, or none when `t` < 0 (cancelling handle 0 is a no-op: Clock contract). */
  function arm(t: number): void {
    clock.cancel(tm);
    tm = t < 0 ? 0 : clock.at(t, tick);
  }
  /** The first wired role of a comma list, or "". */
  function first(roles: string): string {
    for (const x of roles.split(",")) if (has(x)) return x;
    return "";
  }

  /** Start a recipe (validated by the commands). */
  function start(rc: Recipe, pa: Params, n: number): void {
    r = rc;
    p = pa;
    key = 1;
    keys = n;
    anchor = now();
    winTo = confirmed = done = tries = 0;
    degr = ack = false;
    emit("I session.start recipe=" + rc.name + " keys=" + n + " fobs=" + fobs);
    resume(0);
  }

  /** Run steps from `at` until one waits or the session ends. */
  function resume(at: number): void {
    pc = at;
    st = St.Run;
    while (st === St.Run && r) {
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
    if (op === "hint") emit("W hint id=" + t[1]);
    else if (op === "edge") return edgeStep();
    else if (op === "win") {
      winTo = anchor + p[t[2]];
      announce(t[1], anchor, winTo);
    } else if (op === "key") {
      kpc = pc;
      cyOn = cyOff = -1;
      hand = key > fobs;
      t0 = Math.max(anchor + p["delayMs"], now());
      if (hand) {
        emit("I key.start key=" + key + " fob=0");
        prompt("hand-key", winTo - now(), " hold=" + FOB_BUTTONS[p["hold"]] + " tap=" + FOB_BUTTONS[p["tap"]] + " n=" + p["taps"]);
        cyFrom = now();
        return pc + 1;
      }
      plan = buildPlan(t, p, key, t0);
      cyFrom = plan.last;
      pi = 0;
      st = St.Press;
      arm(t0);
      return -1;
    } else if (op === "conf") {
      st = St.Conf;
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
    } else throw "bad step " + op;
    return pc + 1;
  }

  /** `edge <roles> <active> <lim> <late> <window> <prompt> <ack>` (types.ts). */
  function edgeStep(): number {
    const lim = p[s[3]];
    role = first(s[1]);
    want = s[2] === "1";
    if (role === "") {
      // degraded: the user acks instead
      if (s[7] === "-") return pc + 1;
      if (!degr) emit("W degraded reason=no-ignition");
      degr = ack = true;
      deadline = now() + lim;
      prompt(s[7], lim, " ack=1");
    } else {
      deadline = anchor + lim;
      if (s[5] !== "-") announce(s[5], anchor, deadline);
      if (s[6] !== "-") prompt(s[6], deadline - now(), "");
      if (active(role) === want) {
        anchor = now();
        return pc + 1;
      }
    }
    st = St.Edge;
    // an edge at the deadline is reported after its debounce
    const pin = findPin(board, role);
    arm(deadline + (pin ? (pin.debounceMs || 0) + 1 : 0));
    return -1;
  }

  /** A deadline passed (or an edge came after it): end with the step's `late` reason. */
  function late(at: number): void {
    if (s[4] !== "violation") return end(0, "timeout", "");
    emit("E violation id=" + s[5] + " key=" + key + " at=" + at);
    end(0, "violation", "");
  }

  function onTimer(): void {
    tm = 0;
    if (st === St.Press) pressTick();
    else if (st === St.Edge) late(now());
    else if (st === St.Conf) confTimeout();
  }

  /** Apply every plan item due now, then wait for the next or go on. */
  function pressTick(): void {
    const pl = plan as Plan;
    if (pi === 0) {
      emit("I key.start key=" + key + " fob=" + key + (tries > 0 ? " try=" + (tries + 1) : ""));
      if (pl.win > 0) announce("taps", pl.t0, pl.t0 + pl.win);
    }
    while (pi < pl.at.length && pl.at[pi] <= now()) {
      const i = pi++;
      if (!pl.down[i]) bank.release(pl.role[i]);
      else if (!bank.press(pl.role[i], pl.cap[i])) throw "cannot press " + pl.role[i];
    }
    if (pi < pl.at.length) arm(pl.at[pi]);
    else resume(pc + 1);
  }

  /** `key.result` of the current key at level `lvl`: `result` and what follows. */
  function keyResult(lvl: string, result: string): void {
    emit(lvl + " key.result key=" + key + " result=" + result);
  }

  /** The locks cycled: key confirmed; the next key's window opens where the cycle began. */
  function keyOk(): number {
    keyResult("I", "confirmed");
    confirmed++;
    done++;
    anchor = cyOn;
    ack = false;
    return pc + 1;
  }

  /** The key cannot be checked (no lock feedback) or the user acked it: unverified, go on. */
  function keyDone(reason: string): void {
    keyResult("I", "unverified reason=" + reason);
    done++;
    anchor = now();
    resume(pc + 1);
  }

  function confTimeout(): void {
    if (!fb && !hand) return keyDone("no-feedback");
    const pl = plan as Plan;
    if (!hand && tries < p["retries"] && (winTo === 0 || now() + p["delayMs"] + pl.end - pl.t0 <= winTo)) {
      tries++;
      anchor = now();
      return resume(kpc);
    }
    ack = false;
    keyResult("E", "failed reason=" + (fb ? "no-lock-cycle" : "no-ack"));
    emit("W hint id=" + s[1]);
    end(0, "failed", lost());
  }

  /** ` lost=<first key not done>` when a pairing session ends early, else "". */
  function lost(): string {
    return done >= keys ? "" : " lost=" + (done + 1);
  }

  /** End the session: every switch released first, then `session.end` (+`more`). */
  function end(ok: number, reason: string, more: string): void {
    const was = r;
    arm(-1);
    bank.releaseAll();
    st = St.Idle;
    r = undefined;
    ack = false;
    if (was) {
      emit((ok === 1 ? "I" : "E") + " session.end recipe=" + was.name + " ok=" + ok + " keys=" + keys + " confirmed=" + confirmed + " reason=" + reason + more);
    }
  }

  /** An input edge, for the running procedure. */
  function onInput(x: string, on: boolean, at: number): void {
    if (!r) return;
    const ign = x.substring(0, 8) === "ignition";
    if (on && r.ends.split(",").indexOf(x) >= 0 && !(st === St.Edge && ign && role.substring(0, 8) === "ignition")) {
      return end(0, ign ? "ignition" : "door", lost());
    }
    if (st === St.Edge && x === role && on === want) {
      arm(-1);
      if (at > deadline) return late(at);
      anchor = at;
      resume(pc + 1);
    } else if (x === "lock.feedback" && (st === St.Press || st === St.Conf)) {
      if (on && at >= cyFrom && cyOn < 0) cyOn = at;
      else if (!on && cyOn >= 0 && cyOff < 0) {
        cyOff = at;
        if (st === St.Conf) {
          arm(-1);
          resume(keyOk());
        }
      }
    }
  }

  // ---- commands
  let c = "";

  function ok(more: string): void {
    emit("I ok cmd=" + c + more);
  }
  /** Refuse the line: `codeAndFields` is `<code>[ k=v...]`. Returns undefined (`return err(...)` anywhere). */
  function err(codeAndFields: string): undefined {
    emit("E error cmd=" + (c === "" ? "-" : bare(c)) + " code=" + codeAndFields);
    return undefined;
  }

  /** Defaults overridden by `name=value` (an integer or one of the param's value names); undefined after an error. */
  function params(rc: Recipe, a: ParsedLine): Params | undefined {
    const pa: Params = {};
    const list = paramList(rc);
    for (const q of list) pa[q[0]] = toInt(q[1]);
    for (let i = 0; i < a.names.length; i++) {
      const k = a.names[i];
      const an = " arg=" + bare(a.names[i]);
      let x: string[] | undefined = undefined;
      for (const q of list) if (q[0] === k) x = q;
      if (k === "keys" || k === "confirm") {
        // pair's own arguments
      } else if (!x) return err("bad-argument id=unknown" + an);
      else {
        // lo is 0; hi: the value names' count, a number, or PARAM_MAX (types.ts)
        const names = (x[2] || "").split("/");
        const named = names.length > 1;
        const hi = named ? names.length - 1 : x[2] ? toInt(x[2]) : PARAM_MAX;
        const t = named ? names.indexOf(a.vals[i]) : -1;
        const v = t >= 0 ? t : toInt(a.vals[i]);
        if (v < 0 || v > hi) return err("bad-argument id=" + (named ? "values" + an + " values=" + names.join(",") : "range" + an + " lo=0 hi=" + hi));
        pa[k] = v;
      }
    }
    return pa;
  }

  function run(rc: Recipe, pa: Params | undefined, n: number): void {
    if (!pa) return;
    const e = validateRecipe(rc, pa, n, board);
    if (e !== "") return err(e);
    ok("");
    start(rc, pa, n);
  }

  function pair(a: ParsedLine): void {
    const rc = findRecipe(a.pos.length === 1 ? a.pos[0] : "");
    const n = toInt(arg(a, "keys"));
    const cf = toInt(arg(a, "confirm"));
    if (!rc) err("bad-argument id=usage");
    else if (n < 0 || cf < 0) err("bad-argument id=keys");
    else if (n < MIN_KEYS || n > MAX_KEYS) err("keys-out-of-range min=" + MIN_KEYS + " max=" + MAX_KEYS);
    else if (cf !== n) err("confirm-mismatch");
    else run(rc, params(rc, a), n);
  }

  function press(a: ParsedLine): void {
    const well = a.pos.length === 3 && a.names.length === 0;
    const fob = well ? toInt(a.pos[0]) : -1;
    const ms = well ? toInt(a.pos[2]) : -1;
    if (fob < 1 || fob > MAX_FOBS || FOB_BUTTONS.indexOf(a.pos[1]) < 0 || ms < 1 || ms > board.maxPressMs) {
      return err("bad-argument id=usage max=" + board.maxPressMs);
    }
    const sw = "fob" + fob + "." + a.pos[1];
    if (!has(sw)) return err("not-wired role=" + sw);
    ok("");
    bank.press(sw, ms + CAP_MARGIN); // the bank clamps the cap to the board's maxPressMs
    bank.releaseAt(sw, now() + ms);
    listenUntil = now() + ms + LISTEN_MS;
    // the cell read with the button held (the host's fob test judges it)
    const mv = battery(fob);
    if (mv >= 0) emit("I battery fob=" + fob + " mv=" + mv);
  }

  /** One command line. */
  function handle(line: string): void {
    const a = parseLine(line);
    // a line refused whole (too-long, garbage) has no name: cmd=-
    c = a.name;
    if (a.err !== "") return err(a.err);
    const busy = !!r || bank.onList() !== "-";
    if (c === "") return;
    if (CMDS.split(" ").indexOf(c) < 0) return err("unknown-command");
    if (busy && c !== "status" && c !== "abort" && c !== "ack") return err("busy");
    if (c === "help") emit('I help cmds="' + CMDS + '"');
    else if (c === "version") emit("I version " + ident);
    else if (c === "status") {
      emit("I status " + (r ? "state=busy recipe=" + r.name + " step=" + STATE_NAMES.split(" ")[st] + ":" + s[0] + " key=" + key : "state=idle recipe=- step=- key=0") + " on=" + bank.onList());
    } else if (c === "recipes") {
      for (const x of RECIPE_TABLE) emit("I recipe name=" + x.name + " keys=" + MIN_KEYS + "-" + MAX_KEYS);
      return ok(" n=" + RECIPE_TABLE.length);
    } else if (c === "pair") return pair(a);
    else if (c === "press") return press(a);
    else if (c === "ack") {
      if (!r || !ack) return err("nothing-to-ack");
      ok("");
      ack = false;
      arm(-1);
      if (st === St.Edge) {
        anchor = now();
        resume(pc + 1);
      } else keyDone("acked");
      return;
    } else {
      ok("");
      end(0, "abort", "");
      return;
    }
    ok("");
  }

  // ---- wiring it together
  for (let i = 0; i < inRoles.length; i++) watchInput(inPins[i], inRoles[i], inHigh[i]);
  /** Report `x`'s debounced edges and pass them to the sequencer (one guarded closure per input, made at start-up). */
  function watchInput(pin: InputPin, x: string, high: boolean): void {
    pin.watch(
      guarded(fail, (h: boolean, at: number) => {
        const on = h === high;
        // rf only during a procedure or after a bench press: a receiver's noise would flood the link
        if (x !== "rf" || r || at <= listenUntil) emit("I input role=" + x + " on=" + (on ? 1 : 0) + " at=" + at);
        onInput(x, on, at);
      }),
    );
  }
  const fw: Firmware = { handleLine: guarded(fail, handle), releaseAll: onFault };
  link.onLine(fw.handleLine);
  emit("I boot " + ident + " fobs=" + fobs);
  return fw;
}
