import type { Clock, LineLink } from "../hal/contracts";

/** A field value: numbers print as integers, strings bare or quoted. */
export type Field = string | number;

/**
 * Writes event lines `@<seq> <ms> <L> <event> k=v ...` (docs/protocol.md).
 * `fields` alternates key and value. Text containing a space or a `"` is
 * quoted, with `"` turned into `'`; numbers are floored to integers.
 */
export class EventWriter {
  private seq = 0;
  private link: LineLink;
  private clock: Clock;

  constructor(link: LineLink, clock: Clock) {
    this.link = link;
    this.clock = clock;
  }

  emit(level: string, event: string, fields: Field[]): void {
    this.seq++;
    let s = "@" + this.seq + " " + Math.floor(this.clock.now()) + " " + level + " " + event;
    for (let i = 0; i + 1 < fields.length; i += 2) s += " " + fields[i] + "=" + fieldText(fields[i + 1]);
    this.link.write(s);
  }
}

/** One value as it appears on the wire. */
export function fieldText(v: Field): string {
  if (typeof v === "number") return "" + Math.floor(v);
  if (v !== "" && v.indexOf(" ") < 0 && v.indexOf('"') < 0) return v;
  return '"' + v.split('"').join("'") + '"';
}
