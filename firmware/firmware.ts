import type { AnalogPin, InputPin, Platform } from "../hal/contracts";
import type { DeviceBoard } from "../hal/board";
import { FOB_BUTTONS, MAX_FOBS, fobCount, findPin, wiredKind } from "../hal/board-device";
import { arg, parseLine, type ParsedLine } from "./command-parser";
import { bare } from "./event-writer";
import { errorText, guarded } from "./guard";
import { CAP_MARGIN, buildPlan, type Plan } from "./plan";
import { paramList, stepTokens, toInt } from "./recipes/decode";
import { RECIPE_TABLE, findRecipe } from "./recipes/table";
import type { Params, Recipe } from "./recipes/types";
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

const CMDS = "help version status recipes pair test-fob press ack abort";

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
  /** `fw build target board`, shared by the `boot` and `version` lines. */
  const ident = "fw=" + info.version + " build=" + info.build + " target=" + info.target + " board=" + board.id;

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
  /** Is input `role` active now (polarity from the board)? False when not wired. */
  function active(role: string): boolean {
    const i = inRoles.indexOf(role);
    return i >= 0 && inPins[i].read() === inHigh[i];
  }
  /** Battery millivolts of fob `fob` (pin mV x scale / 1000), or -1 when not wired. */
  function battery(fob: number): number {
    const pin = findPin(board, "fob" + fob + ".battery");
    const a = adcs["fob" + fob + ".battery"];
    return pin === undefined || a === undefined ? -1 : Math.floor((a.readMillivolts() * (pin.scale || 1000)) / 1000);
  }

  // ---- the sequencer's state
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
  let failed = 0;
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
  function arm(t: number): void {
    if (tm > 0) clock.cancel(tm);
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
    test = rc.name === "fob-test";
    key = 1;
    keys = n;
    anchor = now();
    winTo = 0;
    confirmed = 0;
    done = 0;
    tries = 0;
    degr = false;
    ack = false;
    pass = 0;
    failed = 0;
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
      emit("I session.start recipe=" + rc.name + " keys=" + n + " fobs=" + fobs + " mode=" + mode);
    }
    resume(0);
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
    if (op === "hint") emit("W hint id=" + t[1]);
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
        while (btn < 3 && !has("fob" + key + "." + FOB_BUTTONS[btn])) btn++;
        if (btn > 2) {
          btn = 0;
          return pc + 1;
        }
        rfOn = -1;
        rfOff = -1;
        t0 = Math.max(anchor, now());
      } else t0 = Math.max(anchor + p["delayMs"], now());
      if (hand) {
        emit("I key.start key=" + key + " fob=0");
        prompt("hand-key", winTo - now(), " hold=" + FOB_BUTTONS[p["hold"]] + " tap=" + FOB_BUTTONS[p["tap"]] + " n=" + p["taps"]);
        cyFrom = now();
        return pc + 1;
      }
      plan = buildPlan(t, p, key, btn, t0);
      cyFrom = plan.last;
      pi = 0;
      st = "press";
      arm(t0);
      return -1;
    } else if (op === "conf") {
      const fb = has("lock.feedback");
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
    } else if (op === "tst") emit("I test.start fobs=" + (keys - key + 1) + " press=" + p["pressMs"] + " wait=" + p["waitMs"]);
    else if (op === "bat") {
      const mv = battery(key);
      const v = mv >= 2600 ? "ok" : mv >= 2200 ? "weak" : "flat";
      if (mv >= 0) emit((v === "ok" ? "I" : "W") + " test.battery fob=" + key + " mv=" + mv + " verdict=" + v);
    } else if (op === "tend") {
      emit("I test.end pass=" + pass + " fail=" + failed);
      r = undefined;
      st = "idle";
      return -1;
    } else throw "bad step " + op;
    return pc + 1;
  }

  /** `edge <roles> <active> <lim> <late> <window> <prompt> <ack>` (types.ts). */
  function edgeStep(): number {
    const lim = p[s[3]];
    role = first(s[1]);
    if (role === "") {
      if (s[7] === "-") return pc + 1;
      st = "edge";
      if (!degr) emit("W degraded reason=no-ignition");
      degr = true;
      ack = true;
      deadline = now() + lim;
      prompt(s[7], lim, " ack=1");
      arm(deadline);
      return -1;
    }
    deadline = anchor + lim;
    if (s[5] !== "-") announce(s[5], anchor, deadline);
    if (s[6] !== "-") prompt(s[6], deadline - now(), "");
    want = s[2] === "1";
    if (active(role) === want) {
      anchor = now();
      return pc + 1;
    }
    st = "edge";
    const pin = findPin(board, role);
    arm(deadline + ((pin && pin.debounceMs) || 0) + 1);
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
    if (st === "press") pressTick();
    else if (st === "edge") late(now());
    else if (st === "conf") confTimeout();
    else if (st === "meas") measured();
  }

  /** Apply every plan item due now, then wait for the next, measure (fob-test) or go on. */
  function pressTick(): void {
    const pl = plan as Plan;
    if (pi === 0 && !test) {
      emit("I key.start key=" + key + " fob=" + key + (tries > 0 ? " try=" + (tries + 1) : ""));
      if (pl.win > 0) announce("taps", pl.t0, pl.t0 + pl.win);
    }
    while (pi < pl.at.length && pl.at[pi] <= now()) {
      const i = pi++;
      if (!pl.down[i]) bank.release(pl.role[i]);
      else if (!bank.press(pl.role[i], pl.cap[i])) throw "cannot press " + pl.role[i];
    }
    if (pi < pl.at.length) arm(pl.at[pi]);
    else if (test) {
      st = "meas";
      arm(t0 + Math.max(p["pressMs"], p["waitMs"]) + p["quietMs"]);
    } else resume(pc + 1);
  }

  /** The locks cycled: key confirmed; the next key's window opens where the cycle began. */
  function keyOk(): number {
    emit("I key.result key=" + key + " result=confirmed");
    confirmed++;
    done++;
    anchor = cyOn;
    ack = false;
    return pc + 1;
  }

  /** The key cannot be checked (no lock feedback) or the user acked it: unverified, go on. */
  function keyDone(reason: string): void {
    emit("I key.result key=" + key + " result=unverified reason=" + reason);
    done++;
    anchor = now();
    resume(pc + 1);
  }

  function confTimeout(): void {
    const fb = has("lock.feedback");
    if (!fb && !hand) return keyDone("no-feedback");
    const pl = plan as Plan;
    if (!hand && tries < p["retries"] && (winTo === 0 || now() + p["delayMs"] + pl.end - pl.t0 <= winTo)) {
      tries++;
      anchor = now();
      return resume(kpc);
    }
    ack = false;
    emit("E key.result key=" + key + " result=failed reason=" + (fb ? "no-lock-cycle" : "no-ack"));
    emit("W hint id=" + s[1]);
    end(0, "failed", lost());
  }

  function measured(): void {
    const got = rfOn >= 0;
    const lat = rfOn - t0;
    const ok = got && lat <= p["waitMs"];
    if (ok) pass++;
    else failed++;
    const rf = got ? " rf=1 latency=" + lat + " burst=" + ((rfOff >= 0 ? rfOff : now()) - rfOn) : " rf=0 latency=- burst=-";
    emit((ok ? "I" : "E") + " test.button fob=" + key + " button=" + FOB_BUTTONS[btn] + " result=" + (ok ? "PASS" : "FAIL") + rf + (ok ? "" : got ? " reason=slow" : " reason=no-rf"));
    btn++;
    anchor = now();
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
      emit((ok === 1 ? "I" : "E") + " session.end recipe=" + was.name + " ok=" + ok + " keys=" + keys + " confirmed=" + confirmed + " reason=" + reason + more);
    }
  }

  /** An input edge, for the running procedure. */
  function onInput(x: string, on: boolean, at: number): void {
    if (!r) return;
    const ign = x.substring(0, 8) === "ignition";
    if (on && ("," + r.ends + ",").indexOf("," + x + ",") >= 0 && !(st === "edge" && ign && role.substring(0, 8) === "ignition")) {
      return end(0, ign ? "ignition" : "door", lost());
    }
    if (st === "edge" && x === role && on === want) {
      arm(-1);
      if (at > deadline) return late(at);
      anchor = at;
      resume(pc + 1);
    } else if (x === "lock.feedback" && (st === "press" || st === "conf")) {
      if (on && at >= cyFrom && cyOn < 0) cyOn = at;
      else if (!on && cyOn >= 0 && cyOff < 0) {
        cyOff = at;
        if (st === "conf") {
          arm(-1);
          resume(keyOk());
        }
      }
    } else if (x === "rf" && (st === "press" || st === "meas")) {
      if (on && rfOn < 0 && at >= t0) rfOn = at;
      if (!on && rfOn >= 0 && rfOff < 0) rfOff = at;
    }
  }

  // ---- commands
  let c = "";

  function ok(more: string): void {
    emit("I ok cmd=" + c + more);
  }
  /** Refuse the line: `codeAndFields` is `<code>[ k=v...]`. */
  function err(codeAndFields: string): void {
    emit("E error cmd=" + (c === "" ? "-" : bare(c)) + " code=" + codeAndFields);
  }

  /** Defaults overridden by `name=value` (an integer or one of the param's value names); undefined after an error. */
  function params(rc: Recipe, a: ParsedLine): Params | undefined {
    const pa: Params = {};
    const list = paramList(rc);
    for (const q of list) pa[q[0]] = toInt(q[1]);
    for (let i = 0; i < a.names.length; i++) {
      let k = a.names[i];
      if (k === "press") k = "pressMs";
      // keys= and confirm= are pair's own arguments
      if (k !== "keys" && k !== "confirm") {
        let x: string[] | undefined = undefined;
        for (const q of list) if (q[0] === k) x = q;
        if (!x) {
          err("bad-argument id=unknown arg=" + bare(a.names[i]));
          return undefined;
        }
        const lo = toInt(x[2]);
        const hi = toInt(x[3]);
        const t = x.length > 4 ? x[4].split("/").indexOf(a.vals[i]) : -1;
        const v = t >= 0 ? t + lo : toInt(a.vals[i]);
        if (v < lo || v > hi) {
          err("bad-argument id=" + (x.length > 4 ? "values arg=" + bare(a.names[i]) + " values=" + x[4].split("/").join(",") : "range arg=" + bare(a.names[i]) + " lo=" + lo + " hi=" + hi));
          return undefined;
        }
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
    if (!rc || rc.name === "fob-test") err("bad-argument id=usage");
    else if (n < 0 || toInt(arg(a, "confirm")) < 0) err("bad-argument id=keys");
    else if (n < rc.min || n > rc.max) err("keys-out-of-range min=" + rc.min + " max=" + rc.max);
    else if (toInt(arg(a, "confirm")) !== n) err("confirm-mismatch");
    else run(rc, params(rc, a), n);
  }

  function testFob(a: ParsedLine): void {
    const rc = findRecipe("fob-test") as Recipe;
    if (a.pos.length > 0) return err("bad-argument id=usage");
    const pa = params(rc, a);
    if (pa && pa["fob"] > fobs) return err("not-wired role=fob" + pa["fob"]);
    run(rc, pa, 1);
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
    bank.press(sw, Math.min(ms + CAP_MARGIN, board.maxPressMs));
    bank.releaseAt(sw, now() + ms);
  }

  /** One command line. */
  function handle(line: string): void {
    const a = parseLine(line);
    c = a.err.substring(0, 12) === "bad-argument" ? a.name : "";
    if (a.err !== "") return err(a.err);
    c = a.name;
    const busy = !!r || bank.onList() !== "-";
    if (c === "") return;
    if (CMDS.split(" ").indexOf(c) < 0) return err("unknown-command");
    if (busy && c !== "status" && c !== "abort" && c !== "ack") return err("busy");
    if (c === "help") emit('I help cmds="' + CMDS + '"');
    else if (c === "version") emit("I version " + ident + " proto=1");
    else if (c === "status") {
      emit("I status " + (r ? "state=busy recipe=" + r.name + " step=" + st + ":" + s[0] + " key=" + key : "state=idle recipe=- step=- key=0") + " on=" + bank.onList());
    } else if (c === "recipes") {
      for (const x of RECIPE_TABLE) emit("I recipe name=" + x.name + " keys=" + x.min + "-" + x.max + " needs=fob1.unlock,fob1.lock" + (x.needs !== "" ? "," + x.needs : ""));
      return ok(" n=" + RECIPE_TABLE.length);
    } else if (c === "pair") return pair(a);
    else if (c === "test-fob") return testFob(a);
    else if (c === "press") return press(a);
    else if (c === "ack") {
      if (!r || !ack) return err("nothing-to-ack");
      ok("");
      ack = false;
      arm(-1);
      if (st === "edge") {
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
        if (x !== "rf" || r) emit("I input role=" + x + " on=" + (on ? 1 : 0) + " at=" + at);
        onInput(x, on, at);
      }),
    );
  }
  const fw: Firmware = { handleLine: guarded(fail, handle), releaseAll: onFault };
  link.onLine(fw.handleLine);
  emit("I boot " + ident + " fobs=" + fobs + " proto=1");
  return fw;
}
