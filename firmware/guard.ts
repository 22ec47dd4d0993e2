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

/** The message of a caught error value. */
export function errorText(e: unknown): string {
  return typeof e === "string" ? e : e instanceof Error ? e.message : "error";
}
