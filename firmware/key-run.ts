import { FOB_BUTTONS } from "../hal/board-device";
import { emit } from "./event-log";
import { buildPlan, type Plan } from "./plan";
import type { ConfirmStep, KeyStep } from "./recipes/types";
import { KEY_FAILED, run, State, WAIT } from "./run-state";
import { announce, keyResult, prompt, session } from "./session";
import { pressSwitch, releaseSwitch } from "./switch-bank";

/**
 * The current key: its `key` step (presses laid out at absolute times from
 * t0, or a prompt when it is guided by hand), the presses as they fall due,
 * and its `confirm` step (the lock feedback's on and off edges, a retry, or
 * failure). The step functions return the next step index, WAIT with
 * `run.state` and `run.wakeAt` set for the sequencer, or KEY_FAILED.
 */
let plan: Plan | undefined = undefined;
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

export function keyStep(s: KeyStep, now: number): number {
  const p = run.params;
  const key = session.key;
  keyPc = run.pc;
  cycleFrom = now;
  cycleOn = -1;
  cycleOff = -1;
  byHand = key > session.fobs;
  if (byHand) {
    emit("I key.start key=" + key + " fob=0");
    prompt("hand-key", run.windowEnd - now, " hold=" + FOB_BUTTONS[p["hold"]] + " tap=" + FOB_BUTTONS[p["tap"]] + " n=" + p["taps"]);
    return run.pc + 1;
  }
  const t0 = Math.max(run.anchor + p["delayMs"], now);
  plan = buildPlan(s.plan, p, key, t0);
  cycleFrom = plan.last;
  next = 0;
  run.state = State.Press;
  run.wakeAt = t0;
  return WAIT;
}

/** Apply every press due at `now` (`key.start` first): WAIT for the next, or the next step when the plan is done. */
export function pressesDue(now: number): number {
  const pl = plan as Plan;
  const key = session.key;
  if (next === 0) {
    emit("I key.start key=" + key + " fob=" + key + (tries > 0 ? " try=" + (tries + 1) : ""));
    if (pl.win > 0) announce("taps", pl.t0, pl.t0 + pl.win);
  }
  while (next < pl.at.length && pl.at[next] <= now) {
    const i = next++;
    if (!pl.down[i]) releaseSwitch(pl.role[i]);
    else if (!pressSwitch(pl.role[i], pl.cap[i])) throw "cannot press " + pl.role[i];
  }
  if (next >= pl.at.length) return run.pc + 1;
  run.wakeAt = pl.at[next];
  return WAIT;
}

export function confirmStep(): number {
  const p = run.params;
  run.state = State.Confirm;
  run.deadline = (byHand ? run.windowEnd + p["tapWindowMs"] : (plan as Plan).end) + p["confirmMs"];
  run.waitsAck = byHand && !run.lockFeedback;
  if (run.lockFeedback && cycleOff >= 0) return keyConfirmed();
  run.wakeAt = run.deadline;
  return WAIT;
}

/** A lock feedback edge: true when it completes a cycle (on, then off). */
export function lockEdge(on: boolean, at: number): boolean {
  if (on && at >= cycleFrom && cycleOn < 0) cycleOn = at;
  else if (!on && cycleOn >= 0 && cycleOff < 0) {
    cycleOff = at;
    return true;
  }
  return false;
}

/** The locks cycled: key confirmed; the next key's window opens where the cycle began. */
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
  if (!run.lockFeedback && !byHand) return keyUnverified("no-feedback", now);
  if (!byHand && tries < run.params["retries"] && retryFits(now)) {
    tries++;
    run.anchor = now;
    return keyPc;
  }
  run.waitsAck = false;
  keyResult("failed reason=" + (run.lockFeedback ? "no-lock-cycle" : "no-ack"));
  emit("W hint id=" + (run.step as ConfirmStep).hint);
  return KEY_FAILED;
}

/** Does another try of the current key, started at `now`, still end inside the window? */
function retryFits(now: number): boolean {
  const pl = plan as Plan;
  return run.windowEnd === 0 || now + run.params["delayMs"] + pl.end - pl.t0 <= run.windowEnd;
}
