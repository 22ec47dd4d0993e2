/**
 * The end-of-session summary, computed from the firmware's events alone
 * (key.start, key.result, violation, session.end). A pure function.
 */
import { describe } from "../protocol/texts";
import { numberField, textField, type DeviceEvent } from "../protocol/event-line";

export interface KeySummary {
  key: number;
  /** The wired fob that was pressed; null for a key guided by hand (`byHand`) or not started. */
  fob: number | null;
  /** The key had no wired fob: the user pressed its buttons, guided by the prompts. */
  byHand: boolean;
  result: string;
  reason: string;
  text: string;
}

export interface PairSummary {
  type: "summary";
  ok: boolean;
  recipe: string;
  keysAsked: number;
  keysConfirmed: number;
  /** session.end reason (done, abort, violation, timeout, door, ignition, error) or "no-end". */
  reason: string;
  keys: KeySummary[];
  violations: string[];
  /** What the session ran on. */
  on: string;
}

/** Summarise the events of one pairing session. ok only when every asked key was confirmed. */
export function summarise(events: DeviceEvent[], recipe: string, keysAsked: number, on: string): PairSummary {
  const keys: KeySummary[] = [];
  for (let k = 1; k <= keysAsked; k++) keys.push({ key: k, fob: null, byHand: false, result: "not done", reason: "-", text: "" });
  const violations: string[] = [];
  let reason = "no-end";
  for (const ev of events) {
    const key = numberField(ev, "key");
    const row = Number.isInteger(key) ? keys[key - 1] : undefined;
    if (ev.event === "key.start" && row) {
      const fob = numberField(ev, "fob");
      // the firmware says fob=0 for a key past the wired fobs, guided by hand
      row.fob = Number.isInteger(fob) && fob > 0 ? fob : null;
      row.byHand = fob === 0;
      row.result = "started";
    } else if (ev.event === "key.result" && row) {
      row.result = textField(ev, "result");
      row.reason = textField(ev, "reason") || "-";
      row.text = describe(ev) ?? "";
    } else if (ev.event === "violation") {
      violations.push(describe(ev) ?? textField(ev, "id"));
    } else if (ev.event === "session.end") {
      reason = textField(ev, "reason") || "done";
    }
  }
  const keysConfirmed = keys.filter((k) => k.result === "confirmed").length;
  return { type: "summary", ok: keysConfirmed === keysAsked && keysAsked > 0, recipe, keysAsked, keysConfirmed, reason, keys, violations, on };
}
