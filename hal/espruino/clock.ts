import type { Clock } from "../contracts";

declare function getTime(): number;
declare function setTimeout(fn: (clock: EspruinoClock, handle: number, job: () => void) => void, ms: number, clock: EspruinoClock, handle: number, job: () => void): number;
declare function clearTimeout(id: number): void;

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
export class EspruinoClock implements Clock {
  /** `getTime()` at boot: device ms count from here. */
  private t0: number;
  private next = 0;
  /** Our handle -> Espruino timer id, for timers not yet fired or cancelled. */
  live: { [handle: number]: number } = {};

  constructor() {
    this.t0 = getTime();
  }

  now(): number {
    return this.toMs(getTime());
  }

  /** Device ms of an Espruino time in seconds (e.g. a watch event's `e.time`). */
  toMs(seconds: number): number {
    return Math.floor((seconds - this.t0) * 1000 + 0.0001);
  }

  at(atMs: number, fn: () => void): number {
    const handle = ++this.next;
    this.live[handle] = setTimeout(fireTimer, Math.max(0, atMs - this.now()), this, handle, fn);
    return handle;
  }

  cancel(handle: number): void {
    const id = this.live[handle];
    if (id === undefined) return;
    delete this.live[handle];
    clearTimeout(id);
  }
}

/** setTimeout target: forget the handle, then run the job. */
function fireTimer(clock: EspruinoClock, handle: number, job: () => void): void {
  delete clock.live[handle];
  job();
}
