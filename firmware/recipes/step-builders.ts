import type { AskStep, ConfirmStep, EdgeStep, KeyStep, PressStep, StepCondition } from "./types";

/**
 * HOST ONLY: steps with the optional fields filled in ("" none), so a recipe
 * names only what it uses. The firmware decodes every field from the text.
 */

type EdgeFields = Pick<EdgeStep, "roles" | "active" | "limit"> & Partial<Omit<EdgeStep, "op">>;

/** An `edge` step (types.ts): `late` defaults to timeout, the rest to none. */
export function edge(f: EdgeFields): EdgeStep {
  return { op: "edge", late: "timeout", window: "", prompt: "", ack: "", count: "", minGap: "", span: "", ...f };
}

/** A `confirm` step: the car answers with `pulses` ("" one) on the first wired of `roles` (default the lock feedback). */
export function confirm(hint: string, roles: string[] = ["lock.feedback"], pulses = "", when?: StepCondition): ConfirmStep {
  return { op: "confirm", hint, roles, pulses, ...(when ? { when } : {}) };
}

/** An `ask` step: a person does `prompt` (n = param `count`, one every param `every`) and acks within param `limit`. */
export function ask(prompt: string, limit: string, more: Partial<Pick<AskStep, "count" | "every" | "when">> = {}): AskStep {
  return { op: "ask", prompt, limit, count: "", every: "", ...more };
}

/** A `press` step: `button` for param `length`, param `after` ms after the anchor. */
export function press(button: string, length: string, after: string): PressStep {
  return { op: "press", button, length, after };
}

/** A `key` step that taps param `button` (`count` times, "" once) on each remote; keys past the wired remotes by hand. */
export function pressEachRemote(count = ""): KeyStep {
  return { op: "key", byHand: true, plan: [{ action: "tap", button: "button", length: "tapMs", count }] };
}
