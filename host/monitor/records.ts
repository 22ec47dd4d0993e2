/**
 * What the monitor emits, one record per thing that happened on the line.
 * The same records feed the human format, `--json` NDJSON and `--log`.
 * `t` is host time (ms since the Unix epoch) when the bytes arrived.
 */
import type { Level } from "../protocol/event-line";

export interface EventRecord {
  type: "event";
  t: number;
  /** Boot epoch: 1 for the first boot seen, +1 at every reboot. */
  epoch: number;
  seq: number;
  ms: number;
  level: Level;
  event: string;
  fields: Record<string, string | number>;
}

/** A console line that is not a firmware event (REPL echo, prompts, ROM messages). */
export interface RawRecord {
  type: "raw";
  t: number;
  text: string;
  /** Bytes outside printable ASCII were in the line (shown escaped). */
  garbage?: boolean;
  overlong?: boolean;
}

/** Sequence numbers `from`..`to` never arrived. */
export interface LostRecord {
  type: "lost";
  t: number;
  epoch: number;
  from: number;
  to: number;
}

/** The board restarted: a new epoch begins. */
export interface RebootRecord {
  type: "reboot";
  t: number;
  epoch: number;
  reason: string;
  build?: string;
}

/** A command line the user sent to the board. */
export interface SentRecord {
  type: "sent";
  t: number;
  text: string;
}

export interface LinkRecord {
  type: "disconnected" | "reconnected";
  t: number;
  path: string;
}

export type MonitorRecord = EventRecord | RawRecord | LostRecord | RebootRecord | SentRecord | LinkRecord;
