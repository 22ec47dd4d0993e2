import type { Clock } from "../contracts";

declare function getTime(): number;
declare function setTimeout(fn: (live: { [handle: number]: number }, handle: number, job: () => void) => void, ms: number, live: { [handle: number]: number }, handle: number, job: () => void): number;
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
 * setTimeout's extra parameters, so no closure is created per timer.
 */
export function espruinoClock(): EspruinoClock {
  const t0 = getTime();
  let next = 0;
  /** Our handle -> Espruino timer id, for timers not yet fired or cancelled. */
  const live: { [handle: number]: number } = {};
  const toMs = (seconds: number) => Math.floor((seconds - t0) * 1000 + 0.0001);
  return {
    now: () => toMs(getTime()),
    toMs: toMs,
    at(atMs: number, fn: () => void): number {
      live[++next] = setTimeout(fireTimer, Math.max(0, atMs - toMs(getTime())), live, next, fn);
      return next;
    },
    cancel(handle: number): void {
      const id = live[handle];
      if (id === undefined) return;
      delete live[handle];
      clearTimeout(id);
    },
  };
}

/** setTimeout target: forget the handle, then run the job. */
function fireTimer(live: { [handle: number]: number }, handle: number, job: () => void): void {
  delete live[handle];
  job();
}
