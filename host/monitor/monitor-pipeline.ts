/**
 * Bytes from the board (live or recorded) into monitor records: split into
 * lines, parse firmware events, detect lost lines and reboots. One pipeline
 * serves `monitor` and `replay`, so a recording replays exactly as it was seen.
 */
import { commandInReplLine } from "../serial/firmware-command";
import { parseEventLine } from "../protocol/event-line";
import { LineSplitter, withoutReplPrompt, type SplitLine } from "../serial/line-splitter";
import type { MonitorRecord } from "./records";
import { SequenceTracker } from "./sequence-tracker";

export class MonitorPipeline {
  private readonly splitter: LineSplitter;
  private readonly tracker = new SequenceTracker();
  private now = 0;

  constructor(private readonly emit: (rec: MonitorRecord) => void) {
    this.splitter = new LineSplitter((line) => this.line(line));
  }

  /** Current boot epoch (0 until the first event). */
  get epoch(): number {
    return this.tracker.epoch;
  }

  /** Bytes received at host time `t`. */
  rx(chunk: Uint8Array, t: number): void {
    this.now = t;
    this.splitter.push(chunk);
  }

  /** A command the host sent at `t`. A reset the host asked for explains the next reboot. */
  tx(text: string, t: number): void {
    const clean = text.replace(/[\r\n]+$/, "");
    if (/\b(reset|load|E\.reboot|node\.restart)\(/.test(clean)) this.tracker.noteHint(`requested by the host: ${clean}`);
    // a firmware command reads as the command (`status`, not `fs("status")`); the heartbeat is plumbing
    const command = commandInReplLine(clean);
    if (command === "hb") return;
    this.emit({ type: "sent", t, text: command ?? clean });
  }

  /** The port went away at `t`. */
  disconnected(t: number, path: string): void {
    this.splitter.flush();
    this.tracker.noteHint("the port went away and came back (power cycle or replug)");
    this.emit({ type: "disconnected", t, path });
  }

  /** The port came back at `t`. */
  reconnected(t: number, path: string): void {
    this.emit({ type: "reconnected", t, path });
  }

  /** End of input: emit a trailing partial line. */
  end(): void {
    this.splitter.flush();
  }

  private line(line: SplitLine): void {
    const t = this.now;
    const ev = line.garbage || line.overlong ? null : parseEventLine(withoutReplPrompt(line.text));
    if (!ev) {
      if (line.text === "" && !line.overlong) return;
      this.tracker.rawLine(line.text);
      this.emit({ type: "raw", t, text: line.text, ...(line.garbage ? { garbage: true } : {}), ...(line.overlong ? { overlong: true } : {}) });
      return;
    }
    for (const note of this.tracker.event(ev)) {
      if (note.kind === "lost") this.emit({ type: "lost", t, epoch: this.tracker.epoch, from: note.from, to: note.to });
      else this.emit({ type: "reboot", t, epoch: this.tracker.epoch, reason: note.reason, ...(note.build ? { build: note.build } : {}) });
    }
    this.emit({ type: "event", t, epoch: this.tracker.epoch, seq: ev.seq, ms: ev.ms, level: ev.level, event: ev.event, fields: ev.fields });
  }
}
