/**
 * The console of a real-interpreter board carries two conversations: the
 * host's (fobsync flash/pair/monitor, or a scenario's commands) and the pin
 * bridge's (pin-bridge.ts). This keeps them apart:
 *
 * - board output: every bridge line (STX ... LF) is taken out and handed to
 *   `onBridge`; all other bytes go on to the host unchanged;
 * - board input: the host's bytes go in unchanged; a bridge line (an edge)
 *   waits until the host's last line is complete, so it never lands inside
 *   a line the host is typing or uploading.
 */
import { BRIDGE_MARK } from "./pin-bridge";

export class ConsoleMux {
  /** Whether the host's bytes so far end at a line end. */
  private hostAtLineStart = true;
  private waiting: string[] = [];
  /** A bridge line cut by a chunk boundary, without its mark. */
  private partial: string | null = null;

  constructor(
    /** Bytes to the interpreter. */
    private readonly toBoard: (bytes: string) => void,
    /** Bytes for the host (bridge lines removed). */
    private readonly toHost: (bytes: string) => void,
    /** One bridge line, its text without mark and line end. */
    private readonly onBridge: (text: string) => void,
  ) {}

  /** Bytes the host sends. */
  fromHost(bytes: string): void {
    const end = Math.max(bytes.lastIndexOf("\n"), bytes.lastIndexOf("\r"));
    if (end < 0) {
      if (bytes !== "") this.hostAtLineStart = false;
      this.toBoard(bytes);
      return;
    }
    this.toBoard(bytes.slice(0, end + 1));
    this.hostAtLineStart = true;
    this.flush();
    const rest = bytes.slice(end + 1);
    if (rest !== "") {
      this.hostAtLineStart = false;
      this.toBoard(rest);
    }
  }

  /** A complete silent line of the bridge's (ends with LF). */
  inject(line: string): void {
    this.waiting.push(line);
    if (this.hostAtLineStart) this.flush();
  }

  /** Output of the interpreter. */
  fromBoard(bytes: string): void {
    let out = "";
    let i = 0;
    while (i < bytes.length) {
      if (this.partial !== null) {
        const lf = bytes.indexOf("\n", i);
        if (lf < 0) {
          this.partial += bytes.slice(i);
          break;
        }
        const text = this.partial + bytes.slice(i, lf);
        this.partial = null;
        this.onBridge(text.endsWith("\r") ? text.slice(0, -1) : text);
        i = lf + 1;
        continue;
      }
      const mark = bytes.indexOf(BRIDGE_MARK, i);
      if (mark < 0) {
        out += bytes.slice(i);
        break;
      }
      out += bytes.slice(i, mark);
      this.partial = "";
      i = mark + 1;
    }
    if (out !== "") this.toHost(out);
  }

  private flush(): void {
    const lines = this.waiting;
    this.waiting = [];
    for (const line of lines) this.toBoard(line);
  }
}
