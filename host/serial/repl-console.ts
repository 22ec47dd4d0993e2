/**
 * A conversation with a board's REPL over a `SerialLink`: write text (with
 * XON/XOFF honoured), collect what comes back, and wait for a pattern with a
 * timeout. Timeouts go through injectable timers so tests can use virtual time.
 *
 * When a wait times out the reason is told apart: nothing at all came back
 * (board not answering, exit 5) or bytes came back that are not text
 * (garbage: almost always a wrong baud rate, exit 8).
 */
import type { SerialLink } from "./link";
import { FlowWriter, type FlowWriterOptions } from "./flow-writer";
import { LineSplitter, type SplitLine } from "./line-splitter";
import { boardNotAnswering, garbageOnLine, portDisconnected } from "./port-errors";

/** setTimeout/clearTimeout, real or virtual. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** How much received text is kept for pattern matching. */
const KEEP_CHARS = 64 * 1024;
/** Garbage verdict: at least this many bytes received, this share of them not text. */
const GARBAGE_MIN_BYTES = 32;
const GARBAGE_SHARE = 0.25;

interface Waiter {
  pattern: RegExp;
  resolve: (m: RegExpExecArray) => void;
  reject: (e: Error) => void;
  timer: unknown;
}

export class ReplConsole {
  private received = "";
  private bytesSinceMark = 0;
  private badBytesSinceMark = 0;
  private waiter: Waiter | null = null;
  private readonly splitter: LineSplitter;
  private readonly writer: FlowWriter;
  private readonly lineHandlers = new Set<(line: SplitLine) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private gone = false;

  constructor(
    readonly link: SerialLink,
    private readonly timers: Timers = realTimers,
  ) {
    this.writer = new FlowWriter(link);
    this.splitter = new LineSplitter((l) => this.lineHandlers.forEach((fn) => fn(l)), (b) => this.writer.flow(b));
    this.unsubscribe.push(link.onData((chunk) => this.take(chunk)));
    this.unsubscribe.push(
      link.onClose((reason) => {
        this.gone = true;
        if (reason === "disconnected") this.failWaiter(portDisconnected(link.path, "the conversation with the board"));
      }),
    );
  }

  /** XOFFs the board sent so far. */
  get xoffCount(): number {
    return this.writer.xoffCount;
  }

  /** Every complete line the board sends. Returns an unsubscribe function. */
  onLine(fn: (line: SplitLine) => void): () => void {
    this.lineHandlers.add(fn);
    return () => this.lineHandlers.delete(fn);
  }

  /** Forget what was received so far: the next wait only looks at newer text. */
  mark(): void {
    this.received = "";
    this.bytesSinceMark = 0;
    this.badBytesSinceMark = 0;
  }

  /** Text received since the last mark (bounded to the last 64 KiB). */
  text(): string {
    return this.received;
  }

  /** Write text or bytes, slice by slice, waiting out XOFF. */
  async write(data: string | Uint8Array, opts?: FlowWriterOptions): Promise<void> {
    if (this.gone) throw portDisconnected(this.link.path, "a write");
    await this.writer.write(data, opts);
  }

  /**
   * Resolve with the first match of `pattern` in the text received since the
   * last mark; reject with a typed error after `timeoutMs`.
   */
  waitFor(pattern: RegExp, timeoutMs: number, expected: string): Promise<RegExpExecArray> {
    if (this.waiter) return Promise.reject(new Error("ReplConsole: one wait at a time"));
    const now = pattern.exec(this.received);
    if (now) return Promise.resolve(now);
    if (this.gone) return Promise.reject(portDisconnected(this.link.path, "the conversation with the board"));
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.waiter = null;
        reject(this.timeoutError(timeoutMs, expected));
      }, timeoutMs);
      this.waiter = { pattern, resolve, reject, timer };
    });
  }

  /** Stop listening to the link (the link itself stays open). */
  detach(): void {
    for (const off of this.unsubscribe) off();
    this.failWaiter(new Error("ReplConsole detached"));
  }

  /** A garbage verdict (exit 8) when what came since the mark is mostly not text; null otherwise. */
  garbageSinceMark(): Error | null {
    return this.looksLikeGarbage() ? garbageOnLine(this.link.path, this.link.baudRate, `${this.badBytesSinceMark} of ${this.bytesSinceMark} bytes are not text`) : null;
  }

  /** The error for a wait that timed out: garbage or silence. */
  private timeoutError(timeoutMs: number, expected: string): Error {
    return this.garbageSinceMark() ?? boardNotAnswering(this.link.path, timeoutMs, expected);
  }

  private looksLikeGarbage(): boolean {
    return this.bytesSinceMark >= GARBAGE_MIN_BYTES && this.badBytesSinceMark >= this.bytesSinceMark * GARBAGE_SHARE;
  }

  private take(chunk: Buffer): void {
    this.splitter.push(chunk);
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 0x11 || c === 0x13) continue;
      this.bytesSinceMark++;
      if ((c < 0x20 || c > 0x7e) && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x08 && c !== 0x1b) this.badBytesSinceMark++;
    }
    this.received += chunk.toString("latin1");
    if (this.received.length > KEEP_CHARS) this.received = this.received.slice(-KEEP_CHARS);
    const w = this.waiter;
    if (!w) return;
    const m = w.pattern.exec(this.received);
    if (m) {
      this.waiter = null;
      this.timers.clearTimeout(w.timer);
      w.resolve(m);
    } else if (this.looksLikeGarbage()) {
      this.waiter = null;
      this.timers.clearTimeout(w.timer);
      w.reject(this.timeoutError(0, ""));
    }
  }

  private failWaiter(err: Error): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    this.timers.clearTimeout(w.timer);
    w.reject(err);
  }
}
