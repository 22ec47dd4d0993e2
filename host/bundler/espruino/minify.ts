import { minify_sync } from "terser";

/**
 * terser for ECMAScript 2015, safe transforms only, with `hoist_funs`: the
 * interpreter does not hoist function declarations, so a declaration must
 * come before any call that runs (the dialect gate checks it after).
 * Locals are mangled (a JsVar holds a short name; a long one takes more);
 * property names are kept: the firmware reads recipe fields by the names its
 * text gives them, and the Espruino API's names must stay.
 */
export function minifyForEspruino(code: string): string {
  const out = minify_sync(code, {
    ecma: 2015,
    compress: { passes: 3, unsafe: false, unsafe_arrows: true, hoist_funs: true, inline: 1 },
    mangle: true,
    format: { ecma: 2015, comments: false, ascii_only: true },
  });
  if (out.code === undefined) throw new Error("terser produced no output");
  return out.code;
}
