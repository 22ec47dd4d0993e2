/**
 * Recipes are data (docs/protocol.md "Recipes"). The sequencer interprets
 * `steps`; `validate.ts` checks a recipe with its parameters against the board
 * before anything is pressed.
 */

/** A parameter: name, default, range; `v` names the values lo..hi (e.g. buttons). */
export interface Param {
  n: string;
  d: number;
  lo: number;
  hi: number;
  v?: string[];
}

/**
 * One part of a key's press plan, laid out from the key's start time t0:
 *   hold: press button `b` at t0 (window `w` opens: `tapWindowMs`); taps begin at t0 + leadMs
 *   tap:  press button `b` `n` times (param, default 1) for `on` ms (param, default tapMs), gapMs apart
 *   rel:  release the held button `b` tailMs after the last tap
 * `b` is a parameter holding a button index, a button name, or "*" (fob-test's current button).
 */
export interface PlanStep {
  k: string;
  b: string;
  n?: string;
  on?: string;
  w?: string;
}

/**
 * One step of a recipe (`op`):
 *   hint  `id`: a `hint` W line (the sentence is on the host: host/protocol/texts.ts)
 *   edge  wait input `r` (first wired of the list) to become active (`a`=1) or inactive (0)
 *         by anchor + param `lim`; `w`: announce that window; `id`: prompt; `late`: what a
 *         missed deadline ends the session with (violation|timeout); not wired: with `ack` prompt
 *         that id (`ack=1`) and wait for `ack` (degraded), without `ack` skip the step
 *   win   announce window `id` from the anchor, length param `lim`
 *   key   start the current key at anchor + delayMs and run `plan` (hand-guided past the wired fobs)
 *   conf  wait the locks to cycle (lock.feedback) by the plan's end + confirmMs; retry or fail
 *   next  next key: back to step `to` while keys remain
 *   end   `prompt id=<id>` when `id` is set, then `session.end ok=1`
 *   tst/tb/bat/tend  fob-test: start, press each wired button and measure rf, battery, end
 * `c`/`cv`: run the step only when param `c` equals `cv`.
 */
export interface Step {
  op: string;
  id?: string;
  r?: string[];
  a?: number;
  lim?: string;
  late?: string;
  w?: string;
  ack?: string;
  to?: number;
  plan?: PlanStep[];
  c?: string;
  cv?: number;
}

/** A recipe as the device runs it (titles and sources stay on the host: info.ts). */
export interface Recipe {
  name: string;
  min: number;
  max: number;
  /** Roles that must be wired besides the fob buttons the plan uses. */
  needs: string[];
  /** Inputs that end a running session when they become active (reason door or ignition). */
  ends: string[];
  params: Param[];
  steps: Step[];
  /** Keys past the wired fobs are guided by hand (prompt id=hand-key). */
  hand: boolean;
  /** Hint id after a key failed ("" none). */
  fail: string;
  /** A session ended early reports the keys not done (`session.end lost=<first>`). */
  lose: boolean;
}

/** Parameter values by name. */
export type Params = { [name: string]: number };
