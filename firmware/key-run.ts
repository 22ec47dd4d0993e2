import { emit } from "./event-log";
import { firstWired } from "./inputs";
import { buildPlan, handKeyFields, type Plan } from "./plan";
import { optional, stepApplies } from "./recipes/steps";
import type { ConfirmStep, KeyStep, PressStep, RecipeCore } from "./recipes/types";
import { KEY_FAILED, run, State, WAIT } from "./run-state";
import { announce, keyResult, prompt, session } from "./session";
import { pressSwitch, releaseSwitch } from "./switch-bank";

/**
 * The current key: its `key` step (presses laid out at absolute times from
 * t0, or a prompt when it is guided by hand), the presses as they fall due,
 * and its `confirm` step (the car's answer: on-off pulses of the lock
 * feedback or the hazard lamps, a retry, or failure). A `press` step runs
 * its one press the same way, outside any key. The step functions return the
 * next step index, WAIT with `run.state` and `run.wakeAt` set for the
 * sequencer, or KEY_FAILED.
 */
let plan: Plan | undefined = undefined;
/** The plan is a `press` step's: no `key.start`, and its start becomes the anchor. */
let entryPress = false;
/** The input the car answers on for this key ("" none wired), and the pulses it must show. */
let answerRole = "";
let pulsesNeeded = 1;
let pulses = 0;
/** The current key's `key` step (a retry goes back to it). */
let keyPc = 0;
let byHand = false;
let tries = 0;
/** Next plan item to apply. */
let next = 0;
/** Lock cycles count from then; the cycle's on and off times, -1 until seen. */
let cycleFrom = 0;
let cycleOn = -1;
let cycleOff = -1;

/** A new session or the next key: no retries yet. */
export function resetTries(): void {
  tries = 0;
}

/** The input the current key's answer comes on ("" none). */
export function confirmRole(): string {
  return answerRole;
}

export function keyStep(s: KeyStep, now: number): number {
  const p = run.params;
  const key = session.key;
  keyPc = run.pc;
  cycleFrom = now;
  cycleOn = -1;
  cycleOff = -1;
  pulses = 0;
  expectAnswer();
  byHand = key > session.fobs;
  if (byHand) {
    emit("I key.start key=" + key + " fob=0");
    prompt("hand-key", Math.max(run.windowEnd - now, 0), handKeyFields(s.plan, p));
    return run.pc + 1;
  }
  const t0 = Math.max(run.anchor + p["delayMs"], now);
  plan = buildPlan(s.plan, p, key, t0);
  cycleFrom = plan.last;
  return startPresses(false);
}

/** A `press` step: one press of the current key's fob, `after` ms after the anchor. */
export function pressStep(s: PressStep, now: number): number {
  const p = run.params;
  const t0 = Math.max(run.anchor + p[s.after], now);
  plan = buildPlan([{ action: "tap", button: s.button, length: s.length, count: "" }], p, session.key, t0);
  return startPresses(true);
}

function startPresses(entry: boolean): number {
  entryPress = entry;
  next = 0;
  run.state = State.Press;
  run.wakeAt = (plan as Plan).t0;
  return WAIT;
}

/** Which input the key's `confirm` step (the next one that applies) reads, and how many pulses it needs. */
function expectAnswer(): void {
  const steps = (run.recipe as RecipeCore).steps;
  answerRole = "";
  for (let i = run.pc + 1; i < steps.length; i++) {
    const c = steps[i];
    if (c.op === "confirm" && stepApplies(c, run.params)) {
      answerRole = firstWired(c.roles);
      pulsesNeeded = optional(run.params, c.pulses, 1);
      return;
    }
  }
}

/** Apply every press due at `now` (`key.start` first): WAIT for the next, or the next step when the plan is done. */
export function pressesDue(now: number): number {
  const pl = plan as Plan;
  const key = session.key;
  if (next === 0 && !entryPress) {
    emit("I key.start key=" + key + " fob=" + key + (tries > 0 ? " try=" + (tries + 1) : ""));
    if (pl.win > 0) announce("taps", pl.t0, pl.t0 + pl.win, 0);
  }
  while (next < pl.at.length && pl.at[next] <= now) {
    const i = next++;
    if (!pl.down[i]) releaseSwitch(pl.role[i]);
    else if (!pressSwitch(pl.role[i], pl.cap[i])) throw "cannot press " + pl.role[i];
  }
  if (next < pl.at.length) {
    run.wakeAt = pl.at[next];
    return WAIT;
  }
  if (entryPress) run.anchor = pl.t0;
  return run.pc + 1;
}

export function confirmStep(now: number): number {
  const p = run.params;
  // the car may have answered while the plan still ran (a long hold)
  if (answerRole !== "" && cycleOff >= 0) return keyConfirmed();
  run.state = State.Confirm;
  // a key by hand has until its window ends (or from now) plus the tap window, when the recipe has one
  run.deadline = (byHand ? Math.max(run.windowEnd, now) + (p["tapWindowMs"] || 0) : (plan as Plan).end) + p["confirmMs"];
  run.waitsAck = byHand && answerRole === "";
  run.wakeAt = run.deadline;
  return WAIT;
}

/** An edge of the answer input: true when it completes the pulses the car must show (each on, then off). */
export function answerEdge(on: boolean, at: number): boolean {
  if (on && at >= cycleFrom && cycleOn < 0) cycleOn = at;
  else if (!on && cycleOn >= 0 && cycleOff < 0 && ++pulses >= pulsesNeeded) {
    cycleOff = at;
    return true;
  }
  return false;
}

/** The car answered: key confirmed; the next key's window opens where the answer began. */
export function keyConfirmed(): number {
  keyResult("confirmed");
  run.anchor = cycleOn;
  run.waitsAck = false;
  return run.pc + 1;
}

/** The key cannot be checked (no lock feedback) or the user acked it: unverified, go on. */
export function keyUnverified(reason: string, now: number): number {
  keyResult("unverified reason=" + reason);
  run.anchor = now;
  return run.pc + 1;
}

/** No lock cycle in time: go on unverified, retry the key, or KEY_FAILED (the session must end). */
export function confirmTimeout(now: number): number {
  if (answerRole === "" && !byHand) return keyUnverified("no-feedback", now);
  if (!byHand && tries < run.params["retries"] && retryFits(now)) {
    tries++;
    run.anchor = now;
    return keyPc;
  }
  run.waitsAck = false;
  keyResult("failed reason=" + (answerRole === "" ? "no-ack" : answerRole === "lock.feedback" ? "no-lock-cycle" : "no-" + answerRole));
  emit("W hint id=" + (run.step as ConfirmStep).hint);
  return KEY_FAILED;
}

/** Does another try of the current key, started at `now`, still end inside the window? */
function retryFits(now: number): boolean {
  const pl = plan as Plan;
  return run.windowEnd === 0 || now + run.params["delayMs"] + pl.end - pl.t0 <= run.windowEnd;
}
