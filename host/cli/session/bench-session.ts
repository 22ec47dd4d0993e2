/**
 * BoardSession over the simulated bench (host/sim/bench.ts): the firmware runs
 * against a simulated car, fobs and user in virtual time; `next` advances the
 * virtual clock until the firmware writes a line.
 */
import type { Bench } from "../../sim/bench";
import { parseEventLine } from "../../protocol/event-line";
import type { BoardSession, SessionLine } from "../../session/board-session";

export class BenchSession implements BoardSession {
  readonly kind = "sim" as const;
  private readLines = 0;

  constructor(
    readonly bench: Bench,
    readonly description: string,
  ) {}

  async send(command: string): Promise<void> {
    this.bench.send(command);
  }

  async next(limitMs: number, signal?: AbortSignal): Promise<SessionLine | null> {
    if (signal?.aborted) return null;
    if (this.readLines >= this.bench.lines.length) {
      this.bench.runUntil(() => this.bench.lines.length > this.readLines, limitMs);
    }
    if (this.readLines >= this.bench.lines.length) return null;
    const text = this.bench.lines[this.readLines++];
    const event = parseEventLine(text);
    return event ? { kind: "event", event, text } : { kind: "raw", text };
  }

  /** Let the simulated world run `ms` more (the user finishing the last prompt); pass on the lines written meanwhile. */
  async settle(ms: number, onLine: (line: SessionLine) => void): Promise<void> {
    this.bench.runFor(ms);
    for (let line = await this.next(0); line; line = await this.next(0)) onLine(line);
  }

  deviceNow(): number {
    return this.bench.clock.now();
  }

  async close(): Promise<void> {
    this.bench.close();
  }
}
