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

/** How sure a recipe is: `manual` quotes an owner's or service manual; `forum` is forum copy or folklore. */
export type Confidence = "manual" | "forum";

/** What a firmware needs of a recipe. */
export interface RecipeCore {
  name: string;
  /**
   * Inputs that end a running session when they become active (reason door
   * or ignition); `<role>.off` when the input goes inactive.
   */
  endsOn: string[];
  /**
   * Inputs that must be inactive when a session starts (a ZKE car that shows
   * locked does not arm its learn mode): the firmware refuses `not-ready`
   * otherwise (readiness.ts, which reads the active-ending `endsOn` inputs
   * the same way). [] for none.
   */
  ready: string[];
  /** The most keys the car learns in one session (at most MAX_KEYS). */
  maxKeys: number;
  /** A forum-only recipe runs only when the user accepted that (`pair ... forum=1`). */
  confidence: Confidence;
  params: Param[];
  steps: Step[];
}

/** Where a recipe comes from, and how sure that source is. */
export interface Source {
  cite: string;
  confidence: Confidence;
}

/** A recipe as the host shows it: the firmware's part plus what a person reads. */
export interface Recipe extends RecipeCore {
  title: string;
  /**
   * The remotes the car knew that a session leaves out: `erased` (the learn
   * mode replaces the car's list: they stop working; `pair` warns first) or
   * `kept` (a resync, or memory slots the session does not touch).
   */
  leftOut: "erased" | "kept";
  /** The cars it applies to, as a person reads them ("Ford, most models before 2011"). */
  cars: string[];
  sources: Source[];
}

/**
 * A step runs only when parameter `param` has `value`, or with `atLeast` is at
 * least `value` (a recipe's variants; `key` is the key running now, 1-based).
 */
export interface StepCondition {
  param: string;
  value: number;
  atLeast?: boolean;
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
 *
 * Counting (params, "" for none): `count` edges in all, each reported as a
 * `count` line; the edges after the first within `span` of the first (else
 * each within `limit` of the last); every edge at least `minGap` after the
 * last edge or the anchor, or the session ends `violation reason=too-fast`.
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
  count: string;
  minGap: string;
  span: string;
}

/**
 * `press`: press `button` (a parameter holding a button index, or a button
 * name) of the current key's fob for param `length` ms, param `after` ms
 * after the anchor; the press's start is the next anchor. A button press that
 * is part of a procedure's entry, not a key's own plan.
 */
export interface PressStep {
  op: "press";
  when?: StepCondition;
  button: string;
  length: string;
  after: string;
}

/**
 * `ask`: a step a person performs and acknowledges (insert a key, work the
 * door-lock switch): prompt `prompt` with `ack=1` and wait for the user's
 * `ack` for param `limit` ms (else `timeout`). `count` and `every` (params,
 * "" none) go on the prompt as `n=` and `every=` (do it n times, one every ms).
 */
export interface AskStep {
  op: "ask";
  when?: StepCondition;
  prompt: string;
  limit: string;
  count: string;
  every: string;
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

/**
 * `confirm`: wait for the car's answer on input `roles` (the first wired:
 * lock feedback, hazard lamps): param `pulses` ("" one) on-off pulses from
 * the key's last tap to the plan's end + confirmMs; retry, or fail with
 * `hint`. None of the roles wired: the key is unverified.
 */
export interface ConfirmStep {
  op: "confirm";
  when?: StepCondition;
  hint: string;
  roles: string[];
  pulses: string;
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

export type Step = HintStep | EdgeStep | PressStep | AskStep | WindowStep | KeyStep | ConfirmStep | NextKeyStep | EndStep;

/**
 * One part of a key's plan, laid out from the key's start t0 (firmware/plan.ts).
 * `button` is a parameter holding a button index, or a button name.
 * - hold: press and hold `button` at t0 (tap window param `window` opens); taps begin at t0 + leadMs
 * - tap: tap `button` for param `length` ms, param `count` times ("" once), gapMs apart
 * - release: release the held `button` tailMs after the last tap
 * - pause: nothing pressed for param `length` ms
 * A `count` of `key` taps as many times as the key's number (VW/Audi memory slots).
 */
export type PlanItem =
  | { action: "hold"; button: string; window: string }
  | { action: "tap"; button: string; length: string; count: string }
  | { action: "release"; button: string }
  | { action: "pause"; length: string };
