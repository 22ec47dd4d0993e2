/** Where a caught error value goes (firmware.ts: release every switch, emit `fault`, back to idle). */
export type OnError = (e: unknown) => void;

/**
 * `fn` wrapped in try/catch, throws going to `onError`. Wrap once, at
 * start-up, and schedule the wrapped function: never a new closure per timer.
 */
export function guarded(onError: OnError, fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (e) {
      onError(e);
    }
  };
}

/**
 * The message of a caught error value: the firmware throws strings (an
 * `Error` would pull typescript-to-lua's whole Error class family into the Lua
 * bundle); the interpreter throws objects with a `message` (Espruino's Error)
 * or strings (Lua). Anything else is "error".
 */
export function errorText(e: unknown): string {
  const m = typeof e === "object" && e ? (e as { message?: unknown }).message : e;
  return typeof m === "string" ? m : "error";
}
