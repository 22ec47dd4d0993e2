/**
 * A conversation with a board running the fobsync firmware, whatever carries
 * it: the simulated bench in this process (virtual time) or a real board over
 * serial (wall time). Commands (pair, test-fob, demo) speak only to this.
 */
import type { DeviceEvent } from "../protocol/event-line";

/** How long (ms, the session's time) a board has to answer a command line. */
export const ANSWER_MS = 3000;

/**
 * How often a host sends `hb` while a session runs. The board ends a session
 * it has heard nothing from for HOST_SILENCE_MS (5 s, firmware/host-watch.ts).
 */
export const HEARTBEAT_MS = 1000;

/** One line from the board: a parsed firmware event, or anything else (REPL echo, boot noise). */
export type SessionLine = { kind: "event"; event: DeviceEvent; text: string } | { kind: "raw"; text: string };

export interface BoardSession {
  /** What the session runs on, said to the user ("simulated ZKE car, firmware core in-process"). */
  readonly description: string;
  /** "sim": virtual time, runs as fast as it can. "serial": a real board, wall time. */
  readonly kind: "sim" | "serial";
  /** Send one protocol command line (without line end). */
  send(command: string): Promise<void>;
  /**
   * The next line from the board, or null when none came within `limitMs`
   * (virtual ms on the simulator, real ms on serial) or `signal` aborted.
   */
  next(limitMs: number, signal?: AbortSignal): Promise<SessionLine | null>;
  /** Best estimate of the board's clock now (device ms since boot). */
  deviceNow(): number;
  /** A real line's state from now on (serial only): what `lineProblem` judges. */
  markLine?(): void;
  /** What came since `markLine`, judged (serial only): a garbage error (exit 8, the baud hint) when it was mostly not text; null otherwise. */
  lineProblem?(): Error | null;
  /** Release the transport. Safe to call twice. */
  close(): Promise<void>;
}
