/**
 * Recipes are data, written compactly because they ship in the device bundle
 * (10 KB on Espruino; a string costs a few JsVars, an object one per field).
 * The sequencer interprets `steps`; `validate.ts` checks a recipe with its
 * parameters against the board before anything is pressed; the host view
 * (`index.ts`) decodes the same text into tables for `fobsync recipes`.
 *
 * `params`: comma-separated parameters, each `name default [hi | value names]`;
 *   the device takes 0..hi (PARAM_MAX, decode.ts, without a bound); value names
 *   (`unlock/lock`) name the values 0.. (`hold=lock` is `hold=1`). A bound on
 *   the device is kept where it protects the car: its windows (ignOffMaxMs,
 *   startMs, tapWindowMs, resyncMs) and counts. The full ranges, lower bounds
 *   included, are host data (info.ts `limits`): the host checks them before
 *   it sends a line.
 *
 * `steps`: one string per step, `[cond ]op args...`; `cond` is `param=value`
 *   (the step runs only when the parameter has that value); `-` is "none".
 *   hint <id>                       a `hint` W line
 *   edge <roles> <active> <lim> <late> <window> <prompt> <ack>
 *                                   wait input `roles` (first wired of a comma list) to become
 *                                   active (1) or inactive (0) by anchor + param `lim`; `window`:
 *                                   announce it; `prompt`: prompt that id; `late`: what a missed
 *                                   deadline ends the session with (violation|timeout); not wired:
 *                                   with `ack` prompt that id (`ack=1`) and wait for `ack`
 *                                   (degraded), without it skip the step
 *   win <id> <lim>                  announce window `id` from the anchor, length param `lim`
 *   key [hand] <plan>...            start the current key at anchor + delayMs and run the plan;
 *                                   `hand`: keys past the wired fobs are guided by hand (prompt hand-key)
 *   conf <hint>                     wait the locks to cycle (lock.feedback) by the plan's end +
 *                                   confirmMs; retry, or fail with `hint <hint>`
 *   next <step>                     next key: back to step index `step` while keys remain
 *   end [prompt]                    `prompt id=<prompt>` when given, then `session.end ok=1`
 *
 * A plan item, laid out from the key's start time t0 (plan.ts):
 *   h:<button>:<win>                press and hold `button` at t0 (the tap window, param `win`,
 *                                   opens); taps begin at t0 + leadMs
 *   t:<button>:<len>[:<count>]      tap `button` for param `len` ms, param `count` times (else
 *                                   once), gapMs apart
 *   r:<button>                      release the held `button` tailMs after the last tap
 * A button is a parameter holding a button index, or a button name.
 */
/** Keys one session takes, for every recipe (the ZKE's limit is 4). */
export const MIN_KEYS = 1;
export const MAX_KEYS = 4;

export interface Recipe {
  name: string;
    /** Inputs that end a running session when they become active (reason door or ignition), comma-separated. */
  ends: string;
  params: string;
  steps: string[];
}

/** Parameter values by name. */
export type Params = { [name: string]: number };
