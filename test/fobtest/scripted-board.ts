/**
 * A test double of a board speaking protocol 2, in virtual time, for the
 * host's test loop: `press` closes a switch (its line stamped t0), reports the
 * cell and the RF edges a scripted fob makes, and releases; lines can be
 * delayed after their device time (a slow link, an edge reported after its
 * debounce). It records every command sent.
 */
import type { BoardSession, SessionLine } from "../../host/session/board-session";
import { parseEventLine } from "../../host/protocol/event-line";

export interface ScriptedButton {
  /** RF on-edge this long after the switch closed; null: the fob stays silent. */
  latency: number | null;
  burst: number;
}

export interface ScriptOptions {
  /** Wired buttons by role (`fob1.unlock`) with what the fob does. */
  buttons: Record<string, ScriptedButton>;
  /** Cell mV by fob, when its battery is wired. */
  cells?: Record<number, number>;
  /** Device ms between an RF edge and its line (debounce + link). Default 5. */
  edgeLineDelay?: number;
  /** Device ms between the release and its line. Default 0. */
  releaseLineDelay?: number;
}

export class ScriptedBoard implements BoardSession {
  readonly kind = "sim" as const;
  readonly description = "scripted board";
  readonly sent: Array<{ at: number; command: string }> = [];
  private now = 0;
  private seq = 0;
  private pending: Array<{ due: number; text: () => string }> = [];
  private busyUntil = -1;

  constructor(private readonly opts: ScriptOptions) {}

  private line(due: number, body: (ms: number) => string, ms = due): void {
    this.pending.push({ due, text: () => `@${++this.seq} ${ms} ${body(ms)}` });
    this.pending.sort((a, b) => a.due - b.due);
  }

  async send(command: string): Promise<void> {
    this.sent.push({ at: this.now, command });
    const [name, fob, button, ms] = command.split(" ");
    const t = this.now;
    if (name === "abort") {
      this.line(t, () => "I ok cmd=abort");
      this.busyUntil = -1;
      return;
    }
    if (name !== "press") return this.line(t, () => `E error cmd=${name} code=unknown-command`);
    if (t < this.busyUntil) return this.line(t, () => "E error cmd=press code=busy");
    const role = `fob${fob}.${button}`;
    const b = this.opts.buttons[role];
    if (!b) return this.line(t, () => `E error cmd=press code=not-wired role=${role}`);
    const t0 = t + 1;
    const release = t0 + Number(ms);
    const edgeDelay = this.opts.edgeLineDelay ?? 5;
    this.busyUntil = release;
    this.line(t, () => "I ok cmd=press");
    this.line(t0, () => `I switch role=${role} on=1 max=${Number(ms) + 100}`);
    const cell = this.opts.cells?.[Number(fob)];
    if (cell !== undefined) this.line(t0, () => `I battery fob=${fob} mv=${cell}`);
    if (b.latency !== null) {
      const on = t0 + b.latency;
      this.line(on + edgeDelay, () => `I input role=rf on=1 at=${on}`);
      this.line(on + b.burst + edgeDelay, () => `I input role=rf on=0 at=${on + b.burst}`);
    }
    this.line(release + (this.opts.releaseLineDelay ?? 0), () => `I switch role=${role} on=0 held=${ms}`, release);
  }

  async next(limitMs: number, signal?: AbortSignal): Promise<SessionLine | null> {
    if (signal?.aborted) return null;
    const first = this.pending[0];
    if (!first || first.due > this.now + limitMs) {
      this.now += limitMs;
      return null;
    }
    this.pending.shift();
    this.now = Math.max(this.now, first.due);
    const text = first.text();
    const event = parseEventLine(text);
    return event ? { kind: "event", event, text } : { kind: "raw", text };
  }

  deviceNow(): number {
    return this.now;
  }

  async close(): Promise<void> {}
}
