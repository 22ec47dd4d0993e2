import type { Clock } from "../contracts";

declare function getTime(): number;
declare function setTimeout<A>(fn: (handle: number, job: (arg: A) => void, arg: A) => void, ms: number, handle: number, job: (arg: A) => void, arg: A): number;
declare function clearTimeout(id: number): void;

/** The Espruino clock also converts a watch event's hardware time. */
export interface EspruinoClock extends Clock {
  /** Device ms of an Espruino time in seconds (e.g. a watch event's `e.time`). */
  toMs(seconds: number): number;
}

/**
 * `Clock` on Espruino's `getTime()` (seconds, float) and `setTimeout`.
 *
 * Schedules at ABSOLUTE times: each `at` computes its delay from the current
 * time, so delays never add up. Hands out its own handles and keeps the live
 * ones, because Espruino's timer ids are reused once a timer has fired and
 * `clearTimeout` of an unknown id throws ("Unknown Timeout") and of
 * `undefined` clears EVERY timer: cancelling a fired handle must not touch a
 * newer timer that got the same id. The callback gets its arguments through
 * setTimeout's extra parameters, so no closure is created per timer. One
 * clock per board: its state is module-level (no closures: docs/espruino.md).
 */
let t0 = 0;
let next = 0;
/** Our handle -> Espruino timer id, for timers not yet fired or cancelled. */
const live: { [handle: number]: number } = {};

function toMs(seconds: number): number {
  return Math.floor((seconds - t0) * 1000 + 0.0001);
}

function now(): number {
  return toMs(getTime());
}

function at<A>(atMs: number, fn: (arg: A) => void, arg?: A): number {
  live[++next] = setTimeout(fireTimer, Math.max(0, atMs - now()), next, fn, arg as A);
  return next;
}

function cancel(handle: number): void {
  const id = live[handle];
  if (id === undefined) return;
  delete live[handle];
  clearTimeout(id);
}

/** setTimeout target: forget the handle, then run the job. */
function fireTimer<A>(handle: number, job: (arg: A) => void, arg: A): void {
  delete live[handle];
  job(arg);
}

/** The board's clock, its zero now. */
export function espruinoClock(): EspruinoClock {
  t0 = getTime();
  return { now, toMs, at, cancel };
}
