/**
 * Writes one event line `@<seq> <ms> <text>` (docs/protocol.md); `text` is
 * `<L> <event> k=v ...` (level first, one string: shorter calls in the
 * bundle), built by the caller from ids and integers (values from the
 * user's line go through `bare`). firmware.ts numbers the lines.
 */
export type Emit = (text: string) => void;

/** Text from outside the firmware (a token of the user's line, an error message) as a field value: quoted, with `"` turned into `'`, unless it is a bare token. */
export function bare(v: string): string {
  return v !== "" && v.indexOf('"') < 0 && v.indexOf(" ") < 0 ? v : '"' + v.split('"').join("'") + '"';
}
