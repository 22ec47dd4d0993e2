/**
 * Every clock callback and every line handler runs inside try/catch. On a
 * throw `onFault` runs (set by firmware.ts: release every switch, emit
 * `fault`, reset the sequencer to idle).
 */
export interface Guard {
  onFault: (msg: string) => void;
}

/**
 * `fn` wrapped in try/catch, throws going to `g.onFault`. Wrap once, at
 * start-up, and schedule the wrapped function: never a new closure per timer.
 */
export function guarded(g: Guard, fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (e) {
      fail(g, e);
    }
  };
}

/** Report a caught error value. */
export function fail(g: Guard, e: unknown): void {
  g.onFault(typeof e === "string" ? e : e instanceof Error ? e.message : "error");
}
