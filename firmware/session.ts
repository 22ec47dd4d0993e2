import { emit } from "./event-log";

/**
 * The key-count side of a pairing session: how many keys the user said they
 * have, which key runs now, and how each ended. It writes `session.start`,
 * the prompts and windows of the current key, `key.result` and
 * `session.end`; `lost=` names the first key not done when a session ends
 * early (its remote may no longer work: the user must know).
 */
export const session = {
  recipe: "",
  keys: 0,
  /** The key running now, 1-based. */
  key: 0,
  confirmed: 0,
  done: 0,
  /** Keys past this many are guided by hand. */
  fobs: 0,
};

export function beginSession(recipe: string, keys: number): void {
  session.recipe = recipe;
  session.keys = keys;
  session.key = 1;
  session.confirmed = 0;
  session.done = 0;
  emit("I session.start recipe=" + recipe + " keys=" + keys + " fobs=" + session.fobs);
}

/** How the current key ended: `confirmed` (the locks cycled), `unverified reason=...` or `failed reason=...`. */
export function keyResult(result: string): void {
  const failed = result.substring(0, 6) === "failed";
  emit((failed ? "E" : "I") + " key.result key=" + session.key + " result=" + result);
  if (result === "confirmed") session.confirmed++;
  if (!failed) session.done++;
}

/** On to the next key: false when every key is done (the current key stays the last). */
export function nextKey(): boolean {
  if (session.key >= session.keys) return false;
  session.key++;
  return true;
}

/** ` lost=<first key not done>` when the session ends early, else "". */
export function lostKeys(): string {
  return session.done >= session.keys ? "" : " lost=" + (session.done + 1);
}

/** The `session.end` line: the reason, then `more`. */
export function sessionEnd(ok: boolean, reason: string, more: string): void {
  emit((ok ? "I" : "E") + " session.end recipe=" + session.recipe + " ok=" + (ok ? 1 : 0) + " keys=" + session.keys + " confirmed=" + session.confirmed + " reason=" + reason + more);
}

/** `prompt id key ms` plus `more` (`ack=1`, hand-key buttons): what the user must do now. */
export function prompt(id: string, ms: number, more: string): void {
  emit("I prompt id=" + id + " key=" + session.key + " ms=" + ms + more);
}

/** `window id key from to [min]`: a car window opened (absolute device ms); `min` > 0: nothing may come sooner than from + min. */
export function announce(id: string, from: number, to: number, min: number): void {
  emit("I window id=" + id + " key=" + session.key + " from=" + from + " to=" + to + (min > 0 ? " min=" + min : ""));
}
