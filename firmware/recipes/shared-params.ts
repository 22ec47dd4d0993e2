import type { Param } from "./params";

/** Parameters several built-in recipes take, with the same ranges. */
export const IGNITION_WAIT: Param = { name: "ignOnWaitMs", defaultValue: 120000, lo: 10000, hi: 600000 };
export const DELAY: Param = { name: "delayMs", defaultValue: 1000, lo: 0, hi: 10000 };
export const CONFIRM: Param = { name: "confirmMs", defaultValue: 3000, lo: 500, hi: 10000 };
export const RETRIES: Param = { name: "retries", defaultValue: 1, lo: 0, hi: 3 };
/** A button by name: unlock (0) or lock (1). */
export const BUTTON_VALUES = ["unlock", "lock"];
/** Time for a person to do a step and ack it. */
export const ASK: Param = { name: "askMs", defaultValue: 60000, lo: 10000, hi: 300000 };
/** The button a recipe presses when "any button" will do: lock by default. */
export const ANY_BUTTON: Param = { name: "button", defaultValue: 1, lo: 0, hi: 1, values: BUTTON_VALUES };

/** A parameter that may only be `value` (a figure the procedure fixes, shown with the others). */
export function fixed(name: string, value: number): Param {
  return { name, defaultValue: value, lo: value, hi: value };
}

/** How long a tap holds its button (ms); each recipe has its own default. */
export function tapMs(defaultValue: number): Param {
  return { name: "tapMs", defaultValue, lo: 50, hi: 2000 };
}

/** The gap between two taps (ms); each recipe has its own default. */
export function gapMs(defaultValue: number): Param {
  return { name: "gapMs", defaultValue, lo: 50, hi: 5000 };
}

/**
 * What a recipe takes to press one button of each remote and wait for the
 * car's answer (the `key` step of step-builders.ts `pressEachRemote`): the
 * delay, the tap, which button, the answer's wait and the retries.
 */
export function eachRemoteParams(tapDefault: number): Param[] {
  return [DELAY, tapMs(tapDefault), ANY_BUTTON, CONFIRM, RETRIES];
}