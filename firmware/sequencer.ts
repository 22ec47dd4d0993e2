import type { Clock } from "../hal/contracts";
import { emit } from "./event-log";
import type { OnError } from "./guard";
import { debounceOf, firstWired, isActive } from "./inputs";
import { answerEdge, confirmRole, confirmStep, confirmTimeout, keyConfirmed, keyStep, keyUnverified, pressesDue, pressStep, resetTries } from "./key-run";
import type { Params } from "./recipes/params";
import { optional, stepApplies } from "./recipes/steps";
import type { AskStep, EdgeStep, RecipeCore, Step } from "./recipes/types";
import { KEY_FAILED, run, State, STATE_NAMES, WAIT } from "./run-state";
import { announce, beginSession, lostKeys, nextKey, prompt, session, sessionEnd } from "./session";
import { releaseAllSwitches } from "./switch-bank";
import { unwatchHost, watchHost } from "./host-watch";

/**
 * The one state machine that runs a recipe's steps (recipes/types.ts):
 *
 *            pair
 *   idle ─────────────────────► run: execute steps until one has to wait
 *    ▲                            │
 *    │                            ├─► edge     input edges (or ack) by a deadline ── late ─► end violation|timeout
 *    │                            │            counted, each min gap after the last ── early ─► end violation
 *    │                            ├─► ask      a person's step, acked by a deadline ── late ─► end timeout
 *    │                            ├─► press    plan items at absolute times t0 + offset (key-run.ts)
 *    │                            └─► confirm  the car answers (locks, hazards) by plan end + confirmMs ── none ─► retry | end failed
 *    └── end: done | abort | door | ignition | failed | error | host-lost ◄─┘
 *
 * One timer at a time, one timer function. Every time is absolute: the anchor
 * is the last input edge, ack or lock cycle; presses are placed from it,
 * never chained. Events carry ids and numbers only (host/protocol/texts.ts
 * has the sentences). The state is run-state.ts's `run`.
 */
let degraded = false;
let waitRole = "";
let waitActive = false;
let timer = 0;
let clock: Clock | undefined = undefined;
let onError: OnError | undefined = undefined;

export function startSequencer(time: Clock, errors: OnError): void {
  clock = time;
  onError = errors;
}

export function running(): boolean {
  return run.recipe !== undefined;
}

/** `state=... recipe=... step=<state>:<op> key=...` for `status`. */
export function describeRun(): string {
  const r = run.recipe;
  const s = run.step;
  return r && s ? "state=busy recipe=" + r.name + " step=" + STATE_NAMES.split(" ")[run.state] + ":" + s.op + " key=" + session.key : "state=idle recipe=- step=- key=0";
}

/** Start a recipe (validated by the commands); its parameter records are dropped, `params` holds their values. */
export function startRun(recipe: RecipeCore, params: Params, keys: number): void {
  recipe.params = [];
  run.recipe = recipe;
  run.params = params;
  params["key"] = 1;
  run.anchor = now();
  run.windowEnd = 0;
  run.waitsAck = false;
  degraded = false;
  resetTries();
  beginSession(recipe.name, keys);
  watchHost();
  resume(0);
}

/** Is a prompt waiting for the user's `ack`? */
export function waitsForAck(): boolean {
  return run.recipe !== undefined && run.waitsAck;
}

/** The user's `ack`: an edge they performed, or a key guided by hand. */
export function ack(): void {
  run.waitsAck = false;
  arm(-1);
  if (run.state !== State.Edge) return resume(keyUnverified("acked", now()));
  run.anchor = now();
  resume(run.pc + 1);
}

/** End the session: every switch released first, then `session.end` (+`more`). */
export function endRun(ok: boolean, reason: string, more: string): void {
  const was = run.recipe;
  arm(-1);
  unwatchHost();
  releaseAllSwitches();
  run.state = State.Idle;
  run.recipe = undefined;
  run.waitsAck = false;
  if (was) sessionEnd(ok, reason, more);
}

/** An input edge, for the running procedure. */
export function onInput(role: string, on: boolean, at: number): void {
  const recipe = run.recipe;
  if (!recipe) return;
  const ignition = role.substring(0, 8) === "ignition";
  const awaited = run.state === State.Edge && ignition && waitRole.substring(0, 8) === "ignition";
  if (recipe.endsOn.indexOf(on ? role : role + ".off") >= 0 && !awaited) return endRun(false, ignition ? "ignition" : "door", lostKeys());
  if (run.state === State.Edge && role === waitRole && on === waitActive) {
    arm(-1);
    countEdge(run.step as EdgeStep, at);
  } else if (role === confirmRole() && (run.state === State.Press || run.state === State.Confirm) && answerEdge(on, at) && run.state === State.Confirm) {
    arm(-1);
    resume(keyConfirmed());
  }
}

/** An awaited edge: too late, too early, one more to count, or the step is done. */
function countEdge(s: EdgeStep, at: number): void {
  const p = run.params;
  if (at > run.deadline) return late(at);
  const gap = at - run.anchor;
  const min = optional(p, s.minGap, 0);
  if (gap < min) {
    emit("E violation id=" + stepId(s) + " key=" + session.key + " at=" + at + " reason=too-fast gap=" + gap + " min=" + min);
    return endRun(false, "violation", "");
  }
  run.anchor = at;
  const of = optional(p, s.count, 1);
  run.counted++;
  if (run.counted === 1 && s.span !== "") {
    run.deadline = at + p[s.span];
    if (s.window !== "") announce(s.window, at, run.deadline, 0);
  } else if (s.span === "") run.deadline = at + p[s.limit];
  if (of > 1) emit("I count id=" + stepId(s) + " key=" + session.key + " n=" + run.counted + " of=" + of + " at=" + at + " to=" + run.deadline + " min=" + min);
  if (run.counted < of) return arm(wakeAfter(run.deadline));
  resume(run.pc + 1);
}

/** What a step's lines call it: its window, else its prompt. */
function stepId(s: EdgeStep): string {
  return s.window !== "" ? s.window : s.prompt;
}

function now(): number {
  return (clock as Clock).now();
}

/** Run steps from `at` until one waits (its timer armed) or the session ends. */
function resume(at: number): void {
  run.pc = at;
  run.state = State.Run;
  while (run.state === State.Run && run.recipe) {
    const s = run.recipe.steps[run.pc];
    const next = stepApplies(s, run.params) ? exec(s) : run.pc + 1;
    if (next === WAIT) {
      if (run.recipe) arm(run.wakeAt);
      return;
    }
    run.pc = next;
  }
}

/** Execute one step: the next step index, or WAIT when it waits or ended the session. */
function exec(s: Step): number {
  run.step = s;
  if (s.op === "hint") emit("W hint id=" + s.hint);
  else if (s.op === "edge") return edgeStep(s);
  else if (s.op === "window") {
    run.windowEnd = run.anchor + run.params[s.limit];
    announce(s.id, run.anchor, run.windowEnd, 0);
  } else if (s.op === "ask") return askStep(s);
  else if (s.op === "press") return pressStep(s, now());
  else if (s.op === "key") return keyStep(s, now());
  else if (s.op === "confirm") return confirmStep(now());
  else if (s.op === "next") {
    resetTries();
    if (nextKey()) {
      run.params["key"] = session.key;
      return s.goTo;
    }
  } else if (s.op === "end") {
    if (s.prompt !== "") prompt(s.prompt, 0, "");
    endRun(true, "done", "");
    return WAIT;
  } else throw "bad step " + (s as { op: string }).op;
  return run.pc + 1;
}

/** Wait for input edges by a deadline, or for the user's ack when the input is not wired. */
function edgeStep(s: EdgeStep): number {
  const limit = run.params[s.limit];
  const t = now();
  const count = optional(run.params, s.count, 1);
  const n = count > 1 ? " n=" + count : "";
  waitRole = firstWired(s.roles);
  waitActive = s.active;
  run.counted = 0;
  if (waitRole === "") {
    // degraded: the user acks instead
    if (s.ack === "") return run.pc + 1;
    if (!degraded) emit("W degraded reason=no-" + s.roles[0].split(".")[0]);
    degraded = true;
    return waitForAck(s.ack, limit, n);
  }
  run.deadline = run.anchor + limit;
  if (s.window !== "" && s.span === "") announce(s.window, run.anchor, run.deadline, optional(run.params, s.minGap, 0));
  // a single edge already there: nothing to ask of anyone
  if (count === 1 && isActive(waitRole) === s.active) {
    run.anchor = t;
    return run.pc + 1;
  }
  if (s.prompt !== "") prompt(s.prompt, run.deadline - t, n);
  run.state = State.Edge;
  run.wakeAt = wakeAfter(run.deadline);
  return WAIT;
}

/** An edge at the deadline is reported after its debounce: wake then. */
function wakeAfter(deadline: number): number {
  return deadline + (waitRole === "" ? 0 : debounceOf(waitRole) + 1);
}

/** A step a person performs: prompt it (`ack=1`, and how often and how fast) and wait for their ack. */
function askStep(s: AskStep): number {
  const p = run.params;
  const count = optional(p, s.count, 0);
  const every = optional(p, s.every, 0);
  waitRole = "";
  return waitForAck(s.prompt, p[s.limit], (count > 0 ? " n=" + count : "") + (every > 0 ? " every=" + every : ""));
}

/** Prompt `id` with `ack=1` plus `more`, and wait `limit` ms for the user's ack. */
function waitForAck(id: string, limit: number, more: string): number {
  run.waitsAck = true;
  run.deadline = now() + limit;
  prompt(id, limit, " ack=1" + more);
  run.state = State.Edge;
  run.wakeAt = run.deadline;
  return WAIT;
}

/** The one timer: a press falls due, a wait ran out, or a key was not confirmed in time. */
function timerDue(): void {
  try {
    timer = 0;
    if (run.state === State.Press) {
      const next = pressesDue(now());
      if (next === WAIT) arm(run.wakeAt);
      else resume(next);
    } else if (run.state === State.Edge) late(now());
    else if (run.state === State.Confirm) {
      const next = confirmTimeout(now());
      if (next === KEY_FAILED) endRun(false, "failed", lostKeys());
      else resume(next);
    }
  } catch (e) {
    (onError as OnError)(e);
  }
}

/** A deadline passed (or an edge came after it): end with the step's `late` reason (an ask times out). */
function late(at: number): void {
  const s = run.step as EdgeStep;
  if (s.op !== "edge" || s.late !== "violation") return endRun(false, "timeout", "");
  emit("E violation id=" + stepId(s) + " key=" + session.key + " at=" + at + " reason=too-slow" + (run.counted > 0 ? " n=" + run.counted + " of=" + optional(run.params, s.count, 1) : ""));
  endRun(false, "violation", "");
}

/** The one timer: at `t`, or none when `t` < 0 (cancelling handle 0 is a no-op: Clock contract). */
function arm(t: number): void {
  const c = clock as Clock;
  c.cancel(timer);
  timer = t < 0 ? 0 : c.at(t, timerDue);
}
