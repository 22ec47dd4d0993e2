import type { Param } from "./params";

/**
 * A recipe is data: a key procedure the sequencer (firmware/sequencer.ts)
 * runs step by step. The firmware gets it as text (recipe-text.ts), read when
 * a session starts, so recipes cost no RAM on the device until then.
 *
 * Times are parameters, named by the steps (`limit: "startMs"`), so a user
 * can set them with `pair ... name=value` inside the recipe's ranges.
 */

/** Keys one session takes, for every recipe (the ZKE's limit is 4). */
export const MIN_KEYS = 1;
export const MAX_KEYS = 4;

/** What a firmware needs of a recipe. */
export interface RecipeCore {
  name: string;
  /** Inputs that end a running session when they become active (reason door or ignition). */
  endsOn: string[];
  params: Param[];
  steps: Step[];
}

/** A recipe as the host shows it: the firmware's part plus what a person reads. */
export interface Recipe extends RecipeCore {
  title: string;
  /** Short source codes, `;`-separated (shared/domain.md). */
  sources: string;
}

/** A step runs only when parameter `param` has `value` (a recipe's variants). */
export interface StepCondition {
  param: string;
  value: number;
}

/** `hint`: a `W hint id=<hint>` line. */
export interface HintStep {
  op: "hint";
  when?: StepCondition;
  hint: string;
}

/**
 * `edge`: wait for input `roles` (the first wired of the list) to become
 * `active` by the anchor + param `limit`. `window`: announce that window;
 * `prompt`: prompt that id; `late`: what a missed deadline ends the session
 * with. Not wired: with `ack`, prompt that id (`ack=1`) and wait for the
 * user's `ack` (degraded); without, skip the step. "" is none.
 */
export interface EdgeStep {
  op: "edge";
  when?: StepCondition;
  roles: string[];
  active: boolean;
  limit: string;
  late: "violation" | "timeout";
  window: string;
  prompt: string;
  ack: string;
}

/** `window`: announce window `id` from the anchor, length param `limit`. */
export interface WindowStep {
  op: "window";
  when?: StepCondition;
  id: string;
  limit: string;
}

/**
 * `key`: start the current key at anchor + delayMs and run its plan; with
 * `byHand`, keys past the wired fobs are guided by hand (prompt hand-key).
 */
export interface KeyStep {
  op: "key";
  when?: StepCondition;
  byHand: boolean;
  plan: PlanItem[];
}

/** `confirm`: wait for the locks to cycle (lock.feedback) by the plan's end + confirmMs; retry, or fail with `hint`. */
export interface ConfirmStep {
  op: "confirm";
  when?: StepCondition;
  hint: string;
}

/** `next`: the next key, back to step index `goTo` while keys remain. */
export interface NextKeyStep {
  op: "next";
  when?: StepCondition;
  goTo: number;
}

/** `end`: `prompt id=<prompt>` when given, then `session.end ok=1`. */
export interface EndStep {
  op: "end";
  when?: StepCondition;
  prompt: string;
}

export type Step = HintStep | EdgeStep | WindowStep | KeyStep | ConfirmStep | NextKeyStep | EndStep;

/**
 * One part of a key's plan, laid out from the key's start t0 (firmware/plan.ts).
 * `button` is a parameter holding a button index, or a button name.
 * - hold: press and hold `button` at t0 (tap window param `window` opens); taps begin at t0 + leadMs
 * - tap: tap `button` for param `length` ms, param `count` times ("" once), gapMs apart
 * - release: release the held `button` tailMs after the last tap
 */
export type PlanItem =
  | { action: "hold"; button: string; window: string }
  | { action: "tap"; button: string; length: string; count: string }
  | { action: "release"; button: string };
