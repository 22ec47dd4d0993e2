/**
 * BoardSession over a serial link (a port, the browser's Web Serial port, a
 * WebSocket bridge): commands travel as `fs("...")` REPL calls, lines come
 * back through the line splitter, and device time is estimated from the
 * latest event. `openSerialSession` (open-serial-session.ts) opens a port.
 */
import { ReplConsole } from "../serial/repl-console";
import { withoutReplPrompt } from "../serial/line-splitter";
import { replCommandLine } from "../serial/firmware-command";
import type { SerialLink } from "../serial/link";
import { parseEventLine } from "../protocol/event-line";
import type { BoardSession, SessionLine } from "./board-session";
import { DeviceClockEstimate } from "./device-clock";

export class SerialSession implements BoardSession {
  readonly kind = "serial" as const;
  private readonly queue: SessionLine[] = [];
  private wake: (() => void) | null = null;
  private readonly clock = new DeviceClockEstimate(() => Date.now());
  private closed = false;
  /** The REPL lines sent lately: their echo, and the `=undefined` the REPL answers them with, are not the board's words. */
  private readonly sent: string[] = [];

  private constructor(
    private readonly link: SerialLink,
    private readonly repl: ReplConsole,
    readonly description: string,
  ) {
    repl.onLine((line) => {
      const text = withoutReplPrompt(line.text);
      const event = parseEventLine(text);
      if (event) this.clock.observe(event.ms);
      else if (this.isReplNoise(line.text)) return;
      this.queue.push(event ? { kind: "event", event, text } : { kind: "raw", text: line.text });
      this.wake?.();
    });
    link.onClose(() => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** A session over a link already open; `description` says what it talks to. */
  static over(link: SerialLink, description: string): SerialSession {
    return new SerialSession(link, new ReplConsole(link), description);
  }

  async send(command: string): Promise<void> {
    const line = replCommandLine(command);
    this.sent.push(line.trim());
    if (this.sent.length > 8) this.sent.shift();
    await this.repl.write(line);
  }

  /** The REPL echoing a command line we sent (`>fs("status")`), or its `=undefined` result. */
  private isReplNoise(raw: string): boolean {
    const text = raw.replace(/^(?:>\s?)+/, "").trim();
    return text === "=undefined" || this.sent.includes(text);
  }

  async next(limitMs: number, signal?: AbortSignal): Promise<SessionLine | null> {
    if (this.queue.length === 0 && !this.closed && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, limitMs);
        signal?.addEventListener("abort", done);
        this.wake = done;
      });
    }
    return this.queue.shift() ?? null;
  }

  markLine(): void {
    this.repl.mark();
  }

  lineProblem(): Error | null {
    return this.repl.garbageSinceMark();
  }

  deviceNow(): number {
    return this.clock.now();
  }

  async close(): Promise<void> {
    this.repl.detach();
    await this.link.close();
  }
}
