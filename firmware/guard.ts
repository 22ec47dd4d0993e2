/** Where a caught error value goes (firmware.ts: release every switch, emit `fault`, back to idle). */
export type OnError = (e: unknown) => void;

/**
 * `fn` wrapped in try/catch, throws going to `onError`; the arguments are
 * passed through. Wrap once, at start-up, and schedule or register the
 * wrapped function: never a new closure per timer. The firmware's one
 * try/catch (typescript-to-lua makes each a catch function plus a pcall).
 */
export function guarded<F extends (this: void, a: never, b: never) => void>(onError: OnError, fn: F): F {
  const g = (a: never, b: never) => {
    try {
      fn(a, b);
    } catch (e) {
      onError(e);
    }
  };
  return g as unknown as F;
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
