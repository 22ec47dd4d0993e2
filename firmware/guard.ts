/** Where a caught error value goes (firmware.ts: release every switch, emit `fault`, back to idle). */
export type OnError = (e: unknown) => void;

/**
 * The message of a caught error value: the firmware throws strings (an
 * `Error` would pull typescript-to-lua's whole Error class family into the Lua
 * bundle); the interpreter throws objects with a `message` (Espruino's Error)
 * or strings (Lua). Anything else is "error".
 *
 * Every entry from outside (a command line, a timer, an input edge) catches
 * its own errors and hands them to the firmware's fault handler: one
 * try/catch per entry function, no wrapper closures (each costs JsVars).
 */
export function errorText(e: unknown): string {
  const m = typeof e === "object" && e ? (e as { message?: unknown }).message : e;
  return typeof m === "string" ? m : "error";
}
